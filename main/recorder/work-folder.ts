import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { folderFailure } from './errors.ts';

/** The app's work folder inside the recordings folder: same disk, so the final move is a rename. */
export const WORK_DIR = '.ozeki-recorder';

/** Only the user may look into the work folder: it holds recordings before they are trimmed, secrets of calls. */
const WORK_DIR_MODE = 0o700;
/** Mode of every file the app writes into the work folder. */
export const WORK_FILE_MODE = 0o600;

export function workDirOf(folder: string): string {
  return join(folder, WORK_DIR);
}

/** The download of recording `id`, before trimming. */
export function partPath(folder: string, id: string): string {
  return join(workDirOf(folder), `${id}.part`);
}

/** The trimmed output of recording `id`, before it gets its final name. */
export function outputPath(folder: string, id: string, format: string): string {
  return join(workDirOf(folder), `${id}.out.${format}`);
}

/** Creates the work folder (or tightens one made by an older version) as 0700. */
export async function openWorkFolder(folder: string): Promise<string> {
  const dir = workDirOf(folder);
  try {
    await mkdir(dir, { recursive: true, mode: WORK_DIR_MODE });
    await chmod(dir, WORK_DIR_MODE); // mkdir leaves an existing folder as it was, and the umask applies to a new one
  } catch (error) {
    throw folderFailure(error, folder);
  }
  return dir;
}

/** Removes the trimmed outputs of recording `id` (a trim that failed half-way, or one that was never placed). */
export async function discardOutputs(folder: string, id: string): Promise<void> {
  const names = await readdir(workDirOf(folder)).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith(`${id}.out.`)).map((name) => rm(join(workDirOf(folder), name), { force: true })));
}

/**
 * Removes everything the work folder holds for recording `id`: its download and its outputs. For a recording
 * that failed for good or was dismissed, so that deleting one's own files really frees the space.
 */
export async function discardWork(folder: string, id: string): Promise<void> {
  await discardOutputs(folder, id);
  await rm(partPath(folder, id), { force: true });
}

export interface WorkFile {
  name: string;
  bytes: number;
  /** The recording it belongs to (the journal's id), from its name. */
  recordingId: string;
}

export interface WorkFolderUsage {
  path: string;
  files: WorkFile[];
  bytes: number;
  /** The recordings that have files here, each once. */
  recordings: string[];
}

/** What the work folder holds: files, bytes, and which recording each belongs to. Empty when there is none. */
export async function workFolderUsage(folder: string): Promise<WorkFolderUsage> {
  const path = workDirOf(folder);
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  const files: WorkFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const bytes = await stat(join(path, entry.name)).then(
      (s) => s.size,
      () => undefined,
    );
    if (bytes === undefined) continue; // removed meanwhile
    files.push({ name: entry.name, bytes, recordingId: entry.name.split('.')[0] ?? entry.name });
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  return { path, files, bytes: files.reduce((sum, f) => sum + f.bytes, 0), recordings: [...new Set(files.map((f) => f.recordingId))] };
}
