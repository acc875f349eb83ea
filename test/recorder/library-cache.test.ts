import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sidecarPath } from '../../main/recorder/library.ts';
import { SavedRecordings } from '../../main/recorder/saved-recordings.ts';
import { folderTrashBin, TRASH_KEEP_DAYS } from '../../main/recorder/trash.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { saveRecording } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';

const HOUR_S = 3600;

/** The library of `folder` as the Recordings view lists it. */
function libraryOf(folder: string): SavedRecordings {
  return new SavedRecordings(
    () => folder,
    () => undefined,
    (f) => folderTrashBin(f, { clock: new FakeClock(), keepDays: TRASH_KEEP_DAYS }),
  );
}

const notes = async (library: SavedRecordings) => Object.fromEntries((await library.list()).map((i) => [i.relativePath, i.sidecar.note]));

/**
 * Rewrites a sidecar as another desk would, straight to the file: its note replaced by one of the same length (the
 * size stays), then the file's time set to `mtimeS` (seconds since 1970).
 */
async function rewriteNote(audioPath: string, from: string, to: string, mtimeS: number): Promise<void> {
  expect(to).toHaveLength(from.length);
  const path = sidecarPath(audioPath);
  const text = await readFile(path, 'utf8');
  await writeFile(path, text.replace(`"note": "${from}"`, `"note": "${to}"`));
  await utimes(path, mtimeS, mtimeS);
}

describe('the library listing, with the sidecars it has read before', () => {
  it('does not read an unchanged sidecar again: same size, same time, and older than 2 s', async () => {
    const folder = await tempDir('library-');
    const audio = await saveRecording(folder, 'a.wav', { note: 'first' });
    const old = Date.now() / 1000 - HOUR_S;
    await utimes(sidecarPath(audio), old, old);
    const library = libraryOf(folder);
    expect(await notes(library)).toEqual({ 'a.wav': 'first' });

    // Bytes changed behind the file system's back, size and time as they were: only a listing that reads every
    // sidecar again could see this; the cache answers from what it read.
    await rewriteNote(audio, 'first', 'other', old);
    expect(await notes(library)).toEqual({ 'a.wav': 'first' });
    expect(await notes(libraryOf(folder))).toEqual({ 'a.wav': 'other' }); // a new listing reads the file
  });

  it('shows a note another desk wrote on the next listing, even with the same size, by its nanosecond time', async () => {
    const folder = await tempDir('library-');
    const audio = await saveRecording(folder, 'a.wav', { note: 'first' });
    const old = Date.now() / 1000 - HOUR_S;
    await utimes(sidecarPath(audio), old, old);
    const library = libraryOf(folder);
    expect(await notes(library)).toEqual({ 'a.wav': 'first' });

    const before = (await stat(sidecarPath(audio), { bigint: true })).mtimeNs;
    await rewriteNote(audio, 'first', 'other', old + 0.000_001); // a microsecond later, the same size
    expect((await stat(sidecarPath(audio), { bigint: true })).mtimeNs).not.toBe(before);
    expect(await notes(library)).toEqual({ 'a.wav': 'other' });

    await writeFile(sidecarPath(audio), (await readFile(sidecarPath(audio), 'utf8')).replace('"note": "other"', '"note": "a longer note"'));
    expect(await notes(library)).toEqual({ 'a.wav': 'a longer note' }); // written now, by the usual write
  });

  it('reads again a sidecar whose time is within the last 2 s, or ahead of this computer, even if size and time match', async () => {
    const folder = await tempDir('library-');
    const audio = await saveRecording(folder, 'a.wav', { note: 'first' });
    const ahead = Date.now() / 1000 + HOUR_S; // a file server whose clock runs an hour ahead; no race with this test's speed
    await utimes(sidecarPath(audio), ahead, ahead);
    const library = libraryOf(folder);
    expect(await notes(library)).toEqual({ 'a.wav': 'first' });

    await rewriteNote(audio, 'first', 'other', ahead); // a file system with coarse times: the same time again
    expect(await notes(library)).toEqual({ 'a.wav': 'other' });
  });

  it('drops a recording deleted by hand or by another desk, and shows one added', async () => {
    const folder = await tempDir('library-');
    const kept = await saveRecording(folder, 'day/kept.wav', { startTime: '2026-11-20T10:00:00.000Z', note: 'kept' });
    const gone = await saveRecording(folder, 'day/gone.wav', { startTime: '2026-11-20T09:00:00.000Z', note: 'gone' });
    const audioOnly = await saveRecording(folder, 'day/audio-only.wav', { startTime: '2026-11-20T08:00:00.000Z', note: 'audio only' });
    const old = Date.now() / 1000 - HOUR_S;
    for (const path of [kept, gone, audioOnly]) await utimes(sidecarPath(path), old, old);
    const library = libraryOf(folder);
    expect(await notes(library)).toEqual({ 'day/kept.wav': 'kept', 'day/gone.wav': 'gone', 'day/audio-only.wav': 'audio only' });

    await rm(gone);
    await rm(sidecarPath(gone));
    await rm(audioOnly); // its sidecar stays, describing nothing
    await saveRecording(folder, 'day/new.wav', { startTime: '2026-11-20T11:00:00.000Z', note: 'new' });
    expect(await notes(library)).toEqual({ 'day/new.wav': 'new', 'day/kept.wav': 'kept' });

    await saveRecording(folder, 'day/gone.wav', { startTime: '2026-11-20T09:00:00.000Z', note: 'back' }); // the same name again
    expect(await notes(library)).toEqual({ 'day/new.wav': 'new', 'day/kept.wav': 'kept', 'day/gone.wav': 'back' });
  });
});
