/**
 * Hands values to `handle` one at a time, and only the latest: values offered while one is being handled replace
 * each other, so a slow handler never works through a backlog of stale ones (polls of the live calls).
 */
export class LatestOnly<T> {
  private pending: { value: T } | undefined;
  private busy = false;

  constructor(private readonly handle: (value: T) => Promise<void>) {}

  /** Offers a value; resolves once it (or a later one) is handled, or at once when a handling already runs. */
  async offer(value: T): Promise<void> {
    this.pending = { value };
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.pending) {
        const { value: next } = this.pending;
        this.pending = undefined;
        await this.handle(next);
      }
    } finally {
      this.busy = false;
    }
  }
}
