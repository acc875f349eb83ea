import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** A part of the output file: a byte range of the source, or a unit (e.g. one silent frame) repeated. */
export type Piece = { type: 'bytes'; data: Buffer } | { type: 'copy'; start: number; end: number } | { type: 'repeat'; unit: Buffer; count: number };

/**
 * What a trim is to write: the pieces and the length of the result; or, for audio the trimmer cannot cut, the
 * name of its format (`uncut`) and the whole file's length: such a file is saved whole, paused parts included.
 */
export type TrimPlan = { pieces: Piece[]; durationMs: number; uncut?: undefined } | { uncut: string; durationMs: number };

const REPEAT_BATCH_BYTES = 256 * 1024;

/**
 * Writes the pieces to `target` (created 0600, never overwritten), streaming, then fsyncs it.
 * Returns the size and the sha256 of what was written.
 */
export async function writePieces(source: string, pieces: readonly Piece[], target: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  const input = await open(source, 'r');
  const out = await open(target, 'wx', 0o600).catch(async (error: unknown) => {
    await input.close();
    throw error;
  });
  const buffer = Buffer.alloc(1024 * 1024); // one buffer for every copy: memory stays flat
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
        for (let at = piece.start; at < piece.end;) {
          const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, piece.end - at), at);
          if (bytesRead === 0) throw new Error('The recording is shorter than its header says.');
          await put(buffer.subarray(0, bytesRead));
          at += bytesRead;
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
    await input.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Appends a piece, merged into the last one when they continue each other (touching copy ranges, the same unit
 * repeated): a file cut into many frames is then copied in few large reads, and the list stays short.
 */
export function appendPiece(pieces: Piece[], piece: Piece): void {
  const last = pieces.at(-1);
  if (piece.type === 'copy' && last?.type === 'copy' && last.end === piece.start) last.end = piece.end;
  else if (piece.type === 'repeat' && last?.type === 'repeat' && last.unit.equals(piece.unit)) last.count += piece.count;
  else pieces.push({ ...piece });
}
