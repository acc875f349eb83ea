/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT or SIGTERM: long-running commands stop cleanly. */
  stop: AbortSignal;
}

/** A failure that ends the command with exit code 1 and this one line. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export function waitForStop(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
