// `ozeki-recorder run` as a child process, as a receptionist's PC runs it: the built CLI (npm run build first), its
// CPU time and memory read from /proc/<pid>/ (Linux only).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DATA_FILES } from '../main/recorder/data-dir.ts';

export const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'index.cjs');
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory in MB. */
export async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb) / 1024;
}

/** Share of one core each process used over `seconds`, measured over the same span. */
export async function cpuShares(pids: readonly number[], seconds: number): Promise<number[]> {
  const before = await Promise.all(pids.map(cpuSeconds));
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = await Promise.all(pids.map(cpuSeconds));
  return pids.map((_, i) => ((after[i] ?? 0) - (before[i] ?? 0)) / seconds);
}

export interface RunChild {
  child: ChildProcess;
  pid: number;
  /** The listener's base URL, e.g. http://127.0.0.1:40123 */
  listenerUrl: string;
  /** The CallChanged URL, with the listener's secret. */
  callChangedUrl: string;
  stop(): Promise<void>;
}

/** Spawns `run` against `pbxUrl` and resolves once its listener is up (the first poll has been sent by then). */
export async function spawnRun(pbxUrl: string, extra: readonly string[] = []): Promise<RunChild> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-run-'));
  const dataDir = join(dir, 'data');
  const child = spawn(
    process.execPath,
    [CLI, 'run', '--pbx-url', pbxUrl, '--folder', join(dir, 'recordings'), '--data-dir', dataDir, '--listen', '127.0.0.1:0', ...extra],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const listenerUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      text += chunk;
      const url = /Listening for finished recordings on (\S+)/.exec(text)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`run exited (${String(code)}) before it listened: ${text}`)));
  });
  const secret = (await readFile(join(dataDir, DATA_FILES.listenerSecret), 'utf8')).trim();
  return {
    child,
    pid: child.pid ?? 0,
    listenerUrl,
    callChangedUrl: `${listenerUrl}/ozeki/call-changed/${secret}`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * The reference: a bare Node process that sends the same ListActiveCalls request, on a keep-alive connection, once
 * a second, and reads the answer without looking at it.
 */
export function spawnKeepAliveReference(pbxUrl: string, intervalMs = 1000): ChildProcess & { pid: number } {
  const code = `
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true });
    const body = 'Command=ListActiveCalls';
    setInterval(() => {
      const req = http.request(${JSON.stringify(pbxUrl)}, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length } }, (res) => res.resume());
      req.on('error', () => {});
      req.end(body);
    }, ${intervalMs});`;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  return child as ChildProcess & { pid: number };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
