import { inspect } from 'node:util';
import { printable, printableJson } from './printable.ts';

/**
 * The recorder's one logger: for the people who keep the app running (a log file, a terminal), never for the
 * receptionist (the window shows words of its own). Never pass it a secret or a password.
 */
export interface Logger {
  /** What happened in the normal course: a recording's move, a retry scheduled. */
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The levels, most severe first: a logger at one level also writes the levels before it. */
export const LOG_LEVELS = ['error', 'warn', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const isLogLevel = (text: string): text is LogLevel => (LOG_LEVELS as readonly string[]).includes(text);

/**
 * A logger that hands each entry to `write` as one printable line of text: control characters, PBX text's
 * included, are shown as escapes, and an error's stack follows its message on the same line (`\n` escaped).
 * Every logger of the project is built on it, so all of them write the same text.
 */
/** What was thrown, as text: an Error's stack, a string as it is, anything else as Node shows it (not "[object Object]"). */
function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return typeof error === 'string' ? error : inspect(error, { breakLength: Infinity });
}

export function textLogger(write: (level: LogLevel, text: string) => void): Logger {
  return {
    info: (message) => write('info', printable(message)),
    warn: (message) => write('warn', printable(message)),
    error: (message, error) => write('error', printable(error === undefined ? message : `${message}: ${errorText(error)}`)),
  };
}

/** Lines of `<ISO time> <level> <message>` (and the error's stack), written by `write`. */
export function lineLogger(write: (line: string) => void, now: () => number = Date.now): Logger {
  return textLogger((level, text) => write(`${new Date(now()).toISOString()} ${level.padEnd(5)} ${text}`));
}

/** One JSON object a line, `{"time","level","message"}`, for a program that reads the log. */
export function jsonLineLogger(write: (line: string) => void, now: () => number = Date.now): Logger {
  return textLogger((level, text) => write(printableJson({ time: new Date(now()).toISOString(), level, message: text })));
}

/** `logger` without the entries less severe than `level`. */
export function atLevel(level: LogLevel, logger: Logger): Logger {
  const writes = (entry: LogLevel) => LOG_LEVELS.indexOf(entry) <= LOG_LEVELS.indexOf(level);
  const skip = () => undefined;
  return {
    info: writes('info') ? (message) => logger.info(message) : skip,
    warn: writes('warn') ? (message) => logger.warn(message) : skip,
    error: (message, error) => logger.error(message, error),
  };
}

/** Writes to standard error: the default where nobody gave a logger. */
export const stderrLogger: Logger = lineLogger((line) => process.stderr.write(`${line}\n`));
