import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { writeDemoRecording } from '../../main/demo-pbx/audio.ts';
import { download, type DownloadOptions } from '../../main/recorder/download.ts';
import { sizeCapFor } from '../../main/recorder/download-limits.ts';
import { RecordingFailure } from '../../main/recorder/errors.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { startHttpServer } from '../helpers/http-server.ts';
import { stringContaining } from '../helpers/match.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { nextEvent, startRecorder, tempDir, until } from '../helpers/recorder.ts';

/** The failure a download ended with; anything else is the test's own error, thrown on. */
function failureOf(error: unknown): RecordingFailure {
  if (error instanceof RecordingFailure) return error;
  throw error;
}

/** A demo PBX serving one 3-second WAV (48 KB), and a download into a temp folder. */
async function setUp() {
  const pbxDir = await tempDir('pbx-recordings-');
  const pbx = await startDemoPbx({ recordingsDir: pbxDir });
  await writeDemoRecording(join(pbxDir, 'call.wav'), 'wav', 3);
  const folder = await tempDir('recordings-');
  const dispatcher = new Agent();
  onCleanup(() => dispatcher.close());
  const part = join(folder, 'call.part');
  const fetch = (options: Partial<DownloadOptions> = {}) =>
    download({ kind: 'http', url: new URL(`${pbx.url}/HttpRecordings/call.wav`) }, part, { dispatcher, folder, backoffMs: () => 10, ...options }).then(
      () => undefined,
      failureOf,
    );
  return { pbx, folder, part, fetch };
}

describe('download limits', () => {
  it('stops a body larger than the cap as damaged', async () => {
    const { pbx, part, fetch } = await setUp();
    pbx.faults.endlessDownloads = true;
    const failure = await fetch({ limits: { maxBytes: 200_000 } });
    expect(failure).toMatchObject({
      kind: 'damaged',
      retryable: false,
      message: 'The file from the PBX is larger than a recording of this call can be (over 200 KB). Nothing was saved.',
    });
    expect((await stat(part)).size).toBeLessThanOrEqual(200_000);
  });

  it('refuses a file whose announced length is over the cap without downloading it', async () => {
    const { pbx, part, fetch } = await setUp();
    const failure = await fetch({ limits: { maxBytes: 10_000 } });
    expect(failure).toMatchObject({ kind: 'damaged', message: stringContaining('over 10 KB') });
    expect(
      await stat(part).then(
        () => 'a part',
        () => 'no part',
      ),
    ).toBe('no part');
    expect(pbx.downloads).toHaveLength(1);
  });

  it('stops a transfer slower than the minimum as a network failure to try again', async () => {
    const { pbx, part, fetch } = await setUp();
    pbx.faults.downloadBytesPerSecond = 8000;
    const started = Date.now();
    const failure = await fetch({ limits: { minBytesPerSecond: 50_000, throughputWindowMs: 300 } });
    expect(failure).toMatchObject({ kind: 'network', retryable: true });
    expect(failure?.message).toMatch(
      /^The download from the PBX is too slow \(\d+ (KB|bytes)\/s; at least 50 KB\/s is needed\)\. It will be tried again, from where it stopped\.$/,
    );
    expect(Date.now() - started).toBeLessThan(5000); // the file would take 6 s at this rate
    expect((await stat(part)).size).toBeGreaterThan(0); // what came is kept, to resume from
  });

  it('stops a download past its deadline as a network failure to try again', async () => {
    const { pbx, fetch } = await setUp();
    pbx.faults.downloadBytesPerSecond = 16_000;
    const failure = await fetch({ limits: { deadlineMs: 400 } });
    expect(failure).toMatchObject({
      kind: 'network',
      message: 'The download from the PBX took longer than 0.4 s. It will be tried again, from where it stopped.',
    });
  });

  it('stops a body that stalls, and an answer that never comes', async () => {
    const folder = await tempDir('recordings-');
    const dispatcher = new Agent();
    onCleanup(() => dispatcher.close());
    const server = await startHttpServer((req, res) => {
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': '100000' });
        res.write(Buffer.alloc(1000));
      } // '/silent': no answer at all
    });
    onCleanup(server.close);
    for (const [path, message] of [
      ['/stall', 'The PBX stopped sending the recording: nothing came for 0.3 s.'],
      ['/silent', 'The PBX did not answer the download within 0.3 s.'],
    ] as const) {
      const failure = await download({ kind: 'http', url: new URL(server.url + path) }, join(folder, 'call.part'), {
        dispatcher,
        folder,
        limits: { bodyTimeoutMs: 300 },
      }).catch(failureOf);
      expect(failure, path).toMatchObject({ kind: 'network', retryable: true, message: `${message} It will be tried again, from where it stopped.` });
    }
  });

  it('caps a recording by the length of its call', () => {
    const minute = 60_000;
    expect(sizeCapFor('mp3', 0, 10 * minute)).toBeLessThan(sizeCapFor('mp3', 0, 20 * minute));
    expect(sizeCapFor('mp3', 0, 10 * minute)).toBeLessThan(sizeCapFor('wav', 0, 10 * minute));
    // A one-minute call: even 320 kbit/s MP3 or 48 kHz 16-bit stereo WAV fits, ten times that does not.
    expect(sizeCapFor('mp3', 0, minute)).toBeGreaterThan(60 * 40_000);
    expect(sizeCapFor('wav', 0, minute)).toBeGreaterThan(60 * 192_000);
    expect(sizeCapFor('wav', 0, minute)).toBeLessThan(10 * 60 * 192_000);
    expect(sizeCapFor('wav', 0, 1000 * minute)).toBe(4 * 1024 ** 3);
  });
});

describe('a download that breaks a limit, in the recorder', () => {
  it('fails an endless body from the PBX as damaged and keeps nothing of it', async () => {
    const pbxClock = new FakeClock();
    const pbx = await startDemoPbx({ clock: pbxClock });
    const rec = await startRecorder(pbx, { format: 'mp3' });
    pbx.faults.endlessDownloads = true;
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 1);
    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true });
    pbxClock.advance(300); // a 300 ms call for the PBX
    await pbx.endCall(callId);
    const failed = await nextEvent(rec, 'recording-failed', () => true, 20_000);
    expect(failed).toMatchObject({ callId, retryable: false });
    expect(failed.message).toMatch(/^The file from the PBX is larger than a recording of this call can be \(over [\d.]+ MB\)\. Nothing was saved\.$/);
    expect(await readdir(rec.folder, { recursive: true })).toEqual(['.ozeki-recorder']);
  });
});
