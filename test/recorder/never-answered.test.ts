import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { commandsReceived, pollsReceived, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { postRecordCompleted } from '../../main/demo-pbx/notify.ts';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
import { onFakeClock } from '../helpers/pipeline.ts';
import { journaled, nextEvent, startRecorder, until, type RecorderHarness } from '../helpers/recorder.ts';

/** One poll, handled to the end (the kept segments included). */
async function poll(rec: RecorderHarness): Promise<void> {
  await rec.service.refreshCalls();
  await rec.service.settled();
}

/**
 * One poll whose answer the PBX holds back `lateMs` (the demo PBX's delayMs fault): the PBX takes its snapshot when
 * the poll arrives, then `meanwhile` runs (right after the snapshot), then the clock moves on `lateMs` and the
 * answer is handled to the end.
 */
async function latePoll(pbx: DemoPbx, clock: FakeClock, rec: RecorderHarness, lateMs: number, meanwhile: () => void): Promise<void> {
  pbx.faults.delayMs = lateMs;
  const snapshot = commandsReceived(pbx, 'ListActiveCalls', pollsReceived(pbx) + 1);
  const polled = rec.service.refreshCalls();
  await snapshot;
  meanwhile();
  await clock.whenDueIn(lateMs); // the PBX holds its answer
  clock.advance(lateMs);
  await polled;
  await rec.service.settled();
  pbx.faults.delayMs = 0;
}

/** The sidecar of a saved recording. */
async function sidecarOf(path: string): Promise<Sidecar> {
  return JSON.parse(await readFile(path.replace(/\.wav$/, '.json'), 'utf8')) as Sidecar;
}

/** A ringing call recorded on a fake clock, polled only when the test says (the poll timer is a minute). */
async function ringingRecorded() {
  const { pbx, clock, start } = await onFakeClock({ format: 'wav', pollIntervalMs: 60_000 });
  const callId = pbx.addCall({ source: '1002', destination: '1001', state: 'Ringing' });
  const rec = await start();
  await until(rec, (s) => s.calls.some((c) => c.callId === callId));
  expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
  return { pbx, clock, rec, callId };
}

/** The files in the recordings folder, the trash and claims left out. */
async function folderFiles(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => !name.startsWith('.'));
}

describe('a call recorded while it rang and never answered', () => {
  it('saves nothing: no file in the folder, the PBX file not fetched, the reason journaled and told in words', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'Ringing' });
    const rec = await start();
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));
    const started = await rec.service.toggle(callId);
    expect(started).toMatchObject({ ok: true, status: 'recording' });
    for (let i = 0; i < 12; i++) {
      clock.advance(1000); // 12 s of ringing tone in the PBX's file
      await poll(rec);
    }
    await pbx.endCall(callId, 'Cancelled'); // the caller gives up; the PBX writes its file and sends RecordCompleted

    const notSaved = await nextEvent(rec, 'recording-not-saved');
    expect(notSaved).toMatchObject({ callId, message: 'Not saved — the call was never answered.' });
    await rec.service.settled();
    expect(rec.events.some((e) => e.type === 'recording-saved' || e.type === 'recording-failed' || e.type === 'recording-missed')).toBe(false);
    expect(await folderFiles(rec.folder)).toEqual([]);
    expect(pbx.downloads).toEqual([]);
    expect(rec.service.state()).toMatchObject({ calls: [], inFlight: [] });
    const id = started.ok ? started.recordingId : '';
    expect(await journaled(rec.dataDir, id)).toMatchObject({
      state: 'dismissed',
      failure: { kind: 'refused', message: 'Not saved — the call was never answered.', retryable: false },
    });
    expect(rec.logs.some((line) => line.includes(`Recording ${id} for call ${callId} is not saved: Not saved — the call was never answered.`))).toBe(true);
  });

  it('keeps the conversation of a call answered after the last poll that saw it ring, from that poll on', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' });
    const callId = pbx.addCall({ source: '1002', destination: '1001', state: 'Ringing' });
    const rec = await start();
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));
    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    clock.advance(5000);
    await poll(rec); // still ringing, 5 s into the PBX's file

    // Answered and ended before any poll saw it answered: RecordCompleted comes before the recorder knows.
    pbx.answer(callId);
    clock.advance(3000);
    await pbx.endCall(callId, 'CallerHangUp');
    const saved = await nextEvent(rec, 'recording-saved');
    const sidecar = JSON.parse(await readFile(saved.path.replace(/\.wav$/, '.json'), 'utf8')) as Sidecar;
    expect(sidecar.keptSegments).toEqual([{ startMs: 5000 }]);
    expect(sidecar.durationSeconds).toBe(3);
  });

  it('is not reported missed after a restart when the call ended unanswered while the recorder was stopped', async () => {
    const pbx = await startDemoPbx();
    const first = await startRecorder(pbx);
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'Ringing' });
    await until(first, (s) => s.calls.length === 1);
    expect(await first.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    await first.stop();
    const refused = new Promise<{ ok: boolean }>((resolve) => pbx.once('notification', resolve));
    await pbx.endCall(callId, 'Cancelled');
    expect(await refused).toMatchObject({ ok: false }); // nobody listening: the PBX's one POST is lost

    const second = await startRecorder(pbx, { missedAfterMs: 5 * 60_000 }, { dataDir: first.dataDir, folder: first.folder });
    const notSaved = await nextEvent(second, 'recording-not-saved', () => true, 5000);
    expect(notSaved).toMatchObject({ callId, message: 'Not saved — the call was never answered.' });
    expect(second.events.some((e) => e.type === 'recording-missed')).toBe(false);
    expect((await until(second, (s) => s.inFlight.length === 0)).inFlight).toEqual([]);
  });

  it('says once that it is not saved, even when a late RecordCompleted brings it back and it is set aside again', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav', missedAfterMs: 10_000, pollIntervalMs: 60_000 });
    pbx.faults.notificationsLost = true; // the PBX's RecordCompleted does not come in time
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'Ringing' });
    const rec = await start();
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));
    const started = await rec.service.toggle(callId);
    clock.advance(5000);
    await pbx.endCall(callId, 'Cancelled');
    await poll(rec); // the call is gone: its recording waits for RecordCompleted
    clock.advance(10_000); // none came: the PBX's history says nobody answered
    expect(await nextEvent(rec, 'recording-not-saved')).toMatchObject({ callId, message: 'Not saved — the call was never answered.' });

    const [recording] = pbx.recordingsOf(callId);
    expect(await postRecordCompleted(recording?.finishedUrl ?? '', callId, recording?.recordUrl ?? '')).toEqual({ ok: true });
    await rec.service.settled(); // taken on, saved? the history says again that nobody answered
    expect(rec.events.filter((e) => e.type === 'recording-completed' || e.type === 'recording-not-saved').map((e) => e.type)).toEqual([
      'recording-not-saved',
      'recording-completed',
    ]);
    expect(await journaled(rec.dataDir, started.ok ? started.recordingId : '')).toMatchObject({ state: 'dismissed' });
    expect(await folderFiles(rec.folder)).toEqual([]);
  });

  it('shows the calls and auto-records at the first poll after a restart, while the PBX is slow to read its call history', async () => {
    const clock = new FakeClock();
    const pbx = await startDemoPbx({ clock });
    const rang = [1001, 1002].map((desk) => pbx.addCall({ source: '+36 1 234 5678', destination: String(desk), state: 'Ringing' }));
    const first = await startRecorder(pbx, {}, { clock });
    await until(first, (s) => s.calls.length === 2);
    for (const callId of rang) expect(await first.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    await first.stop();
    for (const callId of rang) await pbx.endCall(callId, 'Cancelled'); // nobody listening: each RecordCompleted is lost

    pbx.faults.historyAnswerDelayMs = 90_000;
    const walkIn = pbx.addCall({ source: '1003', destination: '1001', state: 'InCall' });
    const second = await startRecorder(
      pbx,
      { autoRecord: '1003', pollIntervalMs: 60_000 },
      { clock, dataDir: first.dataDir, folder: first.folder, clientTimeoutMs: 120_000 }, // the client waits for the history
    );
    // The first poll's calls are shown and auto-recorded while both recordings of the last run wait on the history.
    await until(second, (s) => s.calls.some((c) => c.callId === walkIn && c.recording?.startedBy === 'auto'));
    await commandsReceived(pbx, 'GetCallHistory', 2); // both asked at once, not one after another
    expect(second.events.filter((e) => e.type === 'recording-not-saved')).toEqual([]);

    await clock.whenDueIn(90_000, 2); // the PBX holds both answers
    clock.advance(90_000); // the history answers: neither call was answered
    await second.service.settled();
    const notSaved = second.events.flatMap((e) => (e.type === 'recording-not-saved' ? [e.callId] : []));
    expect(notSaved.sort()).toEqual([...rang].sort());
    expect(second.events.some((e) => e.type === 'recording-missed')).toBe(false);
  });
});

describe('a call recorded while it rang, polled by a PBX that answers late', () => {
  it('keeps the conversation from when a poll that saw it ringing was sent, not from when its late answer came', async () => {
    const { pbx, clock, rec, callId } = await ringingRecorded();
    clock.advance(5000); // 5 s of ringing in the PBX's file
    await latePoll(pbx, clock, rec, 3000, () => pbx.answer(callId)); // answered right after the PBX's snapshot

    clock.advance(1000);
    await pbx.endCall(callId, 'CallerHangUp'); // ended before any poll saw it answered
    const saved = await nextEvent(rec, 'recording-saved');
    expect((await sidecarOf(saved.path)).keptSegments).toEqual([{ startMs: 5000 }]); // 4 s of conversation, all kept
  });

  it('keeps the conversation from its answer when the poll that saw it answered comes back late', async () => {
    const { pbx, clock, rec, callId } = await ringingRecorded();
    clock.advance(5000);
    pbx.answer(callId); // 5 s into the PBX's file
    clock.advance(3000);
    await latePoll(pbx, clock, rec, 3000, () => undefined); // the PBX says: 3 s of talk, 3 s before its answer came

    clock.advance(1000);
    await pbx.endCall(callId, 'CallerHangUp');
    const saved = await nextEvent(rec, 'recording-saved');
    expect((await sidecarOf(saved.path)).keptSegments).toEqual([{ startMs: 5000 }]);
  });
});

describe("a call recorded while it rang, with a row in the PBX's history for each leg", () => {
  it.each(['NoAnswer', 'Busy'] as const)('saves the conversation of a call answered after its first leg said %s', async (leg) => {
    const { pbx, clock, rec, callId } = await ringingRecorded();
    clock.advance(4000);
    await poll(rec); // ringing at 1001, 4 s into the PBX's file
    pbx.forward(callId, '1002', leg); // 1001 did not take it: the history's first row for the call says so
    pbx.answer(callId); // 1002 did
    clock.advance(3000);
    await pbx.endCall(callId, 'CallerHangUp'); // before any poll saw it answered; RecordCompleted is taken
    await rec.service.settled();

    expect(rec.events.filter((e) => e.type === 'recording-saved' || e.type === 'recording-not-saved').map((e) => e.type)).toEqual(['recording-saved']);
    const saved = await nextEvent(rec, 'recording-saved');
    expect((await sidecarOf(saved.path)).keptSegments).toEqual([{ startMs: 4000 }]);
  });

  it('saves nothing of a call whose every leg was never answered', async () => {
    const { pbx, clock, rec, callId } = await ringingRecorded();
    clock.advance(4000);
    await poll(rec);
    pbx.forward(callId, '1002', 'NoAnswer');
    clock.advance(3000);
    await pbx.endCall(callId, 'CallerHangUp'); // the caller gives up while 1002 rings: the PBX says Cancelled

    expect(await nextEvent(rec, 'recording-not-saved')).toMatchObject({ callId, message: 'Not saved — the call was never answered.' });
    await rec.service.settled();
    expect(await folderFiles(rec.folder)).toEqual([]);
  });
});
