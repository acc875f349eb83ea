// npm run bench: every benchmark, one after another, printed as Markdown tables for the README.
import { cpus } from 'node:os';
import { benchBurst } from './burst.ts';
import { benchDownload } from './download.ts';
import { benchIdle } from './idle.ts';
import { benchParse } from './parse.ts';
import { benchRender } from './render.ts';
import { benchStartup } from './startup.ts';
import { benchTrim } from './trim.ts';

const benches: [string, string, () => Promise<Record<string, string>>][] = [
  ['download', 'Download of a 200 MB recording', benchDownload],
  ['trim', 'Trim', benchTrim],
  ['burst', 'Burst of RecordCompleted, one for each call the recorder follows', benchBurst],
  ['render', 'Window with 200 live calls (needs npm run build and Chromium)', benchRender],
  ['parse', 'Poll parse', benchParse],
  ['startup', 'Start-up of run (needs npm run build)', benchStartup],
  ['idle', 'Idle cost of run (needs npm run build; Linux)', benchIdle],
];
// `npm run bench -- trim burst` runs only those.
const only = process.argv.slice(2);

console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n`);
for (const [name, title, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  const results = await run();
  console.log(`### ${title}\n\n| measure | result |\n|---|---|`);
  for (const [measure, result] of Object.entries(results)) console.log(`| ${measure} | ${result} |`);
  console.log('');
}
