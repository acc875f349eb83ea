import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { isPbxError } from '../ozeki/errors.ts';
import { callsCommand, callsHelp } from './commands/calls.ts';
import { demoPbxCommand, demoPbxHelp } from './commands/demo-pbx.ts';
import { CliError, type CliIo } from './io.ts';
import { PBX_FLAG_SPEC } from './pbx-flags.ts';

const USAGE = ['Usage: ozeki-recorder <command> [options]', '', `  ${demoPbxHelp}`, `  ${callsHelp}`];

function parse<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs one command line; returns the exit code. Every failure is one line on stderr. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo-pbx':
        await demoPbxCommand(parse(rest, { port: { type: 'string' }, host: { type: 'string' }, 'require-login': { type: 'string' } }).values, io);
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
    io.err(error instanceof CliError || isPbxError(error) ? error.message : `Unexpected error: ${String(error)}`);
    return 1;
  }
}
