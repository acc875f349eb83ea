import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The committed audio fixtures (made by scripts/make-audio-fixtures.ts). */
export const AUDIO_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'audio');
/** The fixtures' signal: a 440 Hz tone whose amplitude (of full scale) doubles every AUDIO_STEP_MS. */
export const AUDIO_STEP_MS = 500;
export const AUDIO_STEP_LEVELS = [0.06, 0.12, 0.24, 0.48];

const MISSING =
  'The audio tests decode their outputs with ffmpeg and ffprobe, which are not installed here. .ci/run installs them (apt-get install ffmpeg), as CI has them; install them the same way to run these tests.';

async function tool(name: 'ffmpeg' | 'ffprobe', args: string[]): Promise<{ stdout: Buffer; stderr: string }> {
  try {
    const { stdout, stderr } = await run(name, ['-hide_banner', ...(name === 'ffmpeg' ? ['-nostdin'] : []), ...args], {
      encoding: 'buffer',
      maxBuffer: 256 * 1024 * 1024,
    });
    return { stdout, stderr: stderr.toString() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING, { cause: error });
    throw error;
  }
}

/** Audio decoded by ffmpeg to 16-bit, its first channel only, with whatever it reported as an error while decoding. */
export interface Decoded {
  sampleRate: number;
  samples: Int16Array;
  errors: string;
}

export async function decode(path: string): Promise<Decoded> {
  const rate = await tool('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=sample_rate', '-of', 'default=nw=1:nk=1', path]);
  const { stdout, stderr } = await tool('ffmpeg', ['-v', 'error', '-err_detect', 'crccheck', '-i', path, '-af', 'pan=mono|c0=c0', '-f', 's16le', '-']);
  const pcm = Buffer.from(stdout);
  return {
    sampleRate: Number(rate.stdout.toString().split('\n')[0]),
    samples: new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 2)),
    errors: stderr.trim(),
  };
}

/** The length a player shows: ffprobe's duration of the file, in seconds. */
export async function probedSeconds(path: string): Promise<number> {
  const { stdout } = await tool('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', path]);
  return Number(stdout.toString().split('\n')[0]);
}

/** A stretch of decoded audio: which step of the signal it is (-1: silence, -2: neither), and how long. */
export interface Run {
  step: number;
  ms: number;
}

const WINDOW_MS = 20;

/**
 * What the decoded audio is, 20 ms at a time, merged into runs: the step whose level (fraction of full scale) is
 * nearest the window's peak estimate (from its RMS, for a tone), silence below 1 %, -2 when no level is within 20 %.
 */
export function runsOf(decoded: Decoded, levels: readonly number[]): Run[] {
  const perWindow = Math.round((decoded.sampleRate * WINDOW_MS) / 1000);
  const runs: Run[] = [];
  for (let start = 0; start + perWindow <= decoded.samples.length; start += perWindow) {
    let sum = 0;
    for (let i = start; i < start + perWindow; i++) sum += (decoded.samples[i] ?? 0) ** 2;
    const amplitude = (Math.sqrt(sum / perWindow) * Math.SQRT2) / 32768;
    let step = amplitude < 0.01 ? -1 : -2;
    if (step === -2) {
      const nearest = levels.reduce(
        (best, level, i) => (Math.abs(amplitude - level) / level < Math.abs(amplitude - (levels[best] ?? 1)) / (levels[best] ?? 1) ? i : best),
        0,
      );
      if (Math.abs(amplitude - (levels[nearest] ?? 1)) / (levels[nearest] ?? 1) < 0.2) step = nearest;
    }
    const last = runs.at(-1);
    if (last?.step === step) last.ms += WINDOW_MS;
    else runs.push({ step, ms: WINDOW_MS });
  }
  return runs;
}

/** The steps heard for at least `minMs` each, in order (short runs at the boundaries left out). */
export function stepsHeard(runs: readonly Run[], minMs = 100): number[] {
  const steps: number[] = [];
  for (const run of runs) if (run.ms >= minMs && steps.at(-1) !== run.step) steps.push(run.step);
  return steps;
}

/** Milliseconds of each step in all. */
export function msOfSteps(runs: readonly Run[]): Map<number, number> {
  const total = new Map<number, number>();
  for (const run of runs) total.set(run.step, (total.get(run.step) ?? 0) + run.ms);
  return total;
}

/** The loudest sample between `fromMs` and `toMs`, as a fraction of full scale. */
export function peakBetween(decoded: Decoded, fromMs: number, toMs: number): number {
  let peak = 0;
  const end = Math.min(decoded.samples.length, Math.round((toMs * decoded.sampleRate) / 1000));
  for (let i = Math.round((fromMs * decoded.sampleRate) / 1000); i < end; i++) peak = Math.max(peak, Math.abs(decoded.samples[i] ?? 0));
  return peak / 32768;
}
