import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { callDirection, isMine } from '../../main/recorder/call-direction.ts';
import { keptFrom } from '../../main/recorder/segments.ts';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { onFakeClock } from '../helpers/pipeline.ts';
import { nextEvent, startRecorder, until, type RecorderHarness } from '../helpers/recorder.ts';

/** One poll, handled to the end (auto-record and the kept segments included). */
async function poll(rec: RecorderHarness): Promise<void> {
  await rec.service.refreshCalls();
  await rec.service.settled();
}

const shown = (rec: RecorderHarness, callId: string) => rec.service.state().calls.find((c) => c.callId === callId);

describe('a call recorded while it rang', () => {
  it('keeps nothing of the ringing: the kept time never runs ahead of the talk time, and the file holds the conversation', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'Ringing' });
    const rec = await start();
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));
    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });

    clock.advance(5000); // it rings 5 s more
    await poll(rec);
    expect(shown(rec, callId)).toMatchObject({ state: 'Ringing', talkSeconds: 0, recording: { status: 'recording', keptMs: 0 } });

    pbx.answer(callId);
    clock.advance(3000);
    await poll(rec);
    const talking = shown(rec, callId);
    expect(talking).toMatchObject({ state: 'InCall', talkSeconds: 3, recording: { keptMs: 3000 } });
    clock.advance(2000);
    expect(shown(rec, callId)?.recording?.keptMs).toBe(5000);

    await pbx.endCall(callId);
    const saved = await nextEvent(rec, 'recording-saved');
    const sidecar = JSON.parse(await readFile(saved.path.replace(/\.wav$/, '.json'), 'utf8')) as Sidecar;
    expect(sidecar.keptSegments).toEqual([{ startMs: 5000 }]);
    expect(sidecar.durationSeconds).toBe(5);
  });

  it('stays paused when it was paused while ringing, and keeps from the resume on', () => {
    expect(keptFrom([{ startMs: 0, endMs: 2000 }], 5000)).toEqual([{ startMs: 5000, endMs: 5000 }]);
    expect(keptFrom([{ startMs: 0, endMs: 2000 }, { startMs: 3000 }], 5000)).toEqual([{ startMs: 5000 }]);
    expect(keptFrom([{ startMs: 0, endMs: 2000 }, { startMs: 6000 }], 5000)).toEqual([{ startMs: 6000 }]);
    expect(keptFrom([{ startMs: 0 }], -300)).toEqual([{ startMs: 0 }]);
  });
});

describe('who started a recording, and auto-record that the PBX refused', () => {
  it('marks a recording started by auto-record and one started by a press, and shows a refused auto-record on its call', async () => {
    const clock = new FakeClock();
    const pbx = await startDemoPbx({ clock });
    const rec = await startRecorder(pbx, { autoRecord: '1000' }, { clock });
    const auto = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    const mine = pbx.addCall({ source: '1002', destination: '1001', state: 'InCall' });
    await poll(rec);
    await until(rec, (s) => s.calls.find((c) => c.callId === auto)?.recording?.status === 'recording');
    expect(await rec.service.toggle(mine)).toMatchObject({ ok: true });
    expect(shown(rec, auto)?.recording?.startedBy).toBe('auto');
    expect(shown(rec, mine)?.recording?.startedBy).toBe('me');

    pbx.faults.refuseRecord = true;
    const refused = pbx.addCall({ source: '1000', destination: '1003', state: 'InCall' });
    await poll(rec);
    expect(shown(rec, refused)?.autoRecordProblem).toMatch(/^Auto-record: Could not start recording: .*\(Ozeki code 303\)$/);
    // The PBX records it at the next try: the problem is gone from the row.
    pbx.faults.refuseRecord = false;
    clock.advance(3000);
    await poll(rec);
    await until(rec, (s) => s.calls.find((c) => c.callId === refused)?.recording?.status === 'recording');
    expect(shown(rec, refused)?.autoRecordProblem).toBeUndefined();
  });
});

describe('which way a call goes, and whether it is mine', () => {
  it('calls a call between extensions internal, from outside in, to outside out', () => {
    expect(callDirection({ source: '1000', destination: '1001' }, '')).toBe('internal');
    expect(callDirection({ source: '+36 1 234 5678', destination: '1001' }, '')).toBe('in');
    expect(callDirection({ source: '06301234567', destination: '1001' }, '')).toBe('in');
    expect(callDirection({ source: '1001', destination: '0036 30 123 4567' }, '')).toBe('out');
    expect(callDirection({ source: '1001', destination: '+44 20 7946 0018' }, '1001')).toBe('out');
    // My extension counts as inside however long it is.
    expect(callDirection({ source: '3612345678', destination: '1001' }, '3612345678')).toBe('internal');
    expect(isMine({ source: '1000', destination: '10 01' }, '1001')).toBe(true);
    expect(isMine({ source: '1000', destination: '1002' }, '1001')).toBe(false);
    expect(isMine({ source: '1000', destination: '1002' }, '')).toBe(false);
  });
});

describe('the link while the PBX is down', () => {
  it('says when the PBX last answered, and keeps the calls it last listed', async () => {
    const clock = new FakeClock();
    const pbx = await startDemoPbx({ clock });
    const rec = await startRecorder(pbx, {}, { clock });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await poll(rec);
    const lastGood = clock.now();
    expect(rec.service.state().link).toEqual({ status: 'connected', message: expect.stringMatching(/^Connected/) as string });

    await pbx.refuseConnections();
    clock.advance(1000);
    await poll(rec);
    const down = rec.service.state();
    expect(down.link).toMatchObject({ status: 'unreachable', lastContactAt: lastGood });
    expect(down.calls.map((c) => c.callId)).toEqual([callId]);

    await pbx.acceptConnections();
    await rec.service.refreshCalls();
    const up = await until(rec, (s) => s.link.status === 'connected');
    expect(up.link.lastContactAt).toBeUndefined();
  });
});
