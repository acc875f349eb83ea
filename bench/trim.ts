// Trim of a one-hour WAV and a one-hour MP3, each in its own process so peak memory is its own.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoRecording } from '../main/demo-pbx/audio.ts';

export async function benchTrim(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-trim-'));
  const results: Record<string, string> = {};
  try {
    for (const format of ['wav', 'mp3'] as const) {
      const source = join(dir, `hour.${format}`);
      await writeDemoRecording(source, format, 3600);
      const runs = [0, 1, 2].map((i) => {
        const output = execFileSync(process.execPath, [
          '--expose-gc',
          '--import',
          'tsx',
          'bench/trim-child.ts',
          source,
          join(dir, `out-${i}.${format}`),
          format,
        ]);
        return JSON.parse(output.toString()) as { seconds: number; peakAboveBaselineMb: number };
      });
      const size = (await stat(source)).size;
      const best = Math.min(...runs.map((r) => r.seconds));
      const peak = Math.max(...runs.map((r) => r.peakAboveBaselineMb));
      results[`one-hour ${format.toUpperCase()} (${(size / 1e6).toFixed(0)} MB), 12 cuts`] =
        `${best.toFixed(2)} s (target < 1 s), peak +${peak.toFixed(1)} MB (target < 50 MB)`;
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
