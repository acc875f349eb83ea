import { readFileSync } from 'node:fs';
import { uptime } from 'node:os';

/**
 * One life of a process: its pid and what tells it apart from a later process given the same pid (pids are reused,
 * above all after a reboot). Fields a platform cannot tell are left out, and then not compared.
 */
export interface ProcessLife {
  pid: number;
  /** Linux's id of this boot of the machine (/proc/sys/kernel/random/boot_id). */
  bootId?: string;
  /** When the machine booted, in whole seconds since the epoch (every platform, from the clock and the uptime). */
  bootedAt?: number;
  /** When the process started, in clock ticks after the boot (Linux: field 22 of /proc/<pid>/stat). */
  started?: string;
}

/** Two boot times computed from the clock and the uptime differ a little (rounding, the clock being set). */
const BOOT_TIME_TOLERANCE_S = 60;

let ours: ProcessLife | undefined;

/** This process's life; computed once, so that its boot time does not move with the clock. */
export function thisProcessLife(): ProcessLife {
  ours ??= {
    pid: process.pid,
    bootId: readProc('/proc/sys/kernel/random/boot_id')?.trim() || undefined,
    bootedAt: Math.round(Date.now() / 1000 - uptime()),
    started: startOf(process.pid),
  };
  return ours;
}

/**
 * Whether the process that recorded `life` is still running: its pid is alive, the machine has not rebooted since,
 * and (where known) the process under that pid started when it did. A record with only a pid (older versions) is
 * taken to be of this boot.
 */
export function isStillRunning(life: ProcessLife): boolean {
  if (!isAlive(life.pid)) return false;
  const now = thisProcessLife();
  if (life.bootId !== undefined && now.bootId !== undefined) {
    if (life.bootId !== now.bootId) return false;
  } else if (life.bootedAt !== undefined && now.bootedAt !== undefined) {
    if (Math.abs(life.bootedAt - now.bootedAt) > BOOT_TIME_TOLERANCE_S) return false;
  }
  if (life.started === undefined) return true;
  const started = startOf(life.pid);
  return started === undefined || started === life.started;
}

/** When process `pid` started, in clock ticks after the boot; undefined where /proc does not tell (not Linux, hidden, gone). */
export function startOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // "pid (name) state ppid …": the name may hold spaces and parentheses, so count fields after its last ')', where field 3 begins.
  const fields = stat
    .slice(stat.lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/);
  const started = fields[22 - 3];
  return started !== undefined && /^\d+$/.test(started) ? started : undefined;
}

function readProc(path: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
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
