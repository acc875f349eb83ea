import type { Clock } from '../../main/recorder/clock.ts';

/**
 * A clock that moves only when the test says so. `advance(ms)` runs every timer that falls due, in time order,
 * each at its own moment (`now()` reads that moment inside it); timers a timer sets are run too if they fall
 * within the advance.
 */
export class FakeClock implements Clock {
  private time: number;
  private timers: { at: number; seq: number; action: () => void }[] = [];
  private seq = 0;
  private readonly waiting: { ready: () => boolean; wake: () => void }[] = [];

  constructor(start = Date.UTC(2026, 10, 27, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, action: () => void): () => void {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, action };
    this.timers.push(timer);
    for (const waiter of [...this.waiting]) {
      if (!waiter.ready()) continue;
      this.waiting.splice(this.waiting.indexOf(waiter), 1);
      waiter.wake();
    }
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /**
   * Resolves as soon as a timer is pending (at once if one is): a test that moves time in step with I/O waits for
   * the code under test to set its next timer, instead of polling.
   */
  whenPending(): Promise<void> {
    return this.whenSet(() => this.timers.length > 0);
  }

  /**
   * Resolves once `count` timers are pending that fall due `ms` from now (at once if they are): a test waits for the
   * code under test to set those very timers (delayed answers) among others it keeps.
   */
  whenDueIn(ms: number, count = 1): Promise<void> {
    return this.whenSet(() => this.timers.filter((t) => t.at === this.time + ms).length >= count);
  }

  private whenSet(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((wake) => this.waiting.push({ ready, wake }));
  }

  /** Timers waiting to run. */
  get pending(): number {
    return this.timers.length;
  }

  /** How long until the next timer falls due; undefined when none is pending. */
  get nextDueIn(): number | undefined {
    const due = Math.min(...this.timers.map((t) => t.at));
    return Number.isFinite(due) ? due - this.time : undefined;
  }

  /** Moves time forward by `ms`, running what falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.action();
    }
    this.time = end;
  }
}
