import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DATA_FILES, PRIVATE_FILE_MODE } from './data-dir.ts';
import { isStillRunning, thisProcessLife, type ProcessLife } from './process-life.ts';

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
 * Makes this process the one owner of a data folder: a lock file, created exclusively, holding our pid on its first
 * line and then what tells this process apart from a later one given the same pid (`process-life.ts`: the machine's
 * boot and, on Linux, when the process started), as `name value` lines. A lock whose process is gone (killed,
 * crashed, or the machine rebooted, so that its pid may now name an unrelated program) is taken over; a lock holding
 * only a pid (older versions) is taken to be of this boot. Throws DataDirBusy when a live process holds it. The lock
 * is given up by `release` and, failing that, when the process exits normally.
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
    if (createWithOurLife(path)) {
      held.add(path);
      return;
    }
    const owner = await ownerOf(path, settleMs);
    if (owner === 'gone') continue;
    if (owner !== 'abandoned' && !isStale(path, owner)) {
      await busy(owner.pid);
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

/** No live process owns the file: it has no pid, its process is gone (its pid now free or naming another process), or the pid is ours though we never took it (reused). */
function isStale(path: string, owner: ProcessLife | 'abandoned'): boolean {
  return owner === 'abandoned' || !isStillRunning(owner) || (owner.pid === process.pid && !held.has(path));
}

/** The process the file names; 'gone' when it does not exist; 'abandoned' when it has no pid even after `settleMs`. */
async function ownerOf(path: string, settleMs: number): Promise<ProcessLife | 'gone' | 'abandoned'> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw error;
    }
    const owner = parseLock(text);
    if (owner) return owner;
    // Empty: its creator is between creating and writing it (two system calls apart). Anything else is damage.
    if (text !== '' || Date.now() >= deadline) return 'abandoned';
    await sleep(10);
  }
}

/** Creates the file exclusively and writes our life, in back-to-back system calls so it is empty for the shortest time. */
function createWithOurLife(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, formatLock(thisProcessLife()));
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
  if (parseLock(text)?.pid === process.pid) unlinkIfPresent(path);
}

/** The lock file's text: the pid, then a `name value` line for each field known. */
function formatLock(life: ProcessLife): string {
  const { bootId, bootedAt, started } = life;
  const fields = { 'boot-id': bootId, 'booted-at': bootedAt, started };
  return [String(life.pid), ...Object.entries(fields).flatMap(([name, value]) => (value === undefined ? [] : [`${name} ${value}`]))]
    .map((line) => `${line}\n`)
    .join('');
}

/** The process a lock file names; undefined when it names none (empty, damaged). Lines not understood are skipped. */
function parseLock(text: string): ProcessLife | undefined {
  const [first = '', ...rest] = text.split('\n');
  if (!/^\s*\d+\s*$/.test(first) || Number(first) <= 0) return undefined;
  const field = (name: string) =>
    rest
      .find((line) => line.startsWith(`${name} `))
      ?.slice(name.length + 1)
      .trim() || undefined;
  const digits = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? value : undefined);
  const bootedAt = digits(field('booted-at'));
  return {
    pid: Number(first),
    bootId: field('boot-id'),
    bootedAt: bootedAt === undefined ? undefined : Number(bootedAt),
    started: digits(field('started')),
  };
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
