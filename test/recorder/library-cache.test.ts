import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sidecarPath } from '../../main/recorder/library.ts';
import { SavedRecordings } from '../../main/recorder/saved-recordings.ts';
import { folderTrashBin, TRASH_KEEP_DAYS } from '../../main/recorder/trash.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { saveRecording } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';

const HOUR_S = 3600;

/** A file time `offsetS` seconds from now, in whole seconds (a fraction would round differently in each file system). */
const wholeSecondsFromNow = (offsetS: number) => Math.floor(Date.now() / 1000) + offsetS;

/** The library of `folder` as the Recordings view lists it, on `clock` (this computer's). */
function libraryOf(folder: string, clock: FakeClock): SavedRecordings {
  return new SavedRecordings(
    () => folder,
    () => undefined,
    (f) => folderTrashBin(f, { clock, keepDays: TRASH_KEEP_DAYS }),
    clock,
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
  it.each([
    ['behind', -HOUR_S],
    ['ahead of', HOUR_S],
  ])('reads a sidecar again until 2 s after its size and time were first seen, with the file server clock an hour %s this computer', async (_, offsetS) => {
    const clock = new FakeClock();
    const folder = await tempDir('library-');
    const audio = await saveRecording(folder, 'a.wav', { note: 'first' });
    const stamped = wholeSecondsFromNow(offsetS);
    await utimes(sidecarPath(audio), stamped, stamped);
    const library = libraryOf(folder, clock);
    expect(await notes(library)).toEqual({ 'a.wav': 'first' });

    // Another desk rewrites the note within its file system's time tick: the same size, the same time.
    await rewriteNote(audio, 'first', 'other', stamped);
    clock.advance(1999);
    expect(await notes(library)).toEqual({ 'a.wav': 'other' });
    clock.advance(1);
    expect(await notes(library)).toEqual({ 'a.wav': 'other' }); // read 2 s after the pair was first seen: settled

    // From now on the listing only looks at the file: a change that keeps its size and time this long after (no
    // file system makes one; only a test writing behind its back) goes unseen, as nothing is read again.
    await rewriteNote(audio, 'other', 'third', stamped);
    expect(await notes(library)).toEqual({ 'a.wav': 'other' });
    expect(await notes(libraryOf(folder, clock))).toEqual({ 'a.wav': 'third' }); // a new listing reads the file
  });

  it('shows a note another desk wrote on the next listing, even with the same size, by its nanosecond time', async () => {
    const clock = new FakeClock();
    const folder = await tempDir('library-');
    const audio = await saveRecording(folder, 'a.wav', { note: 'first' });
    const old = wholeSecondsFromNow(-HOUR_S);
    await utimes(sidecarPath(audio), old, old);
    const library = libraryOf(folder, clock);
    expect(await notes(library)).toEqual({ 'a.wav': 'first' });
    clock.advance(2000);
    expect(await notes(library)).toEqual({ 'a.wav': 'first' }); // settled: trusted from now on while size and time stay

    const before = (await stat(sidecarPath(audio), { bigint: true })).mtimeNs;
    await rewriteNote(audio, 'first', 'other', old + 0.001); // a millisecond later, the same size
    expect((await stat(sidecarPath(audio), { bigint: true })).mtimeNs).not.toBe(before);
    expect(await notes(library)).toEqual({ 'a.wav': 'other' });

    await writeFile(sidecarPath(audio), (await readFile(sidecarPath(audio), 'utf8')).replace('"note": "other"', '"note": "a longer note"'));
    expect(await notes(library)).toEqual({ 'a.wav': 'a longer note' }); // written now, by the usual write
  });

  it('drops a recording deleted by hand or by another desk, and shows one added', async () => {
    const folder = await tempDir('library-');
    const kept = await saveRecording(folder, 'day/kept.wav', { startTime: '2026-11-20T10:00:00.000Z', note: 'kept' });
    const gone = await saveRecording(folder, 'day/gone.wav', { startTime: '2026-11-20T09:00:00.000Z', note: 'gone' });
    const audioOnly = await saveRecording(folder, 'day/audio-only.wav', { startTime: '2026-11-20T08:00:00.000Z', note: 'audio only' });
    const old = wholeSecondsFromNow(-HOUR_S);
    for (const path of [kept, gone, audioOnly]) await utimes(sidecarPath(path), old, old);
    const library = libraryOf(folder, new FakeClock());
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
