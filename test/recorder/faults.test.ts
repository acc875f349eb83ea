import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { DemoPbxOptions } from '../../main/demo-pbx/server.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { recordAndEnd } from '../helpers/pipeline.ts';
import { fileSha256, nextEvent, startRecorder, tempDir, until } from '../helpers/recorder.ts';

/**
 * A demo PBX whose time the test moves on (its recordings are as long as that), beside a recorder on the system
 * clock: its retries, folder checks and missed timers run as in the app, and the test waits for their events.
 */
async function startPbx(options: DemoPbxOptions = {}) {
  const clock = new FakeClock();
  return { pbx: await startDemoPbx({ ...options, clock }), clock };
}

/** Records a new call for `ms` of the PBX's time, then ends it. */
async function recordNewCall({ pbx, clock }: Awaited<ReturnType<typeof startPbx>>, rec: Awaited<ReturnType<typeof startRecorder>>, ms = 300) {
  const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
  await recordAndEnd(pbx, clock, rec, callId, ms);
  return callId;
}

async function audioFiles(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true })).filter((n) => /\.(wav|mp3)$/.test(n) && !n.startsWith('.ozeki-recorder'));
}

describe('nothing is lost when things go wrong', () => {
  it('resumes a download dropped half-way and saves identical bytes', async () => {
    const demo = await startPbx();
    const { pbx } = demo;
    const rec = await startRecorder(pbx, { format: 'wav' });
    pbx.faults.dropNextDownloads = 1;
    const callId = await recordNewCall(demo, rec, 800);
    const saved = await nextEvent(rec, 'recording-saved');
    expect(await fileSha256(saved.path)).toBe(await fileSha256(pbx.recordingsOf(callId)[0]?.file ?? ''));
    const [cut, resumed] = pbx.downloads;
    expect(cut?.range).toBeUndefined();
    expect(resumed?.range ?? 'no Range header', JSON.stringify({ downloads: pbx.downloads, events: rec.events.map((e) => e.type) })).toMatch(
      /^bytes=[1-9]\d*-$/,
    );
  });

  it('finishes a download after the app was stopped in the middle of it and started again', async () => {
    const demo = await startPbx();
    const { pbx } = demo;
    const folder = await tempDir('recordings-');
    const dataDir = await tempDir('data-');
    const first = await startRecorder(pbx, { format: 'wav' }, { folder, dataDir });
    pbx.faults.downloadBytesPerSecond = 20_000; // ~3 s for this call's file, on the PBX's clock
    const serving = once(pbx, 'download');
    const callId = await recordNewCall(demo, first, 3000);
    await serving;
    demo.clock.advance(1000); // one 16 KiB slice of the file is due
    await until(first, (s) => s.inFlight.some((r) => r.state === 'downloading' && r.downloadedBytes === 16 * 1024));
    await first.stop();
    expect(await audioFiles(folder)).toEqual([]);
    pbx.faults.downloadBytesPerSecond = 0;
    const second = await startRecorder(pbx, { format: 'wav' }, { folder, dataDir });
    const saved = await nextEvent(second, 'recording-saved');
    expect(await fileSha256(saved.path)).toBe(await fileSha256(pbx.recordingsOf(callId)[0]?.file ?? ''));
    expect(await audioFiles(folder)).toHaveLength(1);
  });

  it('saves one file when RecordCompleted comes twice', async () => {
    const demo = await startPbx();
    const { pbx } = demo;
    const rec = await startRecorder(pbx);
    pbx.faults.duplicateNotification = true;
    await recordNewCall(demo, rec);
    await nextEvent(rec, 'recording-saved');
    await nextEvent(rec, 'duplicate-notification');
    await rec.service.settled();
    expect(await audioFiles(rec.folder)).toHaveLength(1);
  });

  it('refuses a forged RecordCompleted and writes nothing', async () => {
    const { pbx } = await startPbx();
    const rec = await startRecorder(pbx);
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 1);
    const started = await rec.service.toggle(callId);
    if (!started.ok) throw new Error(started.message);
    const body = new URLSearchParams({ NotificationName: 'RecordCompleted', CallId: callId, RecordURL: `${pbx.url}/HttpRecordings/x.mp3` }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const path of [`/ozeki/record-completed/${started.recordingId}/wrong-secret`, `/ozeki/record-completed/not-a-recording/abc`]) {
      const res = await request(`${rec.service.callbackUrl}${path}`, { method: 'POST', body, headers });
      expect(res.statusCode, path).toBe(403);
      await res.body.dump();
    }
    await rec.service.settled();
    expect(rec.events.filter((e) => e.type === 'recording-completed')).toEqual([]);
    expect(await readdir(rec.folder)).toEqual([]);
  });

  it('refuses a RecordURL on a foreign host, says why and keeps the recording', async () => {
    const demo = await startPbx();
    const { pbx } = demo;
    const rec = await startRecorder(pbx);
    pbx.faults.recordUrlStyle = 'foreign-host';
    const callId = await recordNewCall(demo, rec);
    const failed = await nextEvent(rec, 'recording-failed');
    expect(failed).toMatchObject({ callId, retryable: false });
    expect(failed.message).toContain('which is not the PBX');
    expect(rec.service.state().inFlight).toMatchObject([{ callId, state: 'failed', failure: { kind: 'refused' } }]);
    expect(await audioFiles(rec.folder)).toEqual([]);
  });

  it('copies a RecordURL given as a file path inside the PBX recordings folder', async () => {
    const pbxRecordingsDir = await tempDir('pbx-recordings-');
    const demo = await startPbx({ recordingsDir: pbxRecordingsDir });
    const { pbx } = demo;
    const rec = await startRecorder(pbx, { format: 'wav', pbxRecordingsDir });
    pbx.faults.recordUrlStyle = 'file-path';
    const callId = await recordNewCall(demo, rec);
    const saved = await nextEvent(rec, 'recording-saved');
    expect(await fileSha256(saved.path)).toBe(await fileSha256(pbx.recordingsOf(callId)[0]?.file ?? ''));
  });

  it('reports the PBX down at start, then connects when it is up', async () => {
    const { pbx } = await startPbx();
    pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await pbx.refuseConnections();
    const rec = await startRecorder(pbx);
    const down = await until(rec, (s) => s.link.status === 'unreachable');
    expect(down.link.message).toBe(`Cannot reach the PBX at ${pbx.url}: connection refused.`);
    await pbx.acceptConnections();
    const up = await until(rec, (s) => s.link.status === 'connected' && s.calls.length === 1, 15_000);
    expect(up.link.message).toContain('Connected');
  });

  it('reports a wrong password with its code', async () => {
    const { pbx } = await startPbx({ auth: { username: 'desk', password: 'right' } });
    const rec = await startRecorder(pbx, { username: 'desk' }, { password: 'wrong' });
    const state = await until(rec, (s) => s.link.status === 'auth-failed');
    expect(state.link).toEqual({ status: 'auth-failed', code: 305, message: 'Authentication failed, bad username or password (Ozeki code 305)' });
  });

  it('calls a recording missed when the call ended and no RecordCompleted came', async () => {
    const demo = await startPbx();
    const { pbx } = demo;
    const rec = await startRecorder(pbx, { missedAfterMs: 300 });
    pbx.faults.notificationsLost = true;
    const callId = await recordNewCall(demo, rec, 50);
    const missed = await nextEvent(rec, 'recording-missed');
    expect(missed.callId).toBe(callId);
    expect(rec.service.state().inFlight).toMatchObject([{ state: 'missed', failure: { kind: 'missed' } }]);
  });

  it('saves a recording called missed when its RecordCompleted comes late after all', async () => {
    const demo = await startPbx();
    const { pbx } = demo;
    const rec = await startRecorder(pbx, { missedAfterMs: 300 });
    pbx.faults.notificationsLost = true;
    const callId = await recordNewCall(demo, rec, 50);
    await nextEvent(rec, 'recording-missed');
    const [recording] = pbx.recordingsOf(callId);
    const late = await request(recording?.finishedUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ NotificationName: 'RecordCompleted', CallId: callId, RecordURL: recording?.recordUrl ?? '' }).toString(),
    });
    expect(late.statusCode).toBe(200);
    await late.body.dump();
    const saved = await nextEvent(rec, 'recording-saved');
    expect(await fileSha256(saved.path)).toBe(await fileSha256(recording?.file ?? ''));
  });
});
