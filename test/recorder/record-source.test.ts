import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { writeDemoRecording, MP3_FRAME_BYTES } from '../../main/demo-pbx/audio.ts';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { startHttpServer } from '../helpers/http-server.ts';
import { fileSha256, nextEvent, type RecorderHarness, startRecorder, tempDir, until } from '../helpers/recorder.ts';

/**
 * A hostile or misconfigured PBX: the call is recorded, and the RecordCompleted that reaches the recorder (with
 * the recording's real FinishedURL and secret) names `recordUrl`. Resolves with what the recorder made of it.
 */
async function deliver(pbx: DemoPbx, rec: RecorderHarness, recordUrl: string) {
  pbx.faults.notificationsLost = true; // only the notification below arrives
  const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
  await until(rec, (s) => s.calls.some((c) => c.callId === callId));
  expect(await rec.service.toggle(callId)).toMatchObject({ ok: true });
  await pbx.endCall(callId);
  const finishedUrl = pbx.recordingsOf(callId)[0]?.finishedUrl ?? '';
  const res = await request(finishedUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ NotificationName: 'RecordCompleted', CallId: callId, RecordURL: recordUrl }).toString(),
  });
  await res.body.dump();
  const outcome = await Promise.race([
    nextEvent(rec, 'recording-failed', (e) => e.callId === callId),
    nextEvent(rec, 'recording-saved', (e) => e.callId === callId),
  ]);
  return { outcome, failure: rec.service.state().inFlight.find((r) => r.callId === callId)?.failure };
}

/** Everything in the recordings folder, the work folder included. */
async function everything(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true })).filter((name) => name !== '.ozeki-recorder').sort();
}

describe('a RecordURL that is a file path', () => {
  it('is refused while no PBX recordings folder is set, saying which setting allows it', async () => {
    const pbxDir = await tempDir('pbx-recordings-');
    const pbx = await startDemoPbx({ recordingsDir: pbxDir });
    const rec = await startRecorder(pbx, { format: 'wav' });
    const file = join(pbxDir, 'call.wav');
    await writeDemoRecording(file, 'wav', 1);
    const { failure } = await deliver(pbx, rec, file);
    expect(failure).toMatchObject({ kind: 'refused', retryable: false });
    expect(failure?.message).toContain('"PBX recordings folder"');
    expect(failure?.message).toContain('--pbx-recordings-dir');
    expect(await everything(rec.folder)).toEqual([]);
  });

  it('is read only inside the PBX recordings folder: no path outside, no link out, no network share, no other host', async () => {
    const pbxDir = await tempDir('pbx-recordings-');
    const outside = await tempDir('outside-');
    const pbx = await startDemoPbx({ recordingsDir: pbxDir });
    const rec = await startRecorder(pbx, { format: 'wav', pbxRecordingsDir: pbxDir });
    // Real recordings everywhere, so that only where they are decides.
    const secret = join(outside, 'secret.wav');
    await writeDemoRecording(secret, 'wav', 1);
    await symlink(secret, join(pbxDir, 'link.wav'));
    await symlink(outside, join(pbxDir, 'linked-folder'));
    const cases: [string, RegExp][] = [
      [secret, /outside the PBX recordings folder/],
      [join(pbxDir, '..', basename(outside), 'secret.wav'), /outside the PBX recordings folder/],
      [join(pbxDir, 'linked-folder', 'secret.wav'), /outside the PBX recordings folder/],
      [join(pbxDir, 'link.wav'), /link to another file; links are not followed/],
      ['\\\\fileserver\\recordings\\call.wav', /network share/],
      ['//fileserver/recordings/call.wav', /network share/],
      ['file://fileserver/recordings/call.wav', /another computer \(fileserver\)/],
      [`file://${secret}`, /outside the PBX recordings folder/],
    ];
    for (const [recordUrl, message] of cases) {
      const { outcome, failure } = await deliver(pbx, rec, recordUrl);
      expect(outcome.type, recordUrl).toBe('recording-failed');
      expect(failure, recordUrl).toMatchObject({ kind: 'refused', retryable: false });
      expect(failure?.message, recordUrl).toMatch(message);
    }
    expect(await everything(rec.folder)).toEqual([]);
  });

  it('is saved from inside the PBX recordings folder, given as a path or a file URL', async () => {
    const pbxDir = await tempDir('pbx-recordings-');
    const pbx = await startDemoPbx({ recordingsDir: pbxDir });
    const rec = await startRecorder(pbx, { format: 'wav', pbxRecordingsDir: pbxDir });
    await mkdir(join(pbxDir, 'day'));
    const file = join(pbxDir, 'day', 'call.wav');
    await writeDemoRecording(file, 'wav', 1);
    for (const recordUrl of [file, `file://${file}`]) {
      const { outcome } = await deliver(pbx, rec, recordUrl);
      expect(outcome.type, recordUrl).toBe('recording-saved');
      if (outcome.type === 'recording-saved') expect(await fileSha256(outcome.path)).toBe(await fileSha256(file));
    }
  });
});

describe('the audio signature', () => {
  it('fails a text file named .mp3 and a file holding two MPEG frames as damaged, and keeps nothing of them', async () => {
    const pbxDir = await tempDir('pbx-recordings-');
    const pbx = await startDemoPbx({ recordingsDir: pbxDir });
    const rec = await startRecorder(pbx, { format: 'mp3', pbxRecordingsDir: pbxDir });
    await writeFile(join(pbxDir, 'notes.mp3'), 'Dear receptionist,\nthis is not audio.\n'.repeat(200));
    // Two real MPEG frames from a demo recording, then a private key: stray frames do not make it audio.
    const demo = join(pbxDir, 'demo.mp3');
    await writeDemoRecording(demo, 'mp3', 1);
    const bytes = await readFile(demo);
    const start = bytes.indexOf(Buffer.from([0xff, 0xfb]));
    const key = Buffer.from(
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ'.repeat(100)}\n-----END OPENSSH PRIVATE KEY-----\n`,
    );
    await writeFile(join(pbxDir, 'two-frames.mp3'), Buffer.concat([bytes.subarray(start, start + 2 * MP3_FRAME_BYTES), key]));
    await writeFile(join(pbxDir, 'key-then-frames.mp3'), Buffer.concat([key, bytes.subarray(start, start + 2 * MP3_FRAME_BYTES)]));
    for (const name of ['notes.mp3', 'two-frames.mp3', 'key-then-frames.mp3']) {
      const { failure } = await deliver(pbx, rec, join(pbxDir, name));
      expect(failure, name).toMatchObject({ kind: 'damaged', retryable: false });
      expect(failure?.message, name).toMatch(/^The file the PBX gave is not an MP3 recording: .+\. Nothing was saved\.$/);
    }
    expect(await everything(rec.folder)).toEqual([]);
  });

  it('fails a downloaded file that is not a WAV as damaged', async () => {
    const server = await startHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'audio/wav' }).end('<html>Login required</html>'.repeat(100)));
    onCleanup(server.close);
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { format: 'wav', recordingsOrigin: server.url });
    const { failure } = await deliver(pbx, rec, `${server.url}/HttpRecordings/call.wav`);
    expect(failure).toMatchObject({
      kind: 'damaged',
      message: 'The file the PBX gave is not a WAV recording: it does not start with a RIFF/WAVE header. Nothing was saved.',
    });
    expect(await everything(rec.folder)).toEqual([]);
  });
});

describe('a RecordURL on the web', () => {
  it('is fetched only from the PBX origin: another port on the PBX host is refused', async () => {
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { format: 'wav' });
    const file = join(await tempDir('served-'), 'call.wav');
    await writeDemoRecording(file, 'wav', 1);
    const server = await startHttpServer(async (_req, res) => res.writeHead(200, { 'content-type': 'audio/wav' }).end(await readFile(file)));
    onCleanup(server.close);
    const { failure } = await deliver(pbx, rec, `${server.url}/HttpRecordings/call.wav`);
    expect(failure).toMatchObject({ kind: 'refused', retryable: false });
    expect(failure?.message).toContain(`offered by ${server.url}, which is not the PBX (${pbx.url})`);
    expect(server.seen).toEqual([]);
  });

  it('is fetched from the recordings origin when one is set, as well as from the PBX itself', async () => {
    const pbx = await startDemoPbx();
    const file = join(await tempDir('served-'), 'call.wav');
    await writeDemoRecording(file, 'wav', 1);
    const server = await startHttpServer(async (_req, res) => res.writeHead(200, { 'content-type': 'audio/wav' }).end(await readFile(file)));
    onCleanup(server.close);
    const rec = await startRecorder(pbx, { format: 'wav', recordingsOrigin: server.url });
    const { outcome } = await deliver(pbx, rec, `${server.url}/HttpRecordings/call.wav`);
    expect(outcome.type).toBe('recording-saved');
    if (outcome.type === 'recording-saved') expect(await fileSha256(outcome.path)).toBe(await fileSha256(file));
    // The PBX's own origin stays allowed (it has no such file: gone, not refused); any third origin is refused.
    const own = await deliver(pbx, rec, `${pbx.url}/HttpRecordings/call.wav`);
    expect(own.failure?.kind).toBe('gone');
    const stranger = await startHttpServer((_req, res) => res.writeHead(200).end('not a recording'));
    onCleanup(stranger.close);
    const refused = await deliver(pbx, rec, `${stranger.url}/HttpRecordings/call.wav`);
    expect(refused.failure?.message).toContain(`which is not the PBX (${pbx.url} or ${server.url})`);
    expect(stranger.seen).toEqual([]);
  });
});
