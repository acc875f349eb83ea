/**
 * Where the demo PBX's time comes from: the moment (`now`, epoch milliseconds) and timers (`after`, which returns
 * a function that cancels the timer). Call start, answer and end times, ring and talk durations, recording
 * lengths, the traffic generator, the delay faults and throttled downloads all read it, so a test can drive the
 * PBX with a fake clock (test/helpers/fake-clock.ts) and get exact durations without waiting.
 *
 * Why a type of its own rather than main/recorder/clock.ts's `Clock`: the demo PBX stands for the real PBX, so it
 * may import only the protocol (main/ozeki) and node, never the recorder it is the peer of. The shape is the same
 * as `Clock`'s, so one clock object (system or fake) serves both sides.
 */
export interface DemoClock {
  now(): number;
  after(ms: number, action: () => void): () => void;
}

/** Real time. Its timers do not keep the process alive. */
export const systemClock: DemoClock = {
  now: () => Date.now(),
  after(ms, action) {
    const timer = setTimeout(action, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Resolves `ms` later on `clock`. */
export function wait(clock: DemoClock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.after(ms, resolve));
}
