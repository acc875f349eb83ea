import { readFile, stat } from 'node:fs/promises';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { demoMp3FrameIndex, MP3_FRAME_BYTES, mp3FrameCount, WAV_SAMPLE_RATE } from '../../main/demo-pbx/audio.ts';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
import { parseRecordCompleted } from '../../main/ozeki/notifications.ts';
import { id3v2Length } from '../../main/recorder/trim/mp3.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { startHttpServer } from '../helpers/http-server.ts';

async function receiver() {
  const server = await startHttpServer((_, res) => res.end());
  onCleanup(server.close);
  return server;
}

const clock = new FakeClock();

/** A demo PBX on the fake clock, so a recording is exactly as long as the test says. */
const startPbx = () => startDemoPbx({ clock });

async function recordedCall(pbx: DemoPbx, format: 'wav' | 'mp3', finishedUrl: string, ms = 300) {
  const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
  const res = await request(pbx.url, {
    method: 'POST',
    body: new URLSearchParams({ command: 'Record', CallId: callId, Format: format, FinishedURL: finishedUrl }).toString(),
  });
  expect(await res.body.text()).toContain('<Code>200</Code>');
  clock.advance(ms);
  await pbx.endCall(callId);
  return callId;
}

describe('demo PBX recordings', () => {
  it('writes a WAV of the recorded length and POSTs RecordCompleted form-encoded to the FinishedURL', async () => {
    const pbx = await startPbx();
    const hook = await receiver();
    const callId = await recordedCall(pbx, 'wav', `${hook.url}/done/1`, 500);
    const [notification] = hook.seen;
    expect(notification).toMatchObject({ method: 'POST', url: '/done/1' });
    expect(notification?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const parsed = parseRecordCompleted(notification?.body ?? '');
    expect(parsed.callId).toBe(callId);
    expect(parsed.recordUrl).toMatch(new RegExp(`^${pbx.url}/HttpRecordings/${callId}-\\d+\\.wav$`));

    const download = await request(parsed.recordUrl);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('audio/wav');
    const wav = Buffer.from(await download.body.arrayBuffer());
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    const dataAt = wav.indexOf('data');
    const dataBytes = wav.readUInt32LE(dataAt + 4);
    expect(dataAt + 8 + dataBytes).toBe(wav.length);
    expect(dataBytes / 2 / WAV_SAMPLE_RATE).toBe(0.5);
  });

  it('writes an MP3 of valid numbered MPEG frames after an ID3 tag and an Info frame', async () => {
    const pbx = await startPbx();
    const hook = await receiver();
    const callId = await recordedCall(pbx, 'mp3', `${hook.url}/x`, 300);
    const [recording] = pbx.recordingsOf(callId);
    const mp3 = await readFile(recording?.file ?? '');
    expect(mp3.subarray(0, 3).toString()).toBe('ID3');
    const firstFrame = id3v2Length(mp3);
    expect(mp3.readUInt16BE(firstFrame) & 0xffe0).toBe(0xffe0);
    expect(mp3.subarray(firstFrame + 21, firstFrame + 25).toString()).toBe('Info');
    const frames = (mp3.length - firstFrame) / MP3_FRAME_BYTES - 1;
    expect(recording?.seconds).toBe(0.3);
    expect(frames).toBe(mp3FrameCount(0.3));
    for (let i = 0; i < frames; i++) {
      const at = firstFrame + (i + 1) * MP3_FRAME_BYTES;
      expect(mp3.readUInt16BE(at) & 0xffe0).toBe(0xffe0);
      expect(demoMp3FrameIndex(mp3.subarray(at, at + MP3_FRAME_BYTES))).toBe(i);
    }
  });

  it('serves byte ranges of a recording', async () => {
    const pbx = await startPbx();
    const hook = await receiver();
    const callId = await recordedCall(pbx, 'wav', `${hook.url}/x`);
    const [recording] = pbx.recordingsOf(callId);
    const whole = await readFile(recording?.file ?? '');
    const part = await request(recording?.recordUrl ?? '', { headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${whole.length}`);
    expect(Buffer.from(await part.body.arrayBuffer())).toEqual(whole.subarray(100, 200));
    const tail = await request(recording?.recordUrl ?? '', { headers: { range: `bytes=${whole.length}-` } });
    expect(tail.statusCode).toBe(416);
    await tail.body.dump();
  });

  it('answers 404 for a recording that does not exist or a path outside its folder', async () => {
    const pbx = await startDemoPbx();
    for (const path of ['/HttpRecordings/nope.wav', '/HttpRecordings/..%2F..%2Fetc%2Fpasswd', '/elsewhere']) {
      const res = await request(`${pbx.url}${path}`);
      expect(res.statusCode, path).toBe(404);
      await res.body.dump();
    }
  });
});

describe('demo PBX fault switches', () => {
  it('cuts a download off half-way, once', async () => {
    const pbx = await startPbx();
    const hook = await receiver();
    const callId = await recordedCall(pbx, 'wav', `${hook.url}/x`);
    const [recording] = pbx.recordingsOf(callId);
    const size = (await stat(recording?.file ?? '')).size;
    pbx.faults.dropNextDownloads = 1;
    const cut = await request(recording?.recordUrl ?? '');
    await expect(cut.body.arrayBuffer()).rejects.toThrow();
    const again = await request(recording?.recordUrl ?? '');
    expect((await again.body.arrayBuffer()).byteLength).toBe(size);
  });

  it('sends RecordCompleted twice when asked', async () => {
    const pbx = await startPbx();
    const hook = await receiver();
    pbx.faults.duplicateNotification = true;
    await recordedCall(pbx, 'mp3', `${hook.url}/x`);
    expect(hook.seen).toHaveLength(2);
    expect(hook.seen[0]?.body).toBe(hook.seen[1]?.body);
  });

  it('gives RecordURL on a foreign host, or as a file path', async () => {
    const pbx = await startPbx();
    const hook = await receiver();
    pbx.faults.recordUrlStyle = 'foreign-host';
    await recordedCall(pbx, 'mp3', `${hook.url}/x`, 50);
    pbx.faults.recordUrlStyle = 'file-path';
    const second = await recordedCall(pbx, 'wav', `${hook.url}/x`, 50);
    const [foreign, path] = hook.seen.map((r) => parseRecordCompleted(r.body).recordUrl);
    expect(new URL(foreign ?? '').hostname).toBe('127.0.0.2');
    expect(path).toBe(pbx.recordingsOf(second)[0]?.file);
  });

  it('records the command log without the password', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'u', password: 'p' } });
    const res = await request(pbx.url, { method: 'POST', body: 'command=ListActiveCalls&Username=u&Password=p' });
    expect(await res.body.text()).toContain('<Code>200</Code>');
    expect(pbx.received[0]?.params).toEqual({ command: 'ListActiveCalls', username: 'u' });
  });
});

describe('demo PBX traffic', () => {
  it('makes calls by itself with realistic numbers and names', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pbx = await startDemoPbx({ traffic: { maxCalls: 5 }, random });
    const calls = pbx.liveCalls();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.some((c) => c.state === 'InCall')).toBe(true);
    for (const call of calls) expect(call.callId).toMatch(/^[A-Za-z0-9]{6}$/);
  });
});
