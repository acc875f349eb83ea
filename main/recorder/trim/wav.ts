import { open } from 'node:fs/promises';
import type { KeptSegment } from '../segments.ts';
import { appendPiece, type Piece, type TrimPlan } from './pieces.ts';
import { TrimError } from './trim-error.ts';
import { wavCodec, type WavCodec } from './wav-codec.ts';

export interface WavLayout {
  /** Every chunk before `data` in their order, fmt and fact included, each with its 8-byte header. */
  headerChunks: Buffer[];
  codec: WavCodec;
  blockAlign: number;
  sampleRate: number;
  dataStart: number;
  /** Whole blocks only. */
  dataBytes: number;
  /** Samples (per channel) in the audio: the fact chunk's count where it has one that fits, else every block's. */
  samples: number;
  /** The fact chunk's count as it is. */
  factSamples: number | undefined;
  /** Bytes per second, from the format chunk: the length of audio the trimmer cannot read. */
  bytesPerSecond: number;
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
    let factSamples: number | undefined;
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
        if (blockAlign === 0) throw new TrimError('The WAV format chunk is damaged (block size 0).');
        const sampleRate = fmt.readUInt32LE(8 + 4);
        if (sampleRate === 0) throw new TrimError('The WAV format chunk is damaged (sample rate 0).');
        const codec = wavCodec(fmt);
        const blocks = Math.floor(dataBytes / blockAlign);
        const fits = factSamples !== undefined && factSamples <= blocks * codec.samplesPerBlock && factSamples > (blocks - 1) * codec.samplesPerBlock;
        return {
          headerChunks,
          codec,
          blockAlign,
          sampleRate,
          dataStart,
          dataBytes: blocks * blockAlign,
          samples: fits ? (factSamples ?? 0) : blocks * codec.samplesPerBlock,
          factSamples,
          bytesPerSecond: fmt.readUInt32LE(8 + 8),
        };
      }
      const chunk = await read(position, 8 + length + (length % 2));
      if (id === 'fmt ') {
        if (length < 16) throw new TrimError('The WAV format chunk is too short.');
        fmt = chunk;
      } else if (id === 'fact' && length >= 4) {
        factSamples = chunk.readUInt32LE(8);
      }
      headerChunks.push(chunk);
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

/** The chunk as it goes into the output: a fact chunk gets the new sample count, every other stays as it was. */
function outputChunk(chunk: Buffer, samples: number): Buffer {
  if (chunk.toString('latin1', 0, 4) !== 'fact' || chunk.length < 12) return chunk;
  const fact = Buffer.from(chunk);
  fact.writeUInt32LE(samples, 8);
  return fact;
}

/**
 * The output: the same header chunks with new sizes and sample count, then only the kept blocks, or for
 * `silence` a silent block in place of each paused one. A sample format is cut sample-exact; a block format
 * (IMA ADPCM, GSM) at the block boundary nearest each pause, at most half a block away (32 ms for IMA ADPCM
 * of 256-byte blocks at 8 kHz, 20 ms for GSM). A format the trimmer cannot cut is not cut at all: `uncut`.
 */
export function wavPieces(layout: WavLayout, segments: readonly KeptSegment[], pausedParts: 'remove' | 'silence'): TrimPlan {
  const { codec, blockAlign, sampleRate } = layout;
  if (!codec.silentBlock) {
    // its length: the fact chunk's samples where there is one (a compressed format's bytes per second is often wrong)
    const seconds = layout.factSamples !== undefined ? layout.factSamples / sampleRate : layout.dataBytes / Math.max(1, layout.bytesPerSecond);
    return { uncut: codec.name, durationMs: Math.round(seconds * 1000) };
  }
  const totalBlocks = layout.dataBytes / blockAlign;
  // the last block may hold fewer samples than the others (the fact chunk says how many)
  const lastBlockSamples = layout.samples - (totalBlocks - 1) * codec.samplesPerBlock;
  const samplesIn = (from: number, to: number) =>
    (to - from) * codec.samplesPerBlock - (to === totalBlocks && to > from ? codec.samplesPerBlock - lastBlockSamples : 0);
  const blockAt = (ms: number) => Math.min(totalBlocks, Math.max(0, Math.round((ms * sampleRate) / 1000 / codec.samplesPerBlock)));
  const body: Piece[] = [];
  let cursor = 0;
  let blocks = 0;
  let samples = 0;
  for (const segment of segments) {
    const from = Math.max(cursor, blockAt(segment.startMs));
    const to = segment.endMs === undefined ? totalBlocks : blockAt(segment.endMs);
    if (to <= from) continue;
    if (pausedParts === 'silence' && from > cursor) {
      appendPiece(body, { type: 'repeat', unit: codec.silentBlock, count: from - cursor });
      blocks += from - cursor;
      samples += (from - cursor) * codec.samplesPerBlock;
    }
    appendPiece(body, { type: 'copy', start: layout.dataStart + from * blockAlign, end: layout.dataStart + to * blockAlign });
    blocks += to - from;
    samples += samplesIn(from, to);
    cursor = to;
  }
  const dataBytes = blocks * blockAlign;
  const chunks = Buffer.concat(layout.headerChunks.map((chunk) => outputChunk(chunk, samples)));
  const header = Buffer.concat([
    Buffer.from('RIFF'),
    u32(4 + chunks.length + 8 + dataBytes + (dataBytes % 2)),
    Buffer.from('WAVE'),
    chunks,
    Buffer.from('data'),
    u32(dataBytes),
  ]);
  const pieces: Piece[] = [{ type: 'bytes', data: header }, ...body];
  if (dataBytes % 2) pieces.push({ type: 'bytes', data: Buffer.alloc(1) });
  return { pieces, durationMs: Math.round((samples * 1000) / sampleRate) };
}
