import { describe, expect, it } from 'vitest';
import { morePolls, startDemoPbx } from '../helpers/demo.ts';
import { nextEvent, startRecorder, tempDir, until } from '../helpers/recorder.ts';
import { stringMatching } from '../helpers/match.ts';

describe('recordings the PBX never delivered', () => {
  it('reports a call that ended while the recorder was stopped as missed at the next start, at once', async () => {
    const pbx = await startDemoPbx();
    const dataDir = await tempDir('data-');
    const first = await startRecorder(pbx, {}, { dataDir });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(first, (s) => s.calls.length === 1);
    expect(await first.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    await first.stop();
    const refused = new Promise<{ ok: boolean }>((resolve) => pbx.once('notification', resolve));
    await pbx.endCall(callId);
    expect(await refused).toMatchObject({ ok: false }); // nobody listening: the PBX's one POST is lost
    const second = await startRecorder(pbx, { missedAfterMs: 5 * 60_000 }, { dataDir, folder: first.folder });
    const missed = await nextEvent(second, 'recording-missed', () => true, 5000);
    expect(missed).toMatchObject({ callId, message: stringMatching(/^Missed — the PBX finished it while Ozeki Recorder was not running/) });
    const entry = (await until(second, (s) => s.inFlight.length === 1)).inFlight[0];
    expect(entry).toMatchObject({ state: 'missed', canRetry: false, canDismiss: true });
  });

  it('keeps a recording whose call goes on across a restart, and saves it when the call ends', async () => {
    const pbx = await startDemoPbx();
    const dataDir = await tempDir('data-');
    const first = await startRecorder(pbx, {}, { dataDir });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(first, (s) => s.calls.length === 1);
    await first.service.toggle(callId);
    const listenPort = Number(new URL(first.service.callbackUrl ?? '').port); // the PBX keeps the FinishedURL it was given
    await first.stop();
    const second = await startRecorder(pbx, { missedAfterMs: 5 * 60_000, listenPort }, { dataDir, folder: first.folder });
    await until(second, (s) => s.calls.some((c) => c.recording?.status === 'recording'));
    await morePolls(pbx, 3);
    await pbx.endCall(callId);
    expect((await nextEvent(second, 'recording-saved')).callId).toBe(callId);
    expect(second.events.some((e) => e.type === 'recording-missed')).toBe(false);
  });

  it('offers Dismiss, not Retry, for a missed recording, and dismissing clears it from the list', async () => {
    const pbx = await startDemoPbx();
    pbx.faults.notificationsLost = true;
    const rec = await startRecorder(pbx, { missedAfterMs: 200 });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 1);
    await rec.service.toggle(callId);
    await pbx.endCall(callId);
    const missed = await nextEvent(rec, 'recording-missed');
    expect(missed.message).toMatch(/never said the recording was ready/);
    expect(await rec.service.retry(missed.id)).toEqual({ ok: false, message: stringMatching(/^The PBX never sent this recording/) });
    expect(await rec.service.dismiss(missed.id)).toEqual({ ok: true, message: 'Dismissed.' });
    expect((await until(rec, (s) => s.inFlight.length === 0)).inFlight).toEqual([]);
    expect(await rec.service.dismiss(missed.id)).toEqual({ ok: false, message: 'Only a failed or missed recording can be dismissed.' });
  });

  it('offers Retry for a failed download, and Retry runs the save again', async () => {
    const pbx = await startDemoPbx();
    pbx.faults.recordUrlStyle = 'foreign-host';
    const rec = await startRecorder(pbx);
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 1);
    await rec.service.toggle(callId);
    await morePolls(pbx, 3);
    await pbx.endCall(callId);
    const failed = await nextEvent(rec, 'recording-failed');
    expect(failed.retryable).toBe(false);
    expect((await until(rec, (s) => s.inFlight[0]?.state === 'failed')).inFlight[0]).toMatchObject({ canRetry: true, canDismiss: true });
    expect(await rec.service.retry(failed.id)).toEqual({ ok: true, message: 'Trying again.' });
    expect((await nextEvent(rec, 'recording-failed', (e) => e !== failed)).message).toBe(failed.message);
  });
});
