import { access, constants, statfs } from 'node:fs/promises';
import { folderFailure, RecordingFailure } from './errors.ts';

/** How many bytes may still be written on the disk of `folder` (by this user). */
export type FreeBytes = (folder: string) => Promise<number>;

export const diskFreeBytes: FreeBytes = async (folder) => {
  const stats = await statfs(folder);
  return stats.bavail * stats.bsize;
};

/** Room kept free beyond the file itself: its sidecar, the journal's lines, the file system's own blocks. */
export const SPACE_MARGIN_BYTES = 64 * 1024;

export interface SpaceOptions {
  /**
   * Bytes about to be written (the recording's real size, when known); for a file being written meanwhile, a
   * function giving what is still to come at the moment the free space has been read.
   */
  neededBytes?: number | (() => number);
  /** Reads the free space; the disk's own by default (tests give a small volume). */
  freeBytes?: FreeBytes;
}

/** The recordings folder exists, is writable and has room for `neededBytes`; otherwise a folder failure saying which. */
export async function checkFolder(folder: string, options: SpaceOptions = {}): Promise<{ freeBytes: number }> {
  if (!folder) throw new RecordingFailure('folder', 'No recordings folder is set. Choose one in the settings; the recording waits.');
  let freeBytes: number;
  try {
    await access(folder, constants.W_OK);
    freeBytes = await (options.freeBytes ?? diskFreeBytes)(folder);
  } catch (error) {
    throw folderFailure(error, folder);
  }
  const toWrite = typeof options.neededBytes === 'function' ? options.neededBytes() : (options.neededBytes ?? 0);
  const needed = toWrite + SPACE_MARGIN_BYTES;
  if (freeBytes < needed) {
    const what = options.neededBytes === undefined ? `at least ${formatBytes(needed)} is needed` : `this recording needs ${formatBytes(needed)}`;
    throw new RecordingFailure(
      'folder',
      `The disk of the recordings folder ${folder} is full: ${formatBytes(Math.max(0, freeBytes))} free, ${what}. Free some space; the recording waits.`,
    );
  }
  return { freeBytes };
}

/** A size for people: 900 bytes, 16 KB, 3.4 MB, 12.0 GB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}
