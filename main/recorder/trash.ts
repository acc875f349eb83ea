import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Clock } from './clock.ts';
import { crashPoint } from './crash-point.ts';
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
/**
 * Inside the trash folder: one file per name in the trash, holding the moment (ms since 1970) it was trashed. The
 * purge reads only these, never a file's own times: setting those can fail after the move (EPERM on another desk's
 * file on a share) or be cut off by a crash, and a file that kept its old time would be deleted for good at once.
 */
export const TRASHED_AT_DIR = '.trashed-at';
export const DAY_MS = 86_400_000;
/** How long the trash folder keeps what was moved there, unless its owner says otherwise. */
export const TRASH_KEEP_DAYS = 30;

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** When the file of this name was trashed, by its record; undefined when it has none (or one that cannot be read). */
async function trashedAt(dir: string, name: string): Promise<number | undefined> {
  const text = await readFile(join(dir, TRASHED_AT_DIR, name), 'utf8').catch(() => '');
  const at = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(at) ? at : undefined;
}

const recordTrashedAt = (dir: string, name: string, at: number) => writeFile(join(dir, TRASHED_AT_DIR, name), `${at}\n`);

/**
 * A `.trash` folder (0700) inside `recordingsFolder`: files keep their names, a clash gets a suffix (" (2)", the
 * same for a file and its companions), nothing is ever overwritten. The moment a file is trashed (the injected
 * clock's) is recorded under its name in TRASHED_AT_DIR before it is moved, which is what purgeExpired reads: what
 * has been there longer than `keepDays` is deleted for good. A record that cannot be written moves nothing; a file
 * found without a record (trashed by an older version) gets one at the purge, so its time starts then.
 */
export function folderTrashBin(recordingsFolder: string, options: { clock: Clock; keepDays: number }): Required<TrashBin> {
  const dir = join(recordingsFolder, TRASH_DIR);
  const open = async () => {
    await mkdir(dir, { recursive: true, mode: TRASH_DIR_MODE });
    await chmod(dir, TRASH_DIR_MODE); // mkdir leaves an existing folder as it was, and the umask applies to a new one
    await mkdir(join(dir, TRASHED_AT_DIR), { recursive: true });
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
        // Recorded before anything moves. A clash below leaves these records: the name's owner then looks trashed
        // a little later than it was, never earlier.
        const now = options.clock.now();
        for (const name of names) await recordTrashedAt(dir, name, now);
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
        crashPoint('after-moved-to-trash');
        return;
      }
      throw new Error(`Too many files named ${basename(absolutePath)} in the trash folder ${dir}.`);
    },
    async purgeExpired() {
      const names = (
        await readdir(dir).catch((error: unknown) => {
          if (missing(error)) return []; // nothing was ever trashed
          throw error;
        })
      ).filter((name) => name !== TRASHED_AT_DIR);
      const now = options.clock.now();
      const oldest = now - options.keepDays * DAY_MS;
      const purged: string[] = [];
      for (const name of names) {
        const at = await trashedAt(dir, name);
        if (at === undefined) {
          // No record: its time starts now (a record that cannot be written keeps the file too).
          await mkdir(join(dir, TRASHED_AT_DIR), { recursive: true })
            .then(() => recordTrashedAt(dir, name, now))
            .catch(() => undefined);
          continue;
        }
        if (at >= oldest) continue;
        await rm(join(dir, name), { recursive: true, force: true });
        await rm(join(dir, TRASHED_AT_DIR, name), { force: true });
        purged.push(name);
      }
      // Records left without a file (a move cut off before it happened); a fresh one may be a move under way.
      const records = await readdir(join(dir, TRASHED_AT_DIR)).catch(() => [] as string[]);
      const present = new Set(names);
      for (const name of records.filter((n) => !present.has(n)))
        if (((await trashedAt(dir, name)) ?? 0) < oldest) await rm(join(dir, TRASHED_AT_DIR, name), { force: true });
      return purged;
    },
  };
}
