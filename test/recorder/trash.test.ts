import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { placingMark } from '../../main/recorder/naming.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryFile, scanLibrary, sidecarPath, trashRecording } from '../../main/recorder/library.ts';
import { DAY_MS, folderTrashBin, TRASH_DIR, TRASHED_AT_DIR } from '../../main/recorder/trash.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { saveRecording, trashedFiles } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';

const sidecarFile = async (path: string) => (JSON.parse(await readFile(path, 'utf8')) as { file: string; note: string }).file;

describe('the trash folder of the CLI and the preview', () => {
  it('takes a recording with its sidecar into a private .trash folder, under their own names', async () => {
    const folder = await tempDir('trash-');
    const audio = await saveRecording(folder, '2026/call.wav');
    await trashRecording(folderTrashBin(folder, { clock: new FakeClock(), keepDays: 30 }), audio);
    const trash = join(folder, TRASH_DIR);
    expect(await trashedFiles(folder)).toEqual(['call.json', 'call.wav']);
    expect((await stat(trash)).mode & 0o777).toBe(0o700);
    expect(await readdir(join(folder, '2026'))).toEqual([]);
  });

  it('never overwrites: a clash gets a suffix, the same for the recording and its sidecar', async () => {
    const folder = await tempDir('trash-');
    const bin = folderTrashBin(folder, { clock: new FakeClock(), keepDays: 30 });
    for (const [dir, note] of [
      ['a', 'first'],
      ['b', 'second'],
      ['c', 'third'],
    ] as const)
      await trashRecording(bin, await saveRecording(folder, `${dir}/call.wav`, { note }));
    const trash = join(folder, TRASH_DIR);
    expect(await trashedFiles(folder)).toEqual(['call (2).json', 'call (2).wav', 'call (3).json', 'call (3).wav', 'call.json', 'call.wav']);
    const notes = await Promise.all(
      ['call.json', 'call (2).json', 'call (3).json'].map(async (name) => JSON.parse(await readFile(join(trash, name), 'utf8')) as { note: string }),
    );
    expect(notes.map((n) => n.note)).toEqual(['first', 'second', 'third']);
    // The sidecar names its audio file "call.wav"; the pair keeps one suffix, so each sidecar sits next to its own audio.
    expect(await sidecarFile(join(trash, 'call (3).json'))).toBe('call.wav');
  });

  it('gives the pair a suffix free for both when only the sidecar name is taken', async () => {
    const folder = await tempDir('trash-');
    const bin = folderTrashBin(folder, { clock: new FakeClock(), keepDays: 30 });
    const first = await saveRecording(folder, 'a/call.wav');
    await bin.moveToTrash(sidecarPath(first)); // only a sidecar named call.json is in the trash
    await trashRecording(bin, await saveRecording(folder, 'b/call.wav'));
    expect(await trashedFiles(folder)).toEqual(['call (2).json', 'call (2).wav', 'call.json']);
  });

  it('takes a recording to its own name in the trash when a crash left a placeholder for it there', async () => {
    const folder = await tempDir('trash-');
    const audio = await saveRecording(folder, 'call.wav');
    const trash = join(folder, TRASH_DIR);
    await mkdir(trash);
    await writeFile(join(trash, 'call.wav'), placingMark(audio)); // the last try stopped before the file was moved
    await trashRecording(folderTrashBin(folder, { clock: new FakeClock(), keepDays: 30 }), audio);
    expect(await trashedFiles(folder)).toEqual(['call.json', 'call.wav']);
    expect(await readdir(folder)).toEqual([TRASH_DIR]);
  });

  it('deletes for good, at the purge, what it has held longer than its expiry, and keeps the rest', async () => {
    const folder = await tempDir('trash-');
    const clock = new FakeClock();
    const bin = folderTrashBin(folder, { clock, keepDays: 30 });
    await trashRecording(bin, await saveRecording(folder, 'old.wav'));
    clock.advance(20 * DAY_MS);
    await trashRecording(bin, await saveRecording(folder, 'newer.wav'));
    expect(await bin.purgeExpired()).toEqual([]);
    clock.advance(10 * DAY_MS + 1);
    expect((await bin.purgeExpired()).sort()).toEqual(['old.json', 'old.wav']);
    expect(await trashedFiles(folder)).toEqual(['newer.json', 'newer.wav']);
  });

  it("goes by when each file was trashed, never by the file's own time: an old file trashed now stays the full time", async () => {
    const folder = await tempDir('trash-');
    const clock = new FakeClock();
    const bin = folderTrashBin(folder, { clock, keepDays: 30 });
    const audio = await saveRecording(folder, 'old.wav');
    const longAgo = new Date(clock.now() - 400 * DAY_MS);
    await utimes(audio, longAgo, longAgo);
    await trashRecording(bin, audio);
    // One found there with no record (trashed by an older version, or by hand) has its time start at the first purge.
    await writeFile(join(folder, TRASH_DIR, 'by-hand.wav'), 'audio');
    await utimes(join(folder, TRASH_DIR, 'by-hand.wav'), longAgo, longAgo);
    expect(await bin.purgeExpired()).toEqual([]);
    clock.advance(30 * DAY_MS);
    expect(await bin.purgeExpired()).toEqual([]);
    expect(await trashedFiles(folder)).toEqual(['by-hand.wav', 'old.json', 'old.wav']);
    clock.advance(1);
    expect((await bin.purgeExpired()).sort()).toEqual(['by-hand.wav', 'old.json', 'old.wav']);
    expect(await trashedFiles(folder)).toEqual([]);
    expect(await readdir(join(folder, TRASH_DIR, TRASHED_AT_DIR))).toEqual([]); // their records went with them
  });

  it('says so when the recording is not there, and moves nothing', async () => {
    const folder = await tempDir('trash-');
    const bin = folderTrashBin(folder, { clock: new FakeClock(), keepDays: 30 });
    await expect(bin.moveToTrash(join(folder, 'nothing.wav'), join(folder, 'nothing.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is not part of the library, nor playable', async () => {
    const folder = await tempDir('trash-');
    await saveRecording(folder, 'kept.wav');
    await trashRecording(folderTrashBin(folder, { clock: new FakeClock(), keepDays: 30 }), await saveRecording(folder, 'deleted.wav'));
    expect((await scanLibrary(folder)).map((i) => i.relativePath)).toEqual(['kept.wav']);
    expect(await libraryFile(folder, `${TRASH_DIR}/deleted.wav`)).toBeUndefined();
  });
});
