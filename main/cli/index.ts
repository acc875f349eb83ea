#!/usr/bin/env node
import { stderrLogger } from '../recorder/logger.ts';
import { installProcessGuards } from '../recorder/process-guards.ts';
import { runCli } from './main.ts';

const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());
// An uncaught exception stops the command as Ctrl+C would (journal flushed), then exits with 1.
let fatal = false;
installProcessGuards(stderrLogger, () => {
  fatal = true;
  stop.abort();
});

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stop: stop.signal,
}).then((code) => process.exit(fatal ? 1 : code));
