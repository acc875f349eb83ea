import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { morePolls, onCleanup, startDemoPbx } from './demo.ts';
import { tempDir } from './recorder.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildRecorder {
  child: ChildProcess;
  /** Every line printed so far, stdout and stderr. */
  lines: string[];
  /** The lines printed on stdout only (the output a program reads, e.g. JSON). */
  stdout: string[];
  /** Resolves with the first line (already printed or to come) that matches. */
  line(pattern: RegExp): Promise<string>;
  /** Resolves when the process has ended and all its output is read, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `ozeki-recorder <args>` as a real child process (from the TypeScript sources, so no build is needed), killed
 * after the test if it is still running. `env` is added to this process's environment, e.g. a crash point.
 * The one way tests start the command line as a process.
 */
export function spawnRecorder(args: string[], env: Record<string, string> = {}): ChildRecorder {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stdout: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  for (const stream of [child.stdout, child.stderr]) {
    const own = stream === child.stdout ? stdout : undefined;
    let rest = '';
    stream.setEncoding('utf8').on('data', (text: string) => {
      const parts = (rest + text).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        own?.push(line);
        for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
  }
  const line = (pattern: RegExp) => {
    const seen = lines.find((l) => pattern.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      waiters.push({ pattern, resolve });
      void exited.then(({ code, signal }) =>
        reject(new Error(`The recorder ended (${signal ?? code}) before printing ${pattern}; it printed:\n${lines.join('\n')}`)),
      );
    });
  };
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, lines, stdout, line, exited };
}

/** `ozeki-recorder run`'s arguments for a test, and the folders they name. */
export interface RunArgs {
  args: string[];
  folder: string;
  dataDir: string;
}

/**
 * The arguments of `ozeki-recorder run` against `pbxUrl`: a fresh recordings folder, a data folder (a fresh one
 * unless given), the listener on `listen` (any free loopback port unless given), then `extra` (e.g.
 * `--poll-interval 100`).
 */
export async function runArgs(pbxUrl: string, options: { dataDir?: string; listen?: string; extra?: string[] } = {}): Promise<RunArgs> {
  const folder = await tempDir('recordings-');
  const dataDir = options.dataDir ?? (await tempDir('data-'));
  const args = ['run', '--pbx-url', pbxUrl, '--folder', folder, '--data-dir', dataDir, '--listen', options.listen ?? '127.0.0.1:0', ...(options.extra ?? [])];
  return { args, folder, dataDir };
}

/**
 * `ozeki-recorder run` records every call as WAV, polling every 100 ms; it records one call of a fresh demo PBX
 * and is killed (SIGKILL, a power cut) at the crash point `crashAt` once the call has ended. Resolves once the
 * process is dead, with what the next start needs: `restart` runs the same command line again, without a crash
 * point; `delivery` is the PBX's first attempt at the RecordCompleted notification.
 */
export async function crashAfterCall(crashAt: string, options: { listen?: string } = {}) {
  const pbx = await startDemoPbx();
  const { args, folder, dataDir } = await runArgs(pbx.url, {
    listen: options.listen,
    extra: ['--poll-interval', '100', '--auto-record', 'all', '--format', 'wav'],
  });
  const first = spawnRecorder(args, { OZEKI_RECORDER_CRASH_AT: crashAt });
  await first.line(/^pbx +Connected/);
  const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
  await first.line(/^record .*recording started/);
  await morePolls(pbx, 3); // a recording of a few polls' length
  const delivery = new Promise<{ ok: boolean }>((resolve) => pbx.once('notification', resolve));
  await pbx.endCall(callId);
  expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
  return { pbx, callId, folder, dataDir, delivery, restart: () => spawnRecorder(args) };
}
