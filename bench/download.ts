// Download of a 200 MB recording from the demo PBX: Ozeki Recorder's streaming download against curl.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { writeDemoRecording } from '../main/demo-pbx/audio.ts';
import { download } from '../main/recorder/download.ts';

export async function benchDownload(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-download-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-recordings.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const agent = new Agent();
  try {
    const [pbxUrl] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
    const file = join(dir, 'big.wav');
    await writeDemoRecording(file, 'wav', 200e6 / 16_000); // 8 kHz 16-bit mono: 16 kB per second
    const size = (await stat(file)).size;
    const url = new URL(`${pbxUrl}/HttpRecordings/big.wav`);
    const ours: number[] = [];
    const curl: number[] = [];
    let hasCurl = true;
    for (let round = 0; round < 5; round++) {
      const part = join(dir, `ours-${round}.part`);
      let started = performance.now();
      await download({ kind: 'http', url }, part, { dispatcher: agent, folder: dir });
      ours.push(performance.now() - started);
      await rm(part);
      try {
        started = performance.now();
        await promisify(execFile)('curl', ['-s', '-f', '-o', join(dir, 'curl.part'), url.href]);
        curl.push(performance.now() - started);
        await rm(join(dir, 'curl.part'));
      } catch {
        hasCurl = false;
      }
    }
    const best = (xs: number[]) => Math.min(...xs);
    const mbps = (ms: number) => `${((size / 1e6) / (ms / 1000)).toFixed(0)} MB/s`;
    return {
      'recording size': `${(size / 1e6).toFixed(0)} MB`,
      'Ozeki Recorder (best of 5)': `${(best(ours) / 1000).toFixed(2)} s, ${mbps(best(ours))}`,
      'curl (best of 5)': hasCurl ? `${(best(curl) / 1000).toFixed(2)} s, ${mbps(best(curl))}` : 'curl not installed',
      'throughput ratio (ours / curl, target ≥ 0.9)': hasCurl ? (best(curl) / best(ours)).toFixed(2) : 'n/a',
    };
  } finally {
    await agent.close();
    server.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}
