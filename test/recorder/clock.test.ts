import { describe, expect, it } from 'vitest';
import { sleep, systemClock } from '../../main/recorder/clock.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

describe('the fake clock', () => {
  it('runs timers in time order, each at its own moment, including timers set by timers', () => {
    const clock = new FakeClock(1000);
    const seen: string[] = [];
    clock.after(300, () => seen.push(`b@${clock.now()}`));
    clock.after(100, () => {
      seen.push(`a@${clock.now()}`);
      clock.after(100, () => seen.push(`c@${clock.now()}`));
    });
    const cancel = clock.after(150, () => seen.push('cancelled'));
    cancel();
    clock.advance(250);
    expect(seen).toEqual(['a@1100', 'c@1200']);
    expect(clock.now()).toBe(1250);
    clock.advance(50);
    expect(seen).toEqual(['a@1100', 'c@1200', 'b@1300']);
    expect(clock.pending).toBe(0);
  });

  it('lets sleep resolve when time passes and reject when aborted', async () => {
    const clock = new FakeClock();
    const slept = sleep(clock, 5000);
    clock.advance(5000);
    await expect(slept).resolves.toBeUndefined();
    const stop = new AbortController();
    const aborted = sleep(clock, 5000, stop.signal);
    stop.abort(new Error('stopping'));
    await expect(aborted).rejects.toThrow('stopping');
    expect(clock.pending).toBe(0);
  });
});

describe('the system clock', () => {
  it('runs a timer and can cancel one', async () => {
    const ran: number[] = [];
    systemClock.after(1, () => ran.push(1))();
    // A later timer runs after the cancelled one would have: when it has run, the cancelled one had its chance.
    await new Promise<void>((resolve) =>
      systemClock.after(2, () => {
        ran.push(2);
        resolve();
      }),
    );
    expect(ran).toEqual([2]);
  });
});
