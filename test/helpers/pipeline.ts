import { expect } from 'vitest';
import type { DemoPbx, DemoPbxOptions } from '../../main/demo-pbx/server.ts';
import { startDemoPbx } from './demo.ts';
import { FakeClock } from './fake-clock.ts';
import { startRecorder, until, type RecorderHarness } from './recorder.ts';

/**
 * A demo PBX and a recorder on one fake clock: the PBX's file is as long as the clock was moved on, and the
 * recorder's pauses fall at exact offsets into it.
 */
export async function onFakeClock(
  overrides: Parameters<typeof startRecorder>[1],
  pbxOptions: DemoPbxOptions = {},
  extra: Omit<NonNullable<Parameters<typeof startRecorder>[2]>, 'clock'> = {},
): Promise<{ pbx: DemoPbx; clock: FakeClock; start: () => Promise<RecorderHarness> }> {
  const clock = new FakeClock();
  const pbx = await startDemoPbx({ ...pbxOptions, clock });
  return { pbx, clock, start: () => startRecorder(pbx, overrides, { ...extra, clock }) };
}

/** Records a call from when the recorder lists it, for `ms` of `clock`'s time, then ends it. */
export async function recordAndEnd(pbx: DemoPbx, clock: FakeClock, rec: RecorderHarness, callId: string, ms: number): Promise<void> {
  await until(rec, (s) => s.calls.some((c) => c.callId === callId));
  expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
  clock.advance(ms);
  await pbx.endCall(callId);
}

/** Records a call, pauses, resumes, and ends the call, each for the time given on `clock`. */
export async function recordWithPause(
  pbx: DemoPbx,
  clock: FakeClock,
  rec: RecorderHarness,
  callId: string,
  times: { recordMs: number; pauseMs: number; resumeMs: number },
): Promise<void> {
  await until(rec, (s) => s.calls.some((c) => c.callId === callId));
  for (const [expected, ms] of [
    ['recording', times.recordMs],
    ['paused', times.pauseMs],
    ['recording', times.resumeMs],
  ] as const) {
    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: expected });
    clock.advance(ms);
  }
  await pbx.endCall(callId);
}
