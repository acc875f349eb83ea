import { describe, expect, it } from 'vitest';
import { CallMonitor } from '../../main/recorder/monitor.ts';
import { clientFor, onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

const INTERVAL = 1000;
const SAFETY_NET = 15_000;

/** A monitor on a real demo PBX and a fake clock, counting the ListActiveCalls the PBX receives. */
async function monitorOnDemoPbx() {
  const pbx = await startDemoPbx();
  const clock = new FakeClock();
  const monitor = new CallMonitor(clientFor(pbx.url), INTERVAL, clock, SAFETY_NET);
  onCleanup(() => monitor.stop());
  let polls = 0;
  pbx.on('command', (c) => {
    if (c.command.toLowerCase() === 'listactivecalls') polls++;
  });
  /** Resolves once the poll in flight (and the one pending) ended and the monitor set its next timer. */
  const idle = async () => {
    await clock.whenPending();
    return clock.nextDueIn;
  };
  return { monitor, clock, polls: () => polls, idle };
}

describe('CallMonitor with CallChanged notifications', () => {
  it('polls every interval without notifications, every safety net while they arrive, and every interval again once they stop', async () => {
    const { monitor, clock, polls, idle } = await monitorOnDemoPbx();
    monitor.start();
    expect(await idle()).toBe(INTERVAL);

    await monitor.pushed(); // a CallChanged: polls at once
    expect(polls()).toBe(2);
    expect(await idle()).toBe(SAFETY_NET);

    clock.advance(5000);
    await monitor.pushed(); // another one 5 s later: the safety net starts from this poll
    expect(polls()).toBe(3);
    expect(await idle()).toBe(SAFETY_NET);

    const safetyNetPoll = new Promise((resolve) => monitor.once('calls', resolve));
    clock.advance(SAFETY_NET); // no notification for 15 s: the safety net polls, and the interval is back
    await safetyNetPoll;
    expect(polls()).toBe(4);
    expect(await idle()).toBe(INTERVAL);
  });

  it('keeps at most one poll in flight and one pending, however many notifications arrive at once', async () => {
    const { monitor, polls, idle } = await monitorOnDemoPbx();
    monitor.start();
    await idle();
    const before = polls();
    await Promise.all(Array.from({ length: 20 }, () => monitor.pushed()));
    await idle();
    expect(polls() - before).toBe(2);
  });
});
