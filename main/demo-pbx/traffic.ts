import type { DemoClock } from './clock.ts';

/*
 * Calls that come and go by themselves, so the demo looks like a reception desk: callers from outside
 * (numbers with +, leading zeros and spaces; names with accents and &) ring an extension, are answered,
 * sometimes held, and hang up after a while; some give up while ringing.
 */
export interface TrafficHooks {
  activeCount(): number;
  addCall(call: { source: string; destination: string; callerId: string }): string;
  answer(callId: string): void;
  hold(callId: string): void;
  unhold(callId: string): void;
  end(callId: string, by: 'CallerHangUp' | 'CalleeHungUp' | 'Cancelled'): void;
  exists(callId: string): boolean;
}

const CALLERS: readonly { number: string; name: string }[] = [
  { number: '+36 1 234 5678', name: 'Kovács Zoltán' },
  { number: '06301234567', name: 'Müller & Söhne GmbH' },
  { number: '0049 30 1234567', name: 'Anna-Lena Ødegård' },
  { number: '+44 20 7946 0018', name: "Siobhán O'Brien" },
  { number: '0612345678', name: 'José Núñez' },
  { number: '+1 415 555 0134', name: 'Smith & Wesson Inc.' },
  { number: '1003', name: 'Front desk' },
  { number: '004312345', name: '004312345' },
];
const EXTENSIONS = ['1000', '1001', '1002', '1004'];

export interface TrafficOptions {
  random: () => number;
  clock: DemoClock;
  maxCalls: number;
  /** Mean seconds between new calls. */
  meanGapSeconds: number;
}

export class Traffic {
  /** The cancel functions of the timers set and not yet run. */
  private readonly timers = new Set<() => void>();
  private running = false;

  constructor(
    private readonly hooks: TrafficHooks,
    private readonly options: TrafficOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    // Start with a realistic desk: a couple of calls already in progress.
    for (let i = 0; i < Math.min(3, this.options.maxCalls); i++) this.newCall(i > 0);
    this.scheduleNext();
  }

  stop(): void {
    this.running = false;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  private later(seconds: number, action: () => void): void {
    const cancel = this.options.clock.after(seconds * 1000, () => {
      this.timers.delete(cancel);
      if (this.running) action();
    });
    this.timers.add(cancel);
  }

  private between(min: number, max: number): number {
    return min + this.options.random() * (max - min);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.options.random() * items.length)] as T;
  }

  private scheduleNext(): void {
    this.later(this.between(0.3, 1.7) * this.options.meanGapSeconds, () => {
      if (this.hooks.activeCount() < this.options.maxCalls) this.newCall(false);
      this.scheduleNext();
    });
  }

  private newCall(answerNow: boolean): void {
    const caller = this.pick(CALLERS);
    const callId = this.hooks.addCall({ source: caller.number, destination: this.pick(EXTENSIONS), callerId: caller.name });
    if (answerNow) {
      this.hooks.answer(callId);
      this.talk(callId);
      return;
    }
    this.later(this.between(2, 8), () => {
      if (!this.hooks.exists(callId)) return;
      if (this.options.random() < 0.15) {
        this.hooks.end(callId, 'Cancelled');
        return;
      }
      this.hooks.answer(callId);
      this.talk(callId);
    });
  }

  private talk(callId: string): void {
    const talkFor = this.between(20, 150);
    if (this.options.random() < 0.3) {
      const holdAt = this.between(5, talkFor / 2);
      this.later(holdAt, () => this.hooks.exists(callId) && this.hooks.hold(callId));
      this.later(holdAt + this.between(5, 20), () => this.hooks.exists(callId) && this.hooks.unhold(callId));
    }
    this.later(talkFor + 25, () => {
      if (this.hooks.exists(callId)) this.hooks.end(callId, this.options.random() < 0.5 ? 'CallerHangUp' : 'CalleeHungUp');
    });
  }
}
