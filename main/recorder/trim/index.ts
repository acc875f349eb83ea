import { stat } from 'node:fs/promises';
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
