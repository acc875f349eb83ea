import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { sidecarPath } from './library.ts';

/**
 * Claiming a recording's final name in a folder that other desks may save into at the same moment (a shared SMB
 * or NFS folder). A name is claimed by creating its audio file and its sidecar exclusively (O_EXCL, the one
 * operation every file system and share does atomically; no hard links, which some shares lack), each holding only
 * the recording's claim mark. The finished audio is then renamed over its own placeholder, and the sidecar written
 * over its own: nobody writes to a name they did not create, so two desks can never take the same one.
 */

/** What a claimed, not yet filled, name holds: the recording's id, so a crash leaves a file that is told apart. */
export function claimMark(id: string): string {
  return `ozeki-recorder claim ${id}\n`;
}

/**
 * Whose a path is: `free` (nothing there), `claim` (recording `id`'s placeholder: its mark, or empty — a crash
 * between creating the file and writing the mark), or `other` (anything else: a finished file, another
 * recording's claim, a file of the user).
 */
export async function whoseName(path: string, id: string): Promise<'free' | 'claim' | 'other'> {
  const mark = claimMark(id);
  const found = await stat(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (!found) return 'free';
  if (!found.isFile()) return 'other';
  if (found.size === 0) return 'claim';
  if (found.size !== Buffer.byteLength(mark)) return 'other';
  return (await readFile(path, 'utf8')) === mark ? 'claim' : 'other';
}

/** Creates `path` holding `id`'s mark, only if nothing is there; false when the name is taken. */
async function createExclusive(path: string, id: string): Promise<boolean> {
  try {
    await writeFile(path, claimMark(id), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Claims `audioPath` and its sidecar's name for recording `id`. False when either is taken (by another desk, or
 * by the user meanwhile): then nothing of this claim is left behind, and the caller tries the next name.
 */
export async function claimName(audioPath: string, id: string): Promise<boolean> {
  if (!(await createExclusive(audioPath, id))) return false;
  if (await createExclusive(sidecarPath(audioPath), id)) return true;
  await releaseClaim(audioPath, id);
  return false;
}

/**
 * After a crash: takes up recording `id`'s claim of `audioPath` where it stopped. True when this recording holds
 * both names again (the sidecar's is created if the crash came before it); false when the audio's name is not its
 * claim, or the sidecar's is someone else's (then the audio's claim is let go).
 */
export async function resumeClaim(audioPath: string, id: string): Promise<boolean> {
  if ((await whoseName(audioPath, id)) !== 'claim') return false;
  const sidecar = await whoseName(sidecarPath(audioPath), id);
  if (sidecar === 'claim' || (sidecar === 'free' && (await createExclusive(sidecarPath(audioPath), id)))) return true;
  await releaseClaim(audioPath, id);
  return false;
}

/** Removes whatever of recording `id`'s claim of `audioPath` is still only a placeholder; a filled name stays. */
export async function releaseClaim(audioPath: string, id: string): Promise<void> {
  for (const path of [audioPath, sidecarPath(audioPath)]) {
    if ((await whoseName(path, id)) === 'claim') await rm(path, { force: true });
  }
}
