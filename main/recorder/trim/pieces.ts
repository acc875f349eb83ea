import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** A part of the output file: a byte range of the source, or a unit (e.g. one silent frame) repeated. */
export type Piece = { type: 'bytes'; data: Buffer } | { type: 'copy'; start: number; end: number } | { type: 'repeat'; unit: Buffer; count: number };

const REPEAT_BATCH_BYTES = 256 * 1024;

/**
 * Writes the pieces to `target` (created, never overwritten), streaming, then fsyncs it.
 * Returns the size and the sha256 of what was written.
 */
export async function writePieces(source: string, pieces: readonly Piece[], target: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  const out = await open(target, 'wx');
  let bytes = 0;
  const put = async (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
    let written = 0;
    while (written < chunk.length) written += (await out.write(chunk, written)).bytesWritten;
  };
  try {
    for (const piece of pieces) {
      if (piece.type === 'bytes') await put(piece.data);
      else if (piece.type === 'copy') {
        if (piece.end <= piece.start) continue;
        for await (const chunk of createReadStream(source, { start: piece.start, end: piece.end - 1, highWaterMark: 1024 * 1024 })) {
          await put(chunk as Buffer);
        }
      } else {
        const perBatch = Math.max(1, Math.floor(REPEAT_BATCH_BYTES / Math.max(1, piece.unit.length)));
        const batch = Buffer.concat(Array.from({ length: Math.min(perBatch, piece.count) }, () => piece.unit));
        for (let left = piece.count; left > 0; left -= perBatch) {
          await put(left >= perBatch ? batch : batch.subarray(0, left * piece.unit.length));
        }
      }
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Merges touching copy ranges, so a file read in many small ranges is copied in few large reads. */
export function mergeCopies(pieces: readonly Piece[]): Piece[] {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (piece.type === 'copy' && last?.type === 'copy' && last.end === piece.start) merged[merged.length - 1] = { ...last, end: piece.end };
    else merged.push(piece);
  }
  return merged;
}
