import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startDemoPbx } from '../helpers/demo.ts';
import { nextEvent, startRecorder, until } from '../helpers/recorder.ts';
import { stringMatching } from '../helpers/match.ts';

const TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
const line = (level: 'info' | 'warn' | 'error', text: string) => stringMatching(new RegExp(`^${TIME} ${level.padEnd(5)} ${text}$`));

describe("the recorder's log", () => {
  it("tells a recording's story by its id: every move, a failed save, each retry with its pause", async () => {
    const pbx = await startDemoPbx();
    // A PBX that sends nothing for 300 ms fails the download as a network failure, tried again 200 ms later (the
    // harness's pause). At 1 byte/s its first bytes would take minutes.
    const rec = await startRecorder(pbx, { format: 'wav' }, { downloadLimits: { bodyTimeoutMs: 300 } });
    pbx.faults.downloadBytesPerSecond = 1;
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));
    const started = await rec.service.toggle(callId);
    if (!started.ok) throw new Error(started.message);
    const id = started.recordingId;
    await pbx.endCall(callId);
    await nextEvent(rec, 'recording-failed', (e) => e.id === id);
    // The next try: fast, but its first connection drops half-way, and the download goes on after a pause.
    pbx.faults.downloadBytesPerSecond = 0;
    pbx.faults.dropNextDownloads = 1;
    await nextEvent(rec, 'recording-saved', (e) => e.id === id);

    const story = rec.logs.filter((l) => l.includes(id));
    expect(story).toEqual([
      line('info', `Recording ${id}: requested for call ${callId}\\.`),
      line('info', `Recording ${id}: acknowledged → recording\\.`),
      line('info', `Recording ${id}: notified → completed\\.`),
      line('info', `Recording ${id}: download-started → downloading\\.`),
      line('warn', `Saving recording ${id} failed \\(network\\): The PBX did not answer the download within 0\\.3 s\\. .+`),
      line('info', `Recording ${id}: failed → failed\\.`),
      line('info', `Recording ${id}: saving is tried again in 200 ms\\.`),
      line('info', `Recording ${id}: download-started → downloading\\.`),
      line('info', `Recording ${id}: the download is tried again in \\d+ ms \\(the connection dropped\\)\\.`),
      line('info', `Recording ${id}: downloaded → saving\\.`),
      line('info', `Recording ${id}: saved → saved\\.`),
    ]);
  });

  it('logs a refused Record, a missed recording and every warning the window shows', async () => {
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { missedAfterMs: 200 });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));

    pbx.faults.refuseRecord = true;
    expect(await rec.service.toggle(callId)).toMatchObject({ ok: false });
    expect(rec.logs).toContainEqual(line('warn', `Recording [0-9a-f-]{36} for call ${callId}: Could not start recording: .+`));

    pbx.faults.refuseRecord = false;
    pbx.faults.notificationsLost = true;
    const started = await rec.service.toggle(callId);
    if (!started.ok) throw new Error(started.message);
    await pbx.endCall(callId);
    await nextEvent(rec, 'recording-missed');
    expect(rec.logs).toContainEqual(
      line('warn', `Recording ${started.recordingId} missed: The call ended but the PBX never said the recording was ready\\..*`),
    );

    // A notification with a wrong secret: refused, shown in the window's warnings, and logged without its path.
    const res = await request(`${rec.service.callbackUrl}/ozeki/record-completed/${started.recordingId}/forged-secret-7Qx`, {
      method: 'POST',
      body: new URLSearchParams({ NotificationName: 'RecordCompleted', CallId: callId, RecordURL: `${pbx.url}/HttpRecordings/x.mp3` }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await res.body.dump();
    const detail = 'Refused a notification from 127.0.0.1: Wrong secret.';
    await until(rec, (s) => s.warnings.some((w) => w.kind === 'notification-refused' && w.detail === detail));
    // The log has the whole of it: the plain words and the detail.
    expect(rec.logs).toContainEqual(line('warn', `Ozeki Recorder refused a message that did not come from the PBX\\. ${detail.replace(/\./g, '\\.')}`));
    expect(rec.logs.join('\n')).not.toContain('forged-secret-7Qx');
  });
});
