// The two halves of `npm run dev` (dev.ts): esbuild watching the bundles, and the one process that runs them,
// started again when what it runs was rebuilt.
import { context, type BuildOptions } from 'esbuild';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * esbuild in watch mode for every bundle. Resolves once each has been built the first time; after that,
 * `rebuilt(name)` follows every rebuild that succeeded (a failed one prints its errors, and nothing is restarted).
 */
export async function watchBundles<N extends string>(all: Record<N, BuildOptions>, rebuilt: (name: N) => void): Promise<{ dispose(): Promise<void> }> {
  const names = Object.keys(all) as N[];
  const built = new Set<N>();
  let allBuilt!: () => void;
  const ready = new Promise<void>((resolve) => (allBuilt = resolve));
  const withNotice = (name: N): BuildOptions => ({
    ...all[name],
    plugins: [
      {
        name: 'rebuilt',
        setup(build) {
          build.onEnd((result) => {
            if (!built.has(name)) {
              built.add(name); // the first build, even a failed one: the next save may mend it
              if (built.size === names.length) allBuilt();
            } else if (result.errors.length === 0) rebuilt(name);
          });
        },
      },
    ],
  });
  const contexts = await Promise.all(names.map((name) => context(withNotice(name))));
  await Promise.all(contexts.map((ctx) => ctx.watch())); // each starts with a build
  await ready;
  return {
    dispose: async () => {
      await Promise.all(contexts.map((ctx) => ctx.dispose()));
    },
  };
}

/**
 * One child process at a time. `restart()` asks the running one to end (SIGTERM: Electron and the preview both
 * stop cleanly on it; SIGKILL after `graceMs`), waits for it, then starts a new one; restarts asked for meanwhile
 * make one. A child that ends by itself is reported and started again at the next restart.
 */
export class Restarter {
  private child: ChildProcess | undefined;
  private queue: Promise<void> = Promise.resolve();
  private waiting = false;

  constructor(
    private readonly start: () => ChildProcess,
    private readonly onExit: (code: number | null, signal: NodeJS.Signals | null) => void,
    private readonly graceMs = 5000,
  ) {}

  restart(): Promise<void> {
    if (this.waiting) return this.queue;
    this.waiting = true;
    this.queue = this.queue.then(async () => {
      this.waiting = false;
      await this.end();
      this.launch();
    });
    return this.queue;
  }

  stop(): Promise<void> {
    this.queue = this.queue.then(() => this.end());
    return this.queue;
  }

  private launch(): void {
    const child = this.start();
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.child !== child) return; // ended by us
      this.child = undefined;
      this.onExit(code, signal);
    });
  }

  private async end(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), this.graceMs);
    await exited;
    clearTimeout(kill);
  }
}
