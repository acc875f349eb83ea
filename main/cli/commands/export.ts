import { resolve } from 'node:path';
import { systemClock } from '../../recorder/clock.ts';
import { ExportFailure } from '../../recorder/export/export-failure.ts';
import { NUMBER_MATCHING_WORDS } from '../../../preload/number-words.ts';
import { describeExport, exportRecordings } from '../../recorder/export/export-zip.ts';
import { CliError, type CliIo } from '../io.ts';

export const exportHelp =
  'export --folder DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--number N] --out FILE.zip [--json]   write the recordings of those days (of that number) into one ZIP, with an index';

export const EXPORT_FLAG_SPEC = {
  folder: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  number: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export type ExportFlags = { folder?: string; from?: string; to?: string; number?: string; out?: string; json?: boolean };

/** More lines of `export --help`: what the flags mean. */
export const EXPORT_HELP_LINES = [
  'Days are this computer’s, both included; leave out --from or --to for a range open at that end.',
  `With --number alone, every recording of that number (caller or callee; ${NUMBER_MATCHING_WORDS}).`,
  'The ZIP holds the audio files as they are, their .json descriptions, index.csv and index.html.',
  'An existing FILE.zip is never replaced; nothing is left behind when the export fails or is stopped.',
];

/** ozeki-recorder export: one ZIP of the recordings of a range of days and/or a number, from the folder alone. */
export async function exportCommand(flags: ExportFlags, io: CliIo): Promise<void> {
  if (!flags.folder) throw new CliError('Say which recordings folder to export from with --folder DIR.');
  if (!flags.out) throw new CliError('Say where to write the ZIP with --out FILE.zip.');
  if (flags.from === undefined && flags.to === undefined && flags.number === undefined)
    throw new CliError('Say what to export: --from YYYY-MM-DD and --to YYYY-MM-DD, --number N, or both.');
  const selection = {
    kind: 'filter' as const,
    ...(flags.from !== undefined ? { from: flags.from } : {}),
    ...(flags.to !== undefined ? { to: flags.to } : {}),
    ...(flags.number !== undefined ? { number: flags.number } : {}),
  };
  try {
    const result = await exportRecordings({ folder: resolve(flags.folder), target: resolve(flags.out), selection, clock: systemClock, signal: io.stop });
    if (flags.json) io.json(result);
    else io.out(describeExport(result));
  } catch (error) {
    throw error instanceof ExportFailure ? new CliError(error.message) : error;
  }
}
