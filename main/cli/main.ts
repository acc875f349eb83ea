import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { isPbxError } from '../ozeki/errors.ts';
import { DataDirBusy } from '../recorder/data-dir-lock.ts';
import { callsCommand, callsHelp } from './commands/calls.ts';
import { demoPbxCommand, demoPbxHelp } from './commands/demo-pbx.ts';
import { doctorCommand, doctorHelp } from './commands/doctor.ts';
import { recordCommand, recordHelp } from './commands/record.ts';
import { runCommand, runHelp } from './commands/run.ts';
import { CliError, escapingIo, type Terminal } from './io.ts';
import { PBX_FLAG_SPEC } from './pbx-flags.ts';
import { RECORDER_FLAG_SPEC } from './recorder-flags.ts';

const USAGE = [
  'Usage: ozeki-recorder <command> [options]',
  'The PBX password is read from the OZEKI_PASSWORD environment variable.',
  '',
  ...[runHelp, recordHelp, doctorHelp, callsHelp, demoPbxHelp].map((help) => `  ${help}`),
];

function parse<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs one command line; returns the exit code. Every failure is one line on stderr. */
export async function runCli(argv: string[], terminal: Terminal): Promise<number> {
  const io = escapingIo(terminal);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo-pbx':
        await demoPbxCommand(parse(rest, { port: { type: 'string' }, host: { type: 'string' }, 'require-login': { type: 'string' } }).values, io);
        return 0;
      case 'run':
        await runCommand(parse(rest, RECORDER_FLAG_SPEC).values, io);
        return 0;
      case 'record': {
        const { values, positionals } = parse(rest, RECORDER_FLAG_SPEC);
        await recordCommand(positionals[0], values, io);
        return 0;
      }
      case 'doctor':
        await doctorCommand(parse(rest, RECORDER_FLAG_SPEC).values, io);
        return 0;
      case 'calls':
        await callsCommand(parse(rest, { ...PBX_FLAG_SPEC, json: { type: 'boolean' } }).values, io);
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
