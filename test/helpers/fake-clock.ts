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

  constructor(start = Date.UTC(2026, 10, 27, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, action: () => void): () => void {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, action };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Timers waiting to run. */
  get pending(): number {
    return this.timers.length;
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
