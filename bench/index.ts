// npm run bench: every benchmark, one after another, printed as Markdown tables for the README.
import { cpus } from 'node:os';
import { benchBurst } from './burst.ts';
import { benchDownload } from './download.ts';
import { benchExport } from './export.ts';
import { benchIdle } from './idle.ts';
import { benchIdleMemory } from './idle-memory.ts';
import { benchJournal } from './journal.ts';
import { benchLibrarySearch } from './library-search.ts';
import { benchParse } from './parse.ts';
import { benchRender } from './render.ts';
import { benchSave } from './save.ts';
import { benchStartup } from './startup.ts';
import { benchTrim } from './trim.ts';

const benches: [string, string, () => Promise<Record<string, string>>][] = [
  ['download', 'Download of a 200 MB recording', benchDownload],
  ['trim', 'Trim', benchTrim],
  ['burst', 'Burst of RecordCompleted, one for each call the recorder follows', benchBurst],
  ['render', 'Window with 200 live calls (needs Chromium)', benchRender],
  ['library-search', 'Search keystroke in a library of 5,000 recordings (needs Chromium)', benchLibrarySearch],
  ['parse', 'Poll parse', benchParse],
  ['startup', 'Start-up of run', benchStartup],
  ['journal', 'Opening a journal of 10,000 entries', benchJournal],
  ['save', 'Call end to saved file', benchSave],
  ['export', 'Export of 1 GB of recordings into one ZIP (Linux; needs zip)', benchExport],
  ['idle', 'Idle cost of run (Linux)', benchIdle],
  ['idle-memory', 'Memory of an idle run over 10 minutes (Linux; only when named)', benchIdleMemory],
];
// `npm run bench -- trim burst` runs only those. The opt-in ones (ten minutes and more) run only when named.
const only = process.argv.slice(2);
const OPT_IN = ['idle-memory'];

console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n`);
for (const [name, title, run] of benches) {
  if (only.length > 0 ? !only.includes(name) : OPT_IN.includes(name)) continue;
  const results = await run();
  console.log(`### ${title}\n\n| measure | result |\n|---|---|`);
  for (const [measure, result] of Object.entries(results)) console.log(`| ${measure} | ${result} |`);
  console.log('');
}
