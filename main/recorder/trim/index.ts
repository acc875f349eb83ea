import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { keepsEverything, type KeptSegment } from '../segments.ts';
import { mp3Pieces } from './mp3-cut.ts';
import { writePieces, type Piece, type TrimPlan } from './pieces.ts';
import { readWavLayout, wavPieces } from './wav.ts';

export interface TrimResult {
  bytes: number;
  sha256: string;
  /** Length of the saved audio. */
  durationMs: number;
  /**
   * The name of the audio format when it cannot be cut: the whole file was written (a trim), or would be (an
   * inspection), paused parts included.
   */
  uncutFormat?: string;
}

/** How `source` would be cut: the pieces to write, or the format's name when it cannot be cut. */
async function planTrim(source: string, format: 'wav' | 'mp3', segments: readonly KeptSegment[], pausedParts: 'remove' | 'silence'): Promise<TrimPlan> {
  return format === 'wav' ? wavPieces(await readWavLayout(source), segments, pausedParts) : mp3Pieces(source, segments, pausedParts);
}

/**
 * Writes into `target` (never overwriting) only the kept segments of `source`. With nothing paused the file is
 * copied byte for byte, and so is a file whose format cannot be cut (`uncutFormat` then names it). Streams in
 * every case: memory stays constant whatever the length of the recording.
 * Throws TrimError for a file that is not the audio it claims to be.
 */
export async function trimRecording(
  source: string,
  target: string,
  format: 'wav' | 'mp3',
  segments: readonly KeptSegment[],
  pausedParts: 'remove' | 'silence',
): Promise<TrimResult> {
  const plan = await planTrim(source, format, segments, pausedParts);
  if (plan.uncut === undefined && !keepsEverything(segments)) return { ...(await writePieces(source, plan.pieces, target)), durationMs: plan.durationMs };
  const whole: Piece[] = [{ type: 'copy', start: 0, end: (await stat(source)).size }];
  return { ...(await writePieces(source, whole, target)), durationMs: plan.durationMs, ...(plan.uncut === undefined ? {} : { uncutFormat: plan.uncut }) };
}

/**
 * What `source` kept whole would be saved as: its size, sha256, length and whether its format can be cut, read
 * (streaming) without writing a copy,
 * so a recording that was never paused can be moved into place instead of copied. Throws TrimError like a trim.
 */
export async function inspectRecording(source: string, format: 'wav' | 'mp3'): Promise<TrimResult> {
  const plan = await planTrim(source, format, [{ startMs: 0 }], 'remove');
  return { ...(await fileDigest(source)), durationMs: plan.durationMs, ...(plan.uncut === undefined ? {} : { uncutFormat: plan.uncut }) };
}

/** The size and sha256 of a file, streaming. */
export async function fileDigest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(createReadStream(path), async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  });
  return { bytes, sha256: hash.digest('hex') };
}
