import { randomUUID } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { writeDemoRecording } from '../../main/demo-pbx/audio.ts';
import { SPACE_MARGIN_BYTES, type FreeBytes } from '../../main/recorder/folder.ts';
import { moveRecording } from '../../main/recorder/lifecycle.ts';
import { Journal, type JournalEntry } from '../../main/recorder/journal.ts';
import { thisDesk } from '../../main/recorder/desk.ts';
import { saveRecording } from '../../main/recorder/save-recording.ts';
import type { KeptSegment } from '../../main/recorder/segments.ts';
import { RECORDER_DEFAULTS, type RecorderSettings } from '../../preload/settings-schema.ts';
import { discardWork, workFolderUsage } from '../../main/recorder/work-folder.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';

/** Bytes of every file under `dir`, the work folder included: what the recorder has put on the disk. */
async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      total += await stat(join(entry.parentPath, entry.name)).then(
        (s) => s.size,
        () => 0,
      );
  }
  return total;
}

/** A volume of `capacity` bytes holding only the recordings folder: its free space shrinks as the recorder writes. */
const smallVolume =
  (capacity: number): FreeBytes =>
  async (folder) =>
    capacity - (await bytesUnder(folder));

/**
 * A recording the PBX finished, served by a real demo PBX: `seconds` of WAV (16 KB a second), and a journal entry
 * for it as RecordCompleted leaves it. `save` runs the real saveRecording on it.
 */
async function finishedRecording(seconds: number, segments: KeptSegment[] = [{ startMs: 0 }], settings: Partial<RecorderSettings> = {}) {
  const pbxDir = await tempDir('pbx-recordings-');
  const pbx = await startDemoPbx({ recordingsDir: pbxDir });
  const source = join(pbxDir, 'call.wav');
  await writeDemoRecording(source, 'wav', seconds);
  const folder = await tempDir('recordings-');
  const journal = await Journal.open(await tempDir('data-'));
  onCleanup(() => journal.close());
  const dispatcher = new Agent();
  onCleanup(() => dispatcher.close());
  const now = Date.now();
  const entry: JournalEntry = {
    id: randomUUID(),
    secret: 'secret-of-this-recording',
    callId: 'c1',
    call: { source: '1000', destination: '1001', callerId: 'Anna', startTime: new Date(now - seconds * 1000).toISOString() },
    format: 'wav',
    state: 'completed',
    requestedAt: now - seconds * 1000,
    endedAt: now,
    segments,
    recordUrl: `${pbx.url}/HttpRecordings/call.wav`,
    updatedAt: now,
  };
  await journal.create(entry);
  const save = (freeBytes?: FreeBytes) =>
    saveRecording(entry.id, {
      journal,
      settings: { ...RECORDER_DEFAULTS, pbxUrl: pbx.url, folder, format: 'wav', ...settings },
      pbxUrl: new URL(pbx.url),
      dispatcher,
      signal: new AbortController().signal,
      onProgress: () => undefined,
      onStep: () => undefined,
      move: async (event, change) => {
        const moved = await moveRecording(journal, entry.id, event, change);
        return moved.ok ? moved.entry : undefined;
      },
      desk: thisDesk(''),
      ...(freeBytes ? { freeBytes } : {}),
    }).then((saved) => saved.path);
  return { id: entry.id, folder, source, sourceBytes: (await stat(source)).size, journal, save };
}

const workFiles = async (folder: string) => (await workFolderUsage(folder)).files.map((f) => f.name);

describe('disk space', () => {
  it('saves a 16 KB recording on a volume with 100 KB free', async () => {
    const { sourceBytes, save } = await finishedRecording(1);
    expect(sourceBytes).toBeLessThan(17_000);
    const saved = await save(smallVolume(100_000));
    expect((await stat(saved)).size).toBe(sourceBytes);
  });

  it('says how much room a recording needs when the disk has less, and keeps it waiting', async () => {
    const { id, journal, save } = await finishedRecording(1);
    const failure = await save(smallVolume(80_000)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'folder', retryable: true });
    expect((failure as Error).message).toMatch(
      /^The disk of the recordings folder .+ is full: \d+ KB free, this recording needs \d+ KB\. Free some space; the recording waits\.$/,
    );
    expect(journal.get(id)?.state).not.toBe('saved');
  });

  it('needs room for a recording once, not twice, when nothing was paused: the download is moved into place', async () => {
    const whole = await finishedRecording(10);
    const capacity = whole.sourceBytes + SPACE_MARGIN_BYTES + whole.sourceBytes / 2; // less than two copies
    const saved = await whole.save(smallVolume(capacity));
    expect((await stat(saved)).size).toBe(whole.sourceBytes);
    // With a pause the kept part is a new file, written next to the download: that needs the room of both.
    const paused = await finishedRecording(10, [{ startMs: 0, endMs: 2000 }, { startMs: 4000 }]);
    const failure = await paused.save(smallVolume(capacity)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'folder', retryable: true });
    expect(await workFiles(paused.folder)).toEqual([`${paused.id}.part`]); // kept, to trim once there is room
  });
});

describe('the work folder', () => {
  it('is private: the folder 0700, a download 0600; a saved recording is an ordinary file', async () => {
    const { id, folder, save } = await finishedRecording(10, [{ startMs: 0, endMs: 2000 }, { startMs: 4000 }]);
    const capacity = 300_000; // room for the download (160 KB), not for the trimmed copy next to it
    await save(smallVolume(capacity)).catch(() => undefined);
    expect((await stat(join(folder, '.ozeki-recorder'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(folder, '.ozeki-recorder', `${id}.part`))).mode & 0o777).toBe(0o600);
    const saved = await save();
    expect((await stat(saved)).mode & 0o777).toBe((await stat(saved.replace(/\.wav$/, '.json'))).mode & 0o777);
  });

  it('keeps nothing of a recording that cannot be trimmed', async () => {
    const { folder, source, save } = await finishedRecording(1, [{ startMs: 0, endMs: 300 }, { startMs: 600 }]);
    // RIFF/WAVE, so it passes the signature check, but no audio data chunk: the trim fails.
    const header = Buffer.alloc(12);
    header.write('RIFF', 0);
    header.writeUInt32LE(4 + 8 + 16, 4);
    header.write('WAVE', 8);
    await writeFile(source, Buffer.concat([header, Buffer.from('fmt '), Buffer.from([16, 0, 0, 0]), Buffer.alloc(16)]));
    await expect(save()).rejects.toThrow(/no audio data chunk/);
    expect(await workFiles(folder)).toEqual([]);
    expect(await readdir(folder)).toEqual(['.ozeki-recorder']);
  });

  it('keeps no trimmed output when the trimmed file cannot be put in its place', async () => {
    const { id, folder, save } = await finishedRecording(2, [{ startMs: 0, endMs: 500 }, { startMs: 1000 }], { fileNameTemplate: 'calls/{from}' });
    await writeFile(join(folder, 'calls'), 'a file where the template wants a folder');
    const failure = await save().catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'folder', retryable: true });
    expect(await workFiles(folder)).toEqual([`${id}.part`]);
  });

  it('shows what it holds, by recording, and discardWork empties it of a recording', async () => {
    const { id, folder, save } = await finishedRecording(3, [{ startMs: 0, endMs: 500 }, { startMs: 1000 }]);
    await save(smallVolume(140_000)).catch(() => undefined); // downloaded (48 KB), no room to trim
    await mkdir(join(folder, '.ozeki-recorder'), { recursive: true });
    await writeFile(join(folder, '.ozeki-recorder', 'other-id.out.wav'), 'half a trim');
    const usage = await workFolderUsage(folder);
    expect(usage).toMatchObject({ path: join(folder, '.ozeki-recorder'), recordings: [id, 'other-id'].sort() });
    expect(usage.files).toEqual(
      [
        { name: `${id}.part`, bytes: (await stat(join(folder, '.ozeki-recorder', `${id}.part`))).size, recordingId: id },
        { name: 'other-id.out.wav', bytes: 11, recordingId: 'other-id' },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(usage.bytes).toBe(usage.files.reduce((sum, f) => sum + f.bytes, 0));
    await discardWork(folder, id);
    expect(await workFiles(folder)).toEqual(['other-id.out.wav']);
  });
});
