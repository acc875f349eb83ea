import { copyFile, open, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { systemClock, type Clock } from './clock.ts';
import { folderFailure, RecordingFailure } from './errors.ts';
import { checkFolder, type FreeBytes } from './folder.ts';
import type { Journal, JournalEntry } from './journal.ts';
import { ensureSidecar, readSidecar, sidecarPath } from './library.ts';
import { inspectRecording } from './trim/index.ts';
import { isInside, nameBase, placeUnderFreeName, recogniseClaim, sidecarFor } from './save-recording.ts';
import type { Desk } from './sidecar.ts';
import { discardOutputs, discardWork, openWorkFolder, outputPath } from './work-folder.ts';

/**
 * The local queue: a folder in the data folder where a desk keeps finished recordings while the recordings folder
 * (a shared folder, most often) cannot be reached. save-recording.ts saves into it as into the folder, under the
 * same names, with their sidecars, and the recording is `queued`; moveQueued brings each into the folder when it
 * is back.
 */
export const QUEUE_DIR = 'queue';

export function queueDirOf(dataDir: string): string {
  return join(dataDir, QUEUE_DIR);
}

export interface MoveContext {
  journal: Journal;
  /** The recordings folder. */
  folder: string;
  fileNameTemplate: string;
  move(event: 'saved', change: Partial<JournalEntry>): Promise<Readonly<JournalEntry> | undefined>;
  /** For a sidecar the queue lost: who saves it, how paused parts were handled, and when. */
  desk: Desk;
  pausedParts: 'remove' | 'silence';
  clock?: Clock;
  freeBytes?: FreeBytes;
}

/**
 * Moves a queued recording into the recordings folder: queued → saved. Every step is journaled or recognised
 * again, so a crash at any point neither loses it nor leaves it twice: the file is copied into the folder's work
 * folder (same disk as its final name) and fsynced; its name is journaled, claimed and filled as for any save
 * (placeUnderFreeName: another desk saving at the same moment takes another name); its sidecar is written there
 * (the queued one, naming the new file); only then are the local copies removed and the recording journaled saved.
 * Returns the saved file's path. Throws a folder failure when the folder cannot take it (yet): it stays queued.
 */
export async function moveQueued(id: string, context: MoveContext): Promise<string> {
  const { journal, folder } = context;
  const entry = journal.get(id);
  const local = entry?.queuedPath;
  if (!entry || !local) throw new Error(`Recording ${id} is not kept on this computer.`);
  const inFolder = <T>(action: Promise<T>): Promise<T> =>
    action.catch((error: unknown) => {
      throw error instanceof RecordingFailure ? error : folderFailure(error, folder);
    });
  let target = entry.savedPath && isInside(folder, entry.savedPath) ? entry.savedPath : undefined;
  if (!target) {
    const bytes = await stat(local).then(
      (s) => s.size,
      (error: unknown) => {
        throw new Error(`The recording kept on this computer at ${local} is missing`, { cause: error });
      },
    );
    await checkFolder(folder, { neededBytes: bytes, freeBytes: context.freeBytes });
    await openWorkFolder(folder);
    const found = await inFolder(recogniseClaim(id, journal, folder));
    if (found && 'path' in found) target = found.path;
    else {
      const work = outputPath(folder, id, entry.format);
      try {
        await inFolder(copyInto(local, work));
        const ready = { path: work, bytes, sha256: entry.sha256 ?? '' };
        target = await placeUnderFreeName(id, journal, {
          folder,
          base: nameBase(entry, context.fileNameTemplate),
          ext: entry.format,
          ready,
          held: found?.held,
        });
      } catch (error) {
        await discardOutputs(folder, id);
        throw error;
      }
    }
  }
  const saved = target;
  await inFolder(
    ensureSidecar(saved, id, async () => {
      const queued = await readSidecar(local);
      if (queued?.recordingId === id) return { ...queued, file: basename(saved) };
      return sidecarFor(entry, saved, await inspectRecording(saved, entry.format).catch(() => undefined), {
        pausedParts: context.pausedParts,
        savedAt: (context.clock ?? systemClock).now(),
        desk: context.desk,
      });
    }),
  );
  await rm(local, { force: true });
  await rm(sidecarPath(local), { force: true });
  await discardWork(folder, id); // a download begun before the folder went away
  if (!(await context.move('saved', { savedPath: target, queuedPath: undefined, failure: undefined })))
    throw new Error(`the recording could not move on to "saved"`);
  return target;
}

/** Copies `from` to `to` (the system's own copy: nothing held in memory) and fsyncs it. */
async function copyInto(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  const file = await open(to, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}
