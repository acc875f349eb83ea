// Export of 1 GB of recordings into one ZIP: `ozeki-recorder export` (the built CLI, a process of its own, as a
// receptionist runs it) against Info-ZIP's `zip -0` on the same files (followed by sync of its file, as our export
// ends with fsync), best of a few rounds each, and the CLI's peak memory exporting a tenth of the data and all of
// it: flat memory means the same peak for both.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeSidecar } from '../main/recorder/library.ts';
import { CLI } from './spawned-run.ts';

const run = promisify(execFile);
const ROUNDS = 3;
const DAYS = 10;
const PER_DAY = 10;
const FILE_BYTES = 10 * 1024 * 1024;

/** A WAV file of `bytes`: a header and noise-like samples (1 MiB of random bytes, repeated), written as a stream. */
async function writeRecording(path: string, bytes: number, noise: Buffer): Promise<void> {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(bytes - 8, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(bytes - 44, 40);
  const out = createWriteStream(path);
  out.write(header);
  for (let left = bytes - 44; left > 0; left -= noise.length) {
    if (!out.write(left >= noise.length ? noise : noise.subarray(0, left))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

/** DAYS days of PER_DAY recordings of FILE_BYTES each, with their sidecars, in `folder`. */
async function makeLibrary(folder: string): Promise<void> {
  const noise = randomBytes(1024 * 1024);
  for (let day = 1; day <= DAYS; day++) {
    const dayFolder = join(folder, `2026-11-${String(day).padStart(2, '0')}`);
    await mkdir(dayFolder, { recursive: true });
    for (let i = 0; i < PER_DAY; i++) {
      const file = `09-${String(i).padStart(2, '0')}-00_+36 1 234 56${String(i).padStart(2, '0')}_1001.wav`;
      const path = join(dayFolder, file);
      await writeRecording(path, FILE_BYTES, noise);
      const startTime = new Date(2026, 10, day, 9, i).toISOString();
      await writeSidecar(path, {
        app: 'ozeki-recorder',
        version: 1,
        file,
        recordingId: `${day}-${i}`,
        callId: `C${day}x${i}`,
        from: `+36 1 234 56${String(i).padStart(2, '0')}`,
        to: '1001',
        callerName: 'Kovács Zoltán',
        startTime,
        durationSeconds: (FILE_BYTES - 44) / 16000,
        keptSegments: [{ startMs: 0 }],
        pausedParts: 'remove',
        format: 'wav',
        sha256: '',
        note: 'Asked for a call back about the invoice.',
        pinned: false,
        savedAt: startTime,
      });
    }
  }
}

/** Runs a command under GNU time; resolves with its wall time (measured here) and its peak resident memory in MB. */
async function timed(command: string, args: string[], cwd?: string): Promise<{ ms: number; peakMb: number }> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], ...(cwd ? { cwd } : {}) });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${String(code)}): ${stderr}`);
  const kb = Number(/(\d+)\s*$/.exec(stderr)?.[1]);
  return { ms, peakMb: kb / 1024 };
}

export async function benchExport(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-export-'));
  try {
    const folder = join(dir, 'recordings');
    await makeLibrary(folder);
    const out = join(dir, 'out');
    await mkdir(out);
    const exportDays = (last: number, file: string) =>
      timed(process.execPath, [
        CLI,
        'export',
        '--folder',
        folder,
        '--from',
        '2026-11-01',
        '--to',
        `2026-11-${String(last).padStart(2, '0')}`,
        '--out',
        join(out, file),
      ]);
    const zipAll = async (file: string) => {
      // The same files: every day's folder, audio and sidecars, stored (-0), then its file synced as ours is.
      const zipped = await timed('zip', ['-0', '-q', '-r', join(out, file), '.'], folder);
      const started = performance.now();
      await run('sync', [join(out, file)]);
      return { ms: zipped.ms + performance.now() - started, peakMb: zipped.peakMb };
    };

    const ours: { ms: number; peakMb: number }[] = [];
    const zip: { ms: number; peakMb: number }[] = [];
    await exportDays(DAYS, 'warm-up.zip'); // the files into the page cache, for both
    await rm(join(out, 'warm-up.zip'));
    let bytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(await exportDays(DAYS, 'ours.zip'));
      bytes = (await stat(join(out, 'ours.zip'))).size;
      await rm(join(out, 'ours.zip'));
      zip.push(await zipAll('zip.zip'));
      await rm(join(out, 'zip.zip'));
    }
    const tenth = await exportDays(1, 'tenth.zip');
    const tenthBytes = (await stat(join(out, 'tenth.zip'))).size;
    const best = (runs: { ms: number }[]) => Math.min(...runs.map((r) => r.ms));
    const rate = (ms: number) => `${(ms / 1000).toFixed(2)} s, ${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
    const peakAll = Math.max(...ours.map((r) => r.peakMb));
    return {
      exported: `${DAYS * PER_DAY} recordings of ${(FILE_BYTES / 1e6).toFixed(1)} MB and their sidecars: a ZIP of ${(bytes / 1e6).toFixed(0)} MB`,
      'ozeki-recorder export (best of 3, the whole CLI process)': rate(best(ours)),
      'zip -0 -r, then sync (best of 3)': rate(best(zip)),
      'speed against zip -0 (target ≥ 0.8×)': `${(best(zip) / best(ours)).toFixed(2)}×`,
      [`peak memory of export, ${(tenthBytes / 1e6).toFixed(0)} MB ZIP`]: `${tenth.peakMb.toFixed(0)} MB`,
      [`peak memory of export, ${(bytes / 1e6).toFixed(0)} MB ZIP`]: `${peakAll.toFixed(0)} MB (growth for 10× the data: ${(peakAll - tenth.peakMb).toFixed(1)} MB)`,
      'peak memory of zip -0': `${Math.max(...zip.map((r) => r.peakMb)).toFixed(0)} MB`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
