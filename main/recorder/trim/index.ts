import { stat } from 'node:fs/promises';
import { keepsEverything, type KeptSegment } from '../segments.ts';
import { mp3Pieces } from './mp3.ts';
import { writePieces } from './pieces.ts';
import { readWavLayout, wavPieces } from './wav.ts';

export interface TrimResult {
  bytes: number;
  sha256: string;
}

/**
 * Writes into `target` only the kept segments of `source`. With nothing paused the file is copied byte for byte.
 * Streams in both cases: memory stays constant whatever the length of the recording.
 */
export async function trimRecording(
  source: string,
  target: string,
  format: 'wav' | 'mp3',
  segments: readonly KeptSegment[],
  pausedParts: 'remove' | 'silence',
): Promise<TrimResult> {
  if (keepsEverything(segments)) return writePieces(source, [{ type: 'copy', start: 0, end: (await stat(source)).size }], target);
  const pieces = format === 'wav' ? wavPieces(await readWavLayout(source), segments, pausedParts) : await mp3Pieces(source, segments, pausedParts);
  return writePieces(source, pieces, target);
}
