import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { WarningNotice } from './state.ts';

/** The files Ozeki Recorder keeps in its data folder. */
export const DATA_FILES = {
  /** Every recording in flight, with its secret. */
  journal: 'journal.jsonl',
  /** The journal's rewrite in progress (compaction), renamed over the journal when complete; one left by a crash is tightened like the rest. */
  journalTemp: 'journal.jsonl.tmp',
  /** Journal lines that could not be read, set aside, never deleted. */
  rejected: 'journal.rejected',
  /** The process that owns the folder: its pid, then what tells it apart from a later process given that pid (data-dir-lock.ts). */
  lock: 'recorder.lock',
  /** The listener's own secret (main/recorder/callback-server.ts). */
  listenerSecret: 'listener-secret',
  /** Which recordings folder's retention the user confirmed after its dry run (main/recorder/retention-confirmation.ts). */
  retentionConfirmed: 'retention-confirmed.json',
} as const;

/** Owner only: the journal holds every recording's secret. */
export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates the data folder readable by its owner only, and takes away what others could read of a folder and files
 * made wider by an older version or by hand. Returns a warning when something could not be tightened (a folder
 * owned by someone else), naming each path and why. On Windows, POSIX modes mean nothing (the profile's ACLs keep the folder private): nothing to do.
 */
export async function preparePrivateDataDir(dir: string): Promise<WarningNotice[]> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return [];
  const open: string[] = [];
  const tighten = async (path: string, mode: number) => {
    const current = await stat(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
    if (!current || (current.mode & 0o777 & ~mode) === 0) return;
    await chmod(path, mode).catch((error: unknown) => {
      const { code, message } = error as NodeJS.ErrnoException;
      open.push(`${path} (${code ?? message})`);
    });
  };
  await tighten(dir, PRIVATE_DIR_MODE);
  for (const name of Object.values(DATA_FILES)) await tighten(join(dir, name), PRIVATE_FILE_MODE);
  if (open.length === 0) return [];
  return [
    {
      kind: 'data-folder-not-private',
      message: "The app's data folder can be read by other users of this computer.",
      detail: `Other users may read, and Ozeki Recorder could not make private: ${open.join(', ')}.`,
    },
  ];
}
