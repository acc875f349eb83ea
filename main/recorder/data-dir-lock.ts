import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DATA_FILES, PRIVATE_FILE_MODE } from './data-dir.ts';

/** A second process wanted a data folder that a running one owns. */
export class DataDirBusy extends Error {
  override readonly name = 'DataDirBusy';
  readonly kind = 'data-dir-busy';
  constructor(
    readonly pid: number,
    readonly dir: string,
  ) {
    super(`Another Ozeki Recorder (pid ${pid}) is using ${dir}.`);
  }
}

export interface DataDirLock {
  /** Gives the folder up; safe to call twice. */
  release(): void;
}

export interface LockOptions {
  /** How long a lock file may stay without a pid (its creator between creating and writing it) before it counts as abandoned. */
  settleMs?: number;
}

/** Lock files this process holds, so that a lock naming our own pid is told apart from a dead process's whose pid we reuse. */
const held = new Set<string>();
let exitHookInstalled = false;

/**
 * Makes this process the one owner of a data folder: a lock file holding our pid, created exclusively. A lock whose
 * process is gone (killed, crashed) is taken over. Throws DataDirBusy when a live process holds it. The lock is
 * given up by `release` and, failing that, when the process exits normally.
 */
export async function lockDataDir(dir: string, options: LockOptions = {}): Promise<DataDirLock> {
  const path = join(resolve(dir), DATA_FILES.lock); // one spelling per folder, for `held`
  await acquire(path, options.settleMs ?? 1000, (pid) => {
    throw new DataDirBusy(pid, dir);
  });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const lock of held) releaseFile(lock);
    });
  }
  return { release: () => releaseFile(path) };
}

/**
 * Creates `path` holding our pid, or calls `busy` with the live owner's pid. A stale file is removed only while
 * holding `<path>.takeover` (acquired the same way), and only after reading it again under that guard: two
 * newcomers that both saw the dead owner cannot both remove a lock, nor can a slow one remove the fresh lock the
 * other has just made. The guard is held for a few system calls, so a live guard is waited out.
 */
async function acquire(path: string, settleMs: number, busy: (pid: number) => void | Promise<void>): Promise<void> {
  for (;;) {
    if (createWithPid(path)) {
      held.add(path);
      return;
    }
    const owner = await ownerOf(path, settleMs);
    if (owner === 'gone') continue;
    if (owner !== 'abandoned' && !isStale(path, owner)) {
      await busy(owner);
      continue;
    }
    const guard = `${path}.takeover`;
    await acquire(guard, settleMs, () => sleep(10));
    try {
      const again = await ownerOf(path, settleMs); // a newcomer may have just made it, not yet written its pid
      if (again !== 'gone' && isStale(path, again)) unlinkIfPresent(path);
    } finally {
      releaseFile(guard);
    }
  }
}

/** No live process owns the file: it has no pid, its process is gone, or the pid is ours though we never took it (reused). */
function isStale(path: string, owner: number | 'abandoned'): boolean {
  return owner === 'abandoned' || !isAlive(owner) || (owner === process.pid && !held.has(path));
}

/** The file's pid; 'gone' when it does not exist; 'abandoned' when it has no pid even after `settleMs`. */
async function ownerOf(path: string, settleMs: number): Promise<number | 'gone' | 'abandoned'> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw error;
    }
    const pid = /^\s*(\d+)\s*$/.test(text) ? Number(text) : undefined;
    if (pid !== undefined && pid > 0) return pid;
    // Empty: its creator is between creating and writing it (two system calls apart). Anything else is damage.
    if (text !== '' || Date.now() >= deadline) return 'abandoned';
    await sleep(10);
  }
}

/** Creates the file exclusively and writes our pid, in back-to-back system calls so it is empty for the shortest time. */
function createWithPid(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function releaseFile(path: string): void {
  if (!held.delete(path)) return;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return;
  }
  if (Number(text) === process.pid) unlinkIfPresent(path);
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}
