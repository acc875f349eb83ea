import { access, constants, statfs } from 'node:fs/promises';
import { folderFailure, RecordingFailure } from './errors.ts';

/** The app's work folder inside the recordings folder: same disk, so the final move is a rename. */
export const WORK_DIR = '.ozeki-recorder';

/** Below this, a save is not attempted: the disk counts as full. */
const MIN_FREE_BYTES = 10 * 1024 * 1024;

/** The recordings folder exists, is writable and has room; otherwise a folder failure saying which. */
export async function checkFolder(folder: string): Promise<{ freeBytes: number }> {
  if (!folder) throw new RecordingFailure('folder', 'No recordings folder is set. Choose one in the settings; the recording waits.');
  try {
    await access(folder, constants.W_OK);
    const stats = await statfs(folder);
    const freeBytes = stats.bavail * stats.bsize;
    if (freeBytes < MIN_FREE_BYTES) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    return { freeBytes };
  } catch (error) {
    throw folderFailure(error, folder);
  }
}
