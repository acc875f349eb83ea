import { chmod, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Clock } from './clock.ts';
import { nameFreeFor, numberedName, placeFile } from './naming.ts';

/**
 * Where deleted recordings go, so that a deletion can be undone for a while: the system trash in the desktop app
 * (Electron's shell.trashItem, main/app), a `.trash` folder inside the recordings folder in the CLI and the
 * preview (folderTrashBin).
 */
export interface TrashBin {
  /**
   * Moves `absolutePath` to the trash, and `companions` with it (a recording's sidecar): where a name is taken
   * they all get the same suffix, so a recording and its sidecar stay a pair. A companion that does not exist is
   * skipped; the first file must exist.
   */
  moveToTrash(absolutePath: string, ...companions: string[]): Promise<void>;
  /** Deletes for good what has been in the trash longer than its expiry; the names deleted. Only a trash folder of its own has one. */
  purgeExpired?(): Promise<string[]>;
}

/** The trash folder inside the recordings folder (CLI and preview); the library never lists what is in it. */
export const TRASH_DIR = '.trash';
/** Only the user may look into the trash, as into the work folder. */
const TRASH_DIR_MODE = 0o700;
export const DAY_MS = 86_400_000;
/** How long the trash folder keeps what was moved there, unless its owner says otherwise. */
export const TRASH_KEEP_DAYS = 30;

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * A `.trash` folder (0700) inside `recordingsFolder`: files keep their names, a clash gets a suffix (" (2)", the
 * same for a file and its companions), nothing is ever overwritten. The moment a file is trashed is its
 * modification time (set on the injected clock when it is moved), which is what purgeExpired reads: what has been
 * there longer than `keepDays` is deleted for good.
 */
export function folderTrashBin(recordingsFolder: string, options: { clock: Clock; keepDays: number }): Required<TrashBin> {
  const dir = join(recordingsFolder, TRASH_DIR);
  const open = async () => {
    await mkdir(dir, { recursive: true, mode: TRASH_DIR_MODE });
    await chmod(dir, TRASH_DIR_MODE); // mkdir leaves an existing folder as it was, and the umask applies to a new one
  };
  /** Whether every file can have its name in the trash (a placeholder a crash left there for it does not count). */
  const free = async (files: string[], names: string[]) =>
    (await Promise.all(files.map((file, i) => nameFreeFor(join(dir, names[i] ?? ''), file)))).every(Boolean);
  return {
    async moveToTrash(absolutePath, ...companions) {
      await stat(absolutePath); // the file itself must be there: ENOENT goes to the caller
      const present = (
        await Promise.all(
          companions.map((c) =>
            stat(c).then(
              () => c,
              () => undefined,
            ),
          ),
        )
      ).filter((c) => c !== undefined);
      await open();
      const files = [absolutePath, ...present];
      for (let n = 1; n < 10_000; n++) {
        const names = files.map((file) => numberedName(basename(file), n));
        if (!(await free(files, names))) continue;
        const placed: [string, string][] = [];
        let clash = false;
        for (const [i, file] of files.entries()) {
          const target = join(dir, names[i] ?? '');
          const moved = await placeFile(file, target).catch((error: unknown) => {
            if (i > 0 && missing(error)) return 'gone' as const; // a companion removed meanwhile: nothing to move
            throw error;
          });
          if (moved === 'gone') continue;
          if (!moved) {
            clash = true; // another process took the name meanwhile: put back what moved, try the next suffix
            break;
          }
          placed.push([target, file]);
        }
        if (clash) {
          for (const [target, file] of placed) await rename(target, file);
          continue;
        }
        const now = new Date(options.clock.now());
        for (const [target] of placed) await utimes(target, now, now);
        return;
      }
      throw new Error(`Too many files named ${basename(absolutePath)} in the trash folder ${dir}.`);
    },
    async purgeExpired() {
      const names = await readdir(dir).catch((error: unknown) => {
        if (missing(error)) return []; // nothing was ever trashed
        throw error;
      });
      const oldest = options.clock.now() - options.keepDays * DAY_MS;
      const purged: string[] = [];
      for (const name of names) {
        const path = join(dir, name);
        const info = await stat(path).catch(() => undefined);
        if (!info || info.mtimeMs >= oldest) continue;
        await rm(path, { recursive: true, force: true });
        purged.push(name);
      }
      return purged;
    },
  };
}
