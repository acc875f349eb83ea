import { atLevel, isLogLevel, jsonLineLogger, lineLogger, LOG_LEVELS, type Logger, type LogLevel } from '../recorder/logger.ts';
import { CliError, type CliIo } from './io.ts';

/**
 * Warnings and errors unless asked for more: in a terminal, the event lines on standard output already tell what
 * happens to each recording; `--log-level info` adds every move of every recording, for whoever investigates.
 */
export const DEFAULT_LOG_LEVEL: LogLevel = 'warn';

/**
 * The log of run, record and doctor, on standard error: text lines, or JSON lines ({time, level, message}) with
 * --json, at --log-level (recorder-flags.ts lists both flags with the others).
 */
export function cliLogger(flags: { 'log-level'?: string; json?: boolean }, io: CliIo): Logger {
  const level = flags['log-level'] ?? DEFAULT_LOG_LEVEL;
  if (!isLogLevel(level)) throw new CliError(`--log-level is ${LOG_LEVELS.join(', ')} (the default is ${DEFAULT_LOG_LEVEL}), not "${level}".`);
  return atLevel(level, flags.json ? jsonLineLogger(io.err) : lineLogger(io.err));
}
