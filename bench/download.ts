// Download of a 200 MB recording from the demo PBX: Ozeki Recorder's streaming download against curl (followed
// by sync, as our download ends with fsync), as fast as loopback allows and over a link limited to 1 Gbit/s
// like a real office network. The demo PBX runs in its own process.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Agent } from 'undici';
import { writeDemoRecording } from '../main/demo-pbx/audio.ts';
import { download } from '../main/recorder/download.ts';

const ROUNDS = 5;

async function compare(dir: string, file: string, bytesPerSecond: number): Promise<{ ours: number; curl: number | undefined }> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-recordings.ts', dir, String(bytesPerSecond)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const agent = new Agent();
  try {
    const [pbxUrl] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
    const url = new URL(`${pbxUrl}/HttpRecordings/${file}`);
    const ours: number[] = [];
    const curl: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const part = join(dir, 'ours.part');
      let started = performance.now();
      await download({ kind: 'http', url }, part, { dispatcher: agent, folder: dir });
      ours.push(performance.now() - started);
      await rm(part);
      try {
        started = performance.now();
        await promisify(execFile)('curl', ['-s', '-f', '-o', join(dir, 'curl.part'), url.href]);
        // Ozeki Recorder fsyncs every download before it counts as done; curl's file gets the same.
        await promisify(execFile)('sync', [join(dir, 'curl.part')]);
        curl.push(performance.now() - started);
        await rm(join(dir, 'curl.part'));
      } catch {
        // curl is not installed: the ratio is left out
      }
    }
    return { ours: Math.min(...ours), curl: curl.length === ROUNDS ? Math.min(...curl) : undefined };
  } finally {
    await agent.close();
    server.kill('SIGTERM');
  }
}

export async function benchDownload(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-download-'));
  try {
    await writeDemoRecording(join(dir, 'big.wav'), 'wav', 200e6 / 16_000); // 8 kHz 16-bit mono: 16 kB per second
    const size = (await stat(join(dir, 'big.wav'))).size;
    const rate = (ms: number) => `${(ms / 1000).toFixed(2)} s, ${(size / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
    const results: Record<string, string> = { 'recording size': `${(size / 1e6).toFixed(0)} MB` };
    for (const [link, bytesPerSecond] of [
      ['loopback, unlimited', 0],
      ['limited to 1 Gbit/s', 125e6],
    ] as const) {
      const { ours, curl } = await compare(dir, 'big.wav', bytesPerSecond);
      results[`${link}: Ozeki Recorder (best of ${ROUNDS})`] = rate(ours);
      results[`${link}: curl (best of ${ROUNDS})`] = curl === undefined ? 'curl not installed' : rate(curl);
      results[`${link}: throughput ratio ours / curl (target ≥ 0.9)`] = curl === undefined ? 'n/a' : (curl / ours).toFixed(2);
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
