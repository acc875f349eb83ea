import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { keepsEverything, type KeptSegment } from '../segments.ts';
import { mp3Pieces } from './mp3.ts';
import { writePieces, type Piece } from './pieces.ts';
import { readWavLayout, wavPieces } from './wav.ts';

export interface TrimResult {
  bytes: number;
  sha256: string;
  /** Length of the saved audio. */
  durationMs: number;
}

/**
 * Writes into `target` (never overwriting) only the kept segments of `source`. With nothing paused the file is
 * copied byte for byte. Streams in both cases: memory stays constant whatever the length of the recording.
 * Throws TrimError for a file that is not the audio it claims to be.
 */
export async function trimRecording(
  source: string,
  target: string,
  format: 'wav' | 'mp3',
  segments: readonly KeptSegment[],
  pausedParts: 'remove' | 'silence',
): Promise<TrimResult> {
  const everything = keepsEverything(segments);
  const plan = format === 'wav' ? wavPieces(await readWavLayout(source), segments, pausedParts) : await mp3Pieces(source, segments, pausedParts);
  const pieces: Piece[] = everything ? [{ type: 'copy', start: 0, end: (await stat(source)).size }] : plan.pieces;
  return { ...(await writePieces(source, pieces, target)), durationMs: plan.durationMs };
}

/**
 * What `source` kept whole would be saved as: its size, sha256 and length, read (streaming) without writing a copy,
 * so a recording that was never paused can be moved into place instead of copied. Throws TrimError like a trim.
 */
export async function inspectRecording(source: string, format: 'wav' | 'mp3'): Promise<TrimResult> {
  const whole = [{ startMs: 0 }];
  const plan = format === 'wav' ? wavPieces(await readWavLayout(source), whole, 'remove') : await mp3Pieces(source, whole, 'remove');
  return { ...(await fileDigest(source)), durationMs: plan.durationMs };
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
