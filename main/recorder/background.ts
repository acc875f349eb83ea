import type { Logger } from './logger.ts';

/**
 * Work the recorder starts without waiting for it (a save, a journal write after a timer, an auto-record): each
 * task's failure is logged instead of becoming an unhandled rejection that would end the process, and `settled()`
 * lets a stop wait for what is still running.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `task` (sync or async) now; a failure is logged under `name`. */
  run(name: string, task: () => unknown): void {
    const done: Promise<void> = Promise.resolve()
      .then(task)
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`${name} failed`, error),
      )
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Resolves when every task started so far has ended. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
