import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './demo.ts';

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
