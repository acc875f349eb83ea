import { copyFile } from 'node:fs/promises';
import type { SaveCopyResult } from '../../preload/contract.ts';
import type { LibraryItem } from '../recorder/library.ts';
import { fileProblemOf } from '../recorder/errors.ts';
import type { RecorderHandlers } from './invoke.ts';
import type { RecorderHost } from './recorder-host.ts';

/** What a saved recording's delete, copy and drag need of the app (main/app) or the preview. */
export interface RecordingDeps {
  host: RecorderHost;
  /** Where the window's player fetches a saved recording: the preview's download of a copy comes from there. */
  playbackUrl(relativePath: string): string;
  /**
   * Save a copy as…: the save dialog, run in main (the window never hands over a path); resolves with the path
   * chosen, or undefined when the user cancelled. None in the preview: its window downloads the file instead.
   */
  chooseSavePath?(suggestedName: string): Promise<string | undefined>;
  /** Starts dragging a file out of the window (webContents.startDrag in the app); none in the preview. */
  startDrag?(absolutePath: string): void;
}

type RecordingHandlers = Pick<RecorderHandlers, 'deleteRecordings' | 'undoDelete' | 'saveCopy' | 'startDrag'>;

/** Delete with Undo (held in main: held-deletes.ts), Save a copy as…, and dragging a recording out of the window. */
export function recordingHandlers(deps: RecordingDeps): RecordingHandlers {
  const { host } = deps;
  return {
    deleteRecordings: async (relativePaths) => {
      const { library } = host.service;
      const folder = library.folderInUse;
      const items = new Map((await library.list()).map((item) => [item.relativePath, item]));
      const found = relativePaths.map((path) => items.get(path)).filter((item): item is LibraryItem => item !== undefined && !host.deletions.isHeld(item.path));
      const gone = relativePaths.length - found.length;
      if (gone > 0)
        return { ok: false, message: gone === 1 ? 'That recording is no longer in the folder.' : `${gone} of those recordings are no longer in the folder.` };
      // Pinned down now by folder and absolute path: the folder may change before the hold ends.
      return { ok: true, undoId: host.deletions.hold(found.map((item) => ({ folder, path: item.path }))), count: relativePaths.length };
    },
    undoDelete: (undoId) =>
      Promise.resolve(
        host.deletions.undo(undoId)
          ? { ok: true, message: 'Brought back.' }
          : { ok: false, message: 'Too late to undo: the recording is already in the trash, where it can still be restored.' },
      ),
    saveCopy: async (relativePath) => {
      const item = await host.service.library.item(relativePath);
      if (!deps.chooseSavePath) return { outcome: 'download', url: deps.playbackUrl(relativePath), fileName: item.sidecar.file };
      const target = await deps.chooseSavePath(item.sidecar.file);
      if (!target) return { outcome: 'cancelled' };
      return copyTo(item.path, target);
    },
    startDrag: async (relativePath) => {
      const { path } = await host.service.library.item(relativePath);
      if (!deps.startDrag) return { ok: false, message: 'Dragging a recording out of the window works in the app. Here, use Save a copy as….' };
      deps.startDrag(path);
      return { ok: true, message: '' };
    },
  };
}

/** Copies a saved recording where the user chose (the file system copies it, nothing is held in memory). */
async function copyTo(source: string, target: string): Promise<SaveCopyResult> {
  try {
    await copyFile(source, target);
    return { outcome: 'saved', message: `Saved a copy as ${target}.` };
  } catch (error) {
    return { outcome: 'failed', message: `Could not save the copy as ${target}: ${copyProblem(error)}` };
  }
}

/** Why a copy failed, in words: the usual causes by their code, the system's own message otherwise. */
function copyProblem(error: unknown): string {
  const problem = fileProblemOf(error);
  if (problem)
    return { full: 'the disk is full.', denied: 'that place does not allow saving files.', missing: 'that folder does not exist (any more).' }[problem];
  return error instanceof Error ? error.message : String(error);
}
