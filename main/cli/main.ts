import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { version } from '../../package.json';
import { isPbxError } from '../ozeki/errors.ts';
import { DataDirBusy } from '../recorder/data-dir-lock.ts';
import { callsCommand, callsHelp } from './commands/calls.ts';
import { demoPbxCommand, demoPbxHelp } from './commands/demo-pbx.ts';
import { doctorCommand, doctorHelp } from './commands/doctor.ts';
import { EXPORT_FLAG_SPEC, EXPORT_HELP_LINES, exportCommand, exportHelp } from './commands/export.ts';
import { recordCommand, recordHelp } from './commands/record.ts';
import { ERASE_FLAG_SPEC, eraseCommand, eraseHelp, PRUNE_FLAG_SPEC, pruneCommand, pruneHelp } from './commands/retention.ts';
import { runCommand, runHelp } from './commands/run.ts';
import { CliError, escapingIo, type CliIo, type Terminal } from './io.ts';
import { PBX_FLAG_SPEC } from './pbx-flags.ts';
import { optionLines, RECORDER_FLAG_SPEC } from './recorder-flags.ts';

const PASSWORD_NOTE = 'The PBX password is read from the OZEKI_PASSWORD environment variable.';

const USAGE = [
  'Usage: ozeki-recorder <command> [options]',
  PASSWORD_NOTE,
  '',
  ...[runHelp, recordHelp, doctorHelp, callsHelp, exportHelp, pruneHelp, eraseHelp, demoPbxHelp].map((help) => `  ${help}`),
  '',
  'ozeki-recorder <command> --help shows the options of one command; ozeki-recorder --version, the version.',
];

/** Every command takes --help (or -h): it prints the command's usage and options instead of running it. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

function parse<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, ...HELP_OPTION }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** True when the command was asked for its help, which is then printed (with `more` lines after its usage). */
function helpAsked(values: { help?: boolean | undefined }, help: string, io: CliIo, ...more: string[]): boolean {
  if (!values.help) return false;
  // The password note only for the commands that talk to a PBX (or run one that asks for a login).
  const usesPassword = /--pbx-url|--require-login/.test(help);
  for (const line of [`Usage: ozeki-recorder ${help}`, ...more, ...(usesPassword ? [PASSWORD_NOTE] : [])]) io.out(line);
  return true;
}

/**
 * The flags of a command that takes the recorder's settings (run, record, doctor); undefined when the command was
 * asked for its help, which is then printed with every option.
 */
function recorderArgs(args: string[], help: string, io: CliIo) {
  const parsed = parse(args, RECORDER_FLAG_SPEC);
  return helpAsked(parsed.values, help, io, 'Options:', ...optionLines()) ? undefined : parsed;
}

/** Runs one command line; returns the exit code. Every failure is one line on stderr. */
export async function runCli(argv: string[], terminal: Terminal): Promise<number> {
  const io = escapingIo(terminal);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo-pbx': {
        const { values } = parse(rest, { port: { type: 'string' }, host: { type: 'string' }, 'require-login': { type: 'string' } });
        if (!helpAsked(values, demoPbxHelp, io)) await demoPbxCommand(values, io);
        return 0;
      }
      case 'run': {
        const parsed = recorderArgs(rest, runHelp, io);
        if (parsed) await runCommand(parsed.values, io);
        return 0;
      }
      case 'record': {
        const parsed = recorderArgs(rest, recordHelp, io);
        if (parsed) await recordCommand(parsed.positionals[0], parsed.values, io);
        return 0;
      }
      case 'doctor': {
        const parsed = recorderArgs(rest, doctorHelp, io);
        if (parsed) await doctorCommand(parsed.values, io);
        return 0;
      }
      case 'prune': {
        const { values } = parse(rest, PRUNE_FLAG_SPEC);
        if (!helpAsked(values, pruneHelp, io)) await pruneCommand(values, io);
        return 0;
      }
      case 'erase': {
        const { values } = parse(rest, ERASE_FLAG_SPEC);
        if (!helpAsked(values, eraseHelp, io)) await eraseCommand(values, io);
        return 0;
      }
      case 'calls': {
        const { values } = parse(rest, { ...PBX_FLAG_SPEC, json: { type: 'boolean' } });
        if (!helpAsked(values, callsHelp, io)) await callsCommand(values, io);
        return 0;
      }
      case 'export': {
        const { values } = parse(rest, EXPORT_FLAG_SPEC);
        if (!helpAsked(values, exportHelp, io, ...EXPORT_HELP_LINES)) await exportCommand(values, io);
        return 0;
      }
      case '--version':
      case '-v':
        io.out(version);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        for (const line of USAGE) io.out(line);
        return command === undefined ? 1 : 0;
      default:
        throw new CliError(`Unknown command "${command}". Run "ozeki-recorder help" for the list.`);
    }
  } catch (error) {
    io.err(error instanceof CliError || error instanceof DataDirBusy || isPbxError(error) ? error.message : `Unexpected error: ${String(error)}`);
    return 1;
  }
}
