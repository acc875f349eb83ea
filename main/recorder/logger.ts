import { printable } from './printable.ts';

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

/**
 * Lines of `<ISO time> <level> <message>` (and the error's stack), written by `write`. Each entry is one line:
 * control characters, PBX text's included, are shown as escapes (a stack's newlines as `\n`).
 */
export function lineLogger(write: (line: string) => void, now: () => number = Date.now): Logger {
  const line = (level: string, message: string) => write(printable(`${new Date(now()).toISOString()} ${level} ${message}`));
  return {
    info: (message) => line('info ', message),
    warn: (message) => line('warn ', message),
    error: (message, error) => line('error', error === undefined ? message : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  };
}

/** Writes to standard error: the default where nobody gave a logger. */
export const stderrLogger: Logger = lineLogger((line) => process.stderr.write(`${line}\n`));
