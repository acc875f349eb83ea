import { open, type FileHandle } from 'node:fs/promises';
import type { KeptSegment } from '../segments.ts';
import { appendPiece, type Piece } from './pieces.ts';
import { TrimError } from './trim-error.ts';

// kbit/s by [version group][layer]; index 0 is "free format", which is not supported (no fixed frame length).
const BITRATES = {
  v1: { 1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], 2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], 3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320] },
  v2: { 1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256], 2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], 3: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160] },
} as const;
const SAMPLE_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as const;

export interface FrameHeader {
  /** Bytes in the whole frame, header included. */
  length: number;
  samples: number;
  sampleRate: number;
  /** Where a Xing/Info tag would start, from the frame's first byte. */
  tagOffset: number;
}

/** Reads an MPEG audio frame header (MPEG 1, 2 and 2.5; layers I, II and III); undefined if it is not one. */
export function parseFrameHeader(b: Buffer, at = 0): FrameHeader | undefined {
  if (at + 4 > b.length) return undefined;
  const b1 = b[at + 1] ?? 0;
  const b2 = b[at + 2] ?? 0;
  const b3 = b[at + 3] ?? 0;
  if (b[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
  const layerBits = (b1 >> 1) & 3;
  if (version === 1 || layerBits === 0) return undefined;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const kbps = BITRATES[version === 3 ? 'v1' : 'v2'][layer][(b2 >> 4) & 0xf];
  const sampleRate = SAMPLE_RATES[version as 0 | 2 | 3][(b2 >> 2) & 3];
  if (!kbps || !sampleRate) return undefined;
  const padding = (b2 >> 1) & 1;
  const bitrate = kbps * 1000;
  let length: number;
  let samples: number;
  if (layer === 1) {
    length = (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
    samples = 384;
  } else if (layer === 2 || version === 3) {
    length = Math.floor((144 * bitrate) / sampleRate) + padding;
    samples = 1152;
  } else {
    length = Math.floor((72 * bitrate) / sampleRate) + padding;
    samples = 576;
  }
  const mono = ((b3 >> 6) & 3) === 3;
  const sideInfo = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const crc = (b1 & 1) === 0 ? 2 : 0;
  return { length, samples, sampleRate, tagOffset: 4 + crc + sideInfo };
}

/** A frame of silence shaped like `frame`: same header without CRC, everything else zero. */
function silentFrameLike(frame: Buffer, length: number): Buffer {
  const silent = Buffer.alloc(length);
  frame.copy(silent, 0, 0, 4);
  silent[1] = (silent[1] ?? 0) | 1; // no CRC
  return silent;
}

/** Sequential reads in large blocks into one reused buffer, with a view of any short window of the file. */
class BlockReader {
  private readonly block = Buffer.alloc(1024 * 1024);
  private buffer = this.block.subarray(0, 0);
  private start = 0;
  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  /** A view valid until the next call: callers copy what they keep. */
  async window(position: number, length: number): Promise<Buffer> {
    if (length > this.block.length) throw new TrimError('An MPEG frame is larger than any valid frame.');
    if (position < this.start || position + length > this.start + this.buffer.length) {
      const { bytesRead } = await this.file.read(this.block, 0, this.block.length, position);
      this.buffer = this.block.subarray(0, bytesRead);
      this.start = position;
    }
    const from = position - this.start;
    return this.buffer.subarray(from, Math.min(from + length, this.buffer.length));
  }
}

/** Bytes taken by an ID3v2 tag at the start of `head` (header, syncsafe size, footer), or 0 when there is none. */
export function id3v2Length(head: Buffer): number {
  if (head.length < 10 || head.toString('latin1', 0, 3) !== 'ID3') return 0;
  const size = (((head[6] ?? 0) & 0x7f) << 21) | (((head[7] ?? 0) & 0x7f) << 14) | (((head[8] ?? 0) & 0x7f) << 7) | ((head[9] ?? 0) & 0x7f);
  const footer = ((head[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

function isInfoFrame(frame: Buffer, header: FrameHeader): boolean {
  const tag = frame.toString('latin1', header.tagOffset, header.tagOffset + 4);
  return tag === 'Xing' || tag === 'Info' || frame.toString('latin1', 36, 40) === 'VBRI';
}

/**
 * The output of a cut MP3: the ID3v2 tag as it was, then the MPEG frames whose start lies in a kept segment,
 * frame-exact and without re-encoding. The Xing/Info frame is dropped (its counts would be wrong); anything
 * between frames that is not audio (junk, an ID3v1 tag) is left out. Paused frames are dropped, or with
 * `silence` replaced by silent frames so the timing stays the same.
 */
export async function mp3Pieces(
  path: string,
  segments: readonly KeptSegment[],
  pausedParts: 'remove' | 'silence',
): Promise<{ pieces: Piece[]; durationMs: number }> {
  const file = await open(path, 'r');
  try {
    const reader = new BlockReader(file, (await file.stat()).size);
    const pieces: Piece[] = [];
    const add = (piece: Piece) => appendPiece(pieces, piece);
    let position = id3v2Length(await reader.window(0, 10));
    if (position > 0) add({ type: 'copy', start: 0, end: Math.min(position, reader.size) });
    let seconds = 0;
    let outputSeconds = 0;
    let frames = 0;
    let first = true;
    let inSync = false;
    while (position + 4 <= reader.size) {
      const header = parseFrameHeader(await reader.window(position, 4));
      // Right after a frame a header is trusted; a sync word found by searching through junk is only
      // believed when another frame follows it (or the file ends there).
      const confirmed =
        header !== undefined &&
        position + header.length <= reader.size &&
        (inSync || position + header.length + 4 > reader.size || parseFrameHeader(await reader.window(position + header.length, 4)) !== undefined);
      if (!header || !confirmed) {
        inSync = false;
        position++;
        continue;
      }
      inSync = true;
      const frame = await reader.window(position, header.length);
      if (first && isInfoFrame(frame, header)) {
        first = false;
        position += header.length;
        continue;
      }
      first = false;
      const startMs = seconds * 1000;
      const kept = segments.some((s) => startMs >= s.startMs && (s.endMs === undefined || startMs < s.endMs));
      const frameSeconds = header.samples / header.sampleRate;
      if (kept) {
        add({ type: 'copy', start: position, end: position + header.length });
        outputSeconds += frameSeconds;
      } else if (pausedParts === 'silence' && segments.some((s) => s.endMs === undefined || startMs < s.endMs)) {
        // silence stands in for paused frames only between kept parts, not after the last one
        add({ type: 'repeat', unit: silentFrameLike(frame, header.length), count: 1 });
        outputSeconds += frameSeconds;
      }
      seconds += frameSeconds;
      frames++;
      position += header.length;
    }
    if (frames === 0) throw new TrimError('The recording is not an MP3 file (no MPEG audio frames found).');
    return { pieces, durationMs: Math.round(outputSeconds * 1000) };
  } finally {
    await file.close();
  }
}
