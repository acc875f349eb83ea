import { open } from 'node:fs/promises';
import type { KeptSegment } from '../segments.ts';
import { appendPiece, type Piece } from './pieces.ts';
import { TrimError } from './trim-error.ts';

export interface WavLayout {
  /** Every chunk before `data` except fmt, copied as they are (LIST, fact, …). */
  headerChunks: Buffer[];
  fmt: Buffer;
  blockAlign: number;
  sampleRate: number;
  bitsPerSample: number;
  dataStart: number;
  dataBytes: number;
}

/** Reads the RIFF chunk list up to `data` (not a fixed 44-byte header). */
export async function readWavLayout(path: string): Promise<WavLayout> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    const riff = await read(0, 12);
    if (riff.length < 12 || riff.toString('latin1', 0, 4) !== 'RIFF' || riff.toString('latin1', 8, 12) !== 'WAVE') {
      throw new TrimError('The recording is not a WAV file (no RIFF/WAVE header).');
    }
    const headerChunks: Buffer[] = [];
    let fmt: Buffer | undefined;
    let position = 12;
    while (position + 8 <= size) {
      const head = await read(position, 8);
      const id = head.toString('latin1', 0, 4);
      const length = head.readUInt32LE(4);
      if (id === 'data') {
        if (!fmt) throw new TrimError('The WAV file has no format chunk before its audio.');
        const dataStart = position + 8;
        // Streaming writers leave the size at 0 or 0xFFFFFFFF: the audio then runs to the end of the file.
        const dataBytes = length === 0 || length === 0xffffffff || dataStart + length > size ? size - dataStart : length;
        const blockAlign = fmt.readUInt16LE(8 + 12);
        const bitsPerSample = fmt.readUInt16LE(8 + 14);
        if (fmt.readUInt16LE(8) !== 1 && fmt.readUInt16LE(8) !== 0xfffe) throw new TrimError('Only PCM WAV recordings can be cut.');
        if (blockAlign === 0) throw new TrimError('The WAV format chunk is damaged (block size 0).');
        return { headerChunks, fmt, blockAlign, sampleRate: fmt.readUInt32LE(8 + 4), bitsPerSample, dataStart, dataBytes: dataBytes - (dataBytes % blockAlign) };
      }
      const chunk = await read(position, 8 + length + (length % 2));
      if (id === 'fmt ') {
        if (length < 16) throw new TrimError('The WAV format chunk is too short.');
        fmt = chunk;
      } else {
        headerChunks.push(chunk);
      }
      position += 8 + length + (length % 2);
    }
    throw new TrimError('The WAV file has no audio data chunk.');
  } finally {
    await file.close();
  }
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** The output: the same header chunks with new sizes, then only the kept sample frames (or silence for the rest). */
export function wavPieces(layout: WavLayout, segments: readonly KeptSegment[], pausedParts: 'remove' | 'silence'): { pieces: Piece[]; durationMs: number } {
  const totalFrames = layout.dataBytes / layout.blockAlign;
  const frameAt = (ms: number) => Math.min(totalFrames, Math.max(0, Math.round((ms * layout.sampleRate) / 1000)));
  const silentFrame = Buffer.alloc(layout.blockAlign, layout.bitsPerSample === 8 ? 0x80 : 0); // 8-bit PCM is unsigned
  const body: Piece[] = [];
  let cursor = 0;
  let frames = 0;
  for (const segment of segments) {
    const from = Math.max(cursor, frameAt(segment.startMs));
    const to = segment.endMs === undefined ? totalFrames : frameAt(segment.endMs);
    if (to <= from) continue;
    if (pausedParts === 'silence' && from > cursor) {
      appendPiece(body, { type: 'repeat', unit: silentFrame, count: from - cursor });
      frames += from - cursor;
    }
    appendPiece(body, { type: 'copy', start: layout.dataStart + from * layout.blockAlign, end: layout.dataStart + to * layout.blockAlign });
    frames += to - from;
    cursor = to;
  }
  const dataBytes = frames * layout.blockAlign;
  const chunks = Buffer.concat([layout.fmt, ...layout.headerChunks]);
  const header = Buffer.concat([Buffer.from('RIFF'), u32(4 + chunks.length + 8 + dataBytes + (dataBytes % 2)), Buffer.from('WAVE'), chunks, Buffer.from('data'), u32(dataBytes)]);
  const pieces: Piece[] = [{ type: 'bytes', data: header }, ...body];
  if (dataBytes % 2) pieces.push({ type: 'bytes', data: Buffer.alloc(1) });
  return { pieces, durationMs: Math.round((frames * 1000) / layout.sampleRate) };
}
