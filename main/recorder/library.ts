import { readdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, win32 } from 'node:path';
import { WORK_DIR } from './work-folder.ts';
import type { Sidecar } from './sidecar.ts';
import type { SidecarCache } from './sidecar-cache.ts';
import { TRASH_DIR, type TrashBin } from './trash.ts';

export interface LibraryItem {
  /** Absolute path of the audio file. */
  path: string;
  /** Path relative to the recordings folder, with `/`. */
  relativePath: string;
  sidecar: Sidecar;
}

/** Sidecar path for an audio file: same name, `.json`. */
export function sidecarPath(audioPath: string): string {
  return audioPath.replace(/\.[^./\\]+$/, '.json');
}

/** Writes a sidecar atomically (temp file, then rename), so a reader never sees half of it. */
export async function writeSidecar(audioPath: string, sidecar: Sidecar): Promise<void> {
  const path = sidecarPath(audioPath);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(sidecar, null, 2)}\n`, { flag: 'w' });
  await rename(temp, path);
}

/**
 * Writes the sidecar of recording `id`'s audio file, unless the one there already is this recording's (a save
 * taken up again after a crash may find it written). `make` builds it, only when it is needed.
 */
export async function ensureSidecar(audioPath: string, id: string, make: () => Promise<Sidecar>): Promise<void> {
  if ((await readSidecar(audioPath))?.recordingId === id) return;
  await writeSidecar(audioPath, await make());
}

function isSidecar(value: unknown): value is Sidecar {
  const v = value as Partial<Sidecar> | null;
  return typeof v === 'object' && v !== null && v.app === 'ozeki-recorder' && typeof v.file === 'string' && typeof v.startTime === 'string';
}

/** The sidecar of an audio file; undefined when there is none or it is not one (a claim's placeholder, a foreign file). */
export function readSidecar(audioPath: string): Promise<Sidecar | undefined> {
  return readSidecarFile(sidecarPath(audioPath));
}

/** The sidecar in the .json file at `path`; undefined when it cannot be read or is not one. */
async function readSidecarFile(path: string): Promise<Sidecar | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  try {
    const value = text === undefined ? undefined : (JSON.parse(text) as unknown);
    return isSidecar(value) ? value : undefined;
  } catch {
    return undefined; // not JSON (a name claimed by a save under way, claim.ts): no sidecar
  }
}

/** Folders of the recordings folder that hold no library: the app's work folder and the trash. */
const NOT_LIBRARY = new Set([WORK_DIR, TRASH_DIR]);

/** Sidecars read at once within one folder of the library: enough to keep the disk busy, few open files. */
const READS_AT_ONCE = 32;

/**
 * Rebuilds the library from the sidecars under `folder` (the app's work folder and the trash excluded), newest
 * first. With a `cache` (sidecar-cache.ts), only the sidecars that changed since the last listing are read, and
 * those gone are forgotten.
 */
export async function scanLibrary(folder: string, cache?: SidecarCache): Promise<LibraryItem[]> {
  const items: LibraryItem[] = [];
  const found = new Set<string>();
  const readOne = (path: string) => {
    found.add(path);
    return cache ? cache.read(path, readSidecarFile) : readSidecarFile(path);
  };
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const names = new Set(entries.map((e) => e.name));
    const sidecars = entries.filter((e) => !e.isDirectory() && e.name.endsWith('.json')).map((e) => join(dir, e.name));
    for (let at = 0; at < sidecars.length; at += READS_AT_ONCE) {
      for (const sidecar of await Promise.all(sidecars.slice(at, at + READS_AT_ONCE).map(readOne))) {
        if (!sidecar || !names.has(sidecar.file)) continue; // no sidecar, or the audio was deleted by hand
        const audio = join(dir, sidecar.file);
        items.push({ path: audio, relativePath: relative(folder, audio).split('\\').join('/'), sidecar });
      }
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !NOT_LIBRARY.has(entry.name) && depth < 8) await walk(join(dir, entry.name), depth + 1);
    }
  };
  await walk(folder, 0);
  cache?.keepOnly(found);
  return items.sort((a, b) => b.sidecar.startTime.localeCompare(a.sidecar.startTime));
}

const AUDIO = new Set(['.mp3', '.wav']);

/**
 * The file to serve for playing a saved recording, by its path inside the recordings folder; undefined unless it
 * is a recording the library knows (it has a sidecar) and, links resolved, lies inside the folder. Both sides are
 * compared after realpath, so a link out of the folder is refused; an absolute result of relative() (Windows:
 * another drive or a UNC path) and `..` are refused too. Used by every way a window plays a recording.
 */
export async function libraryFile(folder: string, relativePath: string): Promise<string | undefined> {
  const parts = relativePath.split(/[/\\]/);
  if (!folder || !relativePath || relativePath.includes('\0') || isAbsolute(relativePath) || win32.isAbsolute(relativePath) || parts.includes('..'))
    return undefined;
  if (!AUDIO.has(extname(relativePath).toLowerCase()) || parts.some((part) => NOT_LIBRARY.has(part))) return undefined;
  const item = (await scanLibrary(folder)).find((i) => i.relativePath === parts.join('/'));
  if (!item) return undefined;
  const root = await realpath(folder).catch(() => undefined);
  return root ? realFileInside(root, item.path) : undefined;
}

/**
 * `path` with its links resolved, when that is a file inside `root` (itself already resolved) and outside the
 * work folder; undefined otherwise. An absolute result of relative() (Windows: another drive or a UNC path) and
 * `..` are refused.
 */
export async function realFileInside(root: string, path: string): Promise<string | undefined> {
  const file = await realpath(path).catch(() => undefined);
  if (!file) return undefined;
  const inside = relative(root, file);
  if (!inside || isAbsolute(inside) || inside.split(/[/\\]/).some((part) => part === '..' || NOT_LIBRARY.has(part))) return undefined;
  return (await stat(file).then(
    (s) => s.isFile(),
    () => false,
  ))
    ? file
    : undefined;
}

/** Matches every word of the query against the numbers, name, date (YYYY-MM-DD), note and desk (name, computer, user); pinned first. */
export function searchLibrary(items: LibraryItem[], query: string): LibraryItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const digits = (s: string) => s.replace(/[^\d+]/g, '');
  const matches = (item: LibraryItem) => {
    const s = item.sidecar;
    const text = [s.from, s.to, s.callerName, s.startTime.slice(0, 10), s.note, s.callId, s.desk?.name ?? '', s.desk?.machine ?? '', s.desk?.user ?? '']
      .join(' ')
      .toLowerCase();
    const numbers = [digits(s.from), digits(s.to)];
    return words.every((w) => text.includes(w) || (digits(w).length > 1 && numbers.some((n) => n.includes(digits(w)))));
  };
  const found = items.filter(matches);
  return [...found.filter((i) => i.sidecar.pinned), ...found.filter((i) => !i.sidecar.pinned)];
}

/** Changes the note or pin of a saved recording, in its sidecar. */
export async function updateSidecar(audioPath: string, change: Partial<Pick<Sidecar, 'note' | 'pinned'>>): Promise<Sidecar> {
  const current = JSON.parse(await readFile(sidecarPath(audioPath), 'utf8')) as unknown;
  if (!isSidecar(current)) throw new Error('This recording has no readable description file.');
  const next = { ...current, ...change };
  await writeSidecar(audioPath, next);
  return next;
}

/** Moves a saved recording and its sidecar to the trash, together (the same suffix where a name is taken there). */
export function trashRecording(trash: TrashBin, audioPath: string): Promise<void> {
  return trash.moveToTrash(audioPath, sidecarPath(audioPath));
}
