#!/usr/bin/env node
import { lineLogger } from '../recorder/logger.ts';
import { installProcessGuards } from '../recorder/process-guards.ts';
import { escapingIo, type Terminal } from './io.ts';
import { runCli } from './main.ts';

const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());
const terminal: Terminal = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stop: stop.signal,
};
// An uncaught exception stops the command as Ctrl+C would (journal flushed), then exits with 1. Its message may
// quote the PBX: it is logged escaped, like every other line.
let fatal = false;
installProcessGuards(lineLogger(escapingIo(terminal).err), () => {
  fatal = true;
  stop.abort();
});

// runCli answers every failure with its exit code: it never rejects.
void runCli(process.argv.slice(2), terminal).then((code) => process.exit(fatal ? 1 : code));
