import { printable, printableJson } from '../recorder/printable.ts';

/** What a command may touch of the outside world. The writers are plain functions, handed on alone (to a logger). */
export interface CliIo {
  /** One line for a person. Control characters in it (from the PBX, say) are shown escaped: it stays one line. */
  out: (line: string) => void;
  /** Like `out`, on standard error. */
  err: (line: string) => void;
  /** One line of JSON for a program, on standard output, safe to print as well. */
  json: (value: unknown) => void;
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT or SIGTERM: long-running commands stop cleanly. */
  stop: AbortSignal;
}

/** The process's own output, lines written exactly as given; tests pass their own. */
export type Terminal = Omit<CliIo, 'json'>;

/**
 * The only way commands write: every human line goes through `printable` and JSON through `printableJson`, so
 * no output, present or future, can pass a terminal control sequence through.
 */
export function escapingIo(terminal: Terminal): CliIo {
  return {
    out: (line) => terminal.out(printable(line)),
    err: (line) => terminal.err(printable(line)),
    json: (value) => terminal.out(printableJson(value)),
    env: terminal.env,
    stop: terminal.stop,
  };
}

/** A failure that ends the command with exit code 1 and this one line. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export function waitForStop(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
