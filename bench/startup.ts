// Start-up: from spawning `ozeki-recorder run` (the built CLI) to ready — its listener up and its first poll of the
// demo PBX answered (the `link` event of --json) — side by side with spawning a bare `node -e ""`. Median of a few.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { DemoPbx } from '../main/demo-pbx/server.ts';
import { CLI, median } from './spawned-run.ts';

const RUNS = 7;

async function timeRun(pbxUrl: string): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-start-'));
  const start = performance.now();
  const child = spawn(
    process.execPath,
    [CLI, 'run', '--pbx-url', pbxUrl, '--folder', join(dir, 'rec'), '--data-dir', join(dir, 'data'), '--listen', '127.0.0.1:0', '--json'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  const ready = await new Promise<number>((resolve, reject) => {
    const check = () => {
      if (err.includes('Listening for finished recordings') && out.includes('"type":"link"')) resolve(performance.now() - start);
    };
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      check();
    });
    child.stderr.on('data', check);
    child.once('exit', (code) => reject(new Error(`run exited (${String(code)}): ${err}`)));
  });
  child.kill('SIGTERM');
  await once(child, 'exit');
  return ready;
}

async function timeBareNode(): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return performance.now() - start;
}

export async function benchStartup(): Promise<Record<string, string>> {
  const pbx = new DemoPbx();
  await pbx.start();
  for (let i = 0; i < 20; i++) pbx.addCall({ source: `+36 1 ${String(i).padStart(4, '0')}`, destination: '1001', state: 'InCall' });
  const run: number[] = [];
  const bare: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      run.push(await timeRun(pbx.url));
      bare.push(await timeBareNode());
    }
  } finally {
    await pbx.stop();
  }
  return {
    [`run ready (listener up, first poll answered), median of ${RUNS}`]: `${median(run).toFixed(0)} ms (target ≤ 300 ms)`,
    ['bare node -e "" start and exit, same rounds']: `${median(bare).toFixed(0)} ms`,
  };
}
