import { describe, expect, it } from 'vitest';
import { pollsReceived, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { startRecorder, until } from '../helpers/recorder.ts';

describe('sleep and wake', () => {
  it('after the computer wakes, reads the calls at once and checks the listener', async () => {
    const pbx = await startDemoPbx();
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    // A poll an hour away on a clock that does not move: only wake() can read the calls now.
    const rec = await startRecorder(pbx, { pollIntervalMs: 3_600_000 }, { clock: new FakeClock() });
    await until(rec, (s) => s.calls.length === 1);
    const before = pollsReceived(pbx);

    // The call ended while the laptop slept.
    await pbx.endCall(callId);
    await rec.service.wake();
    expect(pollsReceived(pbx)).toBe(before + 1);
    expect(rec.service.state().calls).toEqual([]);
    expect(rec.service.state().warnings).toEqual([]); // the listener answered its self-test
  });
});
