import { headerHolding, type FrameHeader } from './mp3.ts';

/**
 * The Xing (VBR) or Info (CBR) header a cut MP3 gets when its source had one (Xing, Info or VBRI): the frame count,
 * the byte count and a seek table of the result, so that players show its true length and seek right instead of
 * guessing from the first frame. A LAME tag in the source is carried over with what changed: encoder padding (only
 * while the last frame is kept), music length and CRCs.
 */

/** What the source's header frame said that the new one keeps. */
export interface SourceInfo {
  /** 'Info' for a constant bitrate (LAME's word), 'Xing' otherwise (a VBRI header becomes a Xing one). */
  tag: 'Xing' | 'Info';
  /** The source header frame's first 4 bytes: version, layer, sample rate, channels. */
  header: Buffer;
  /** The Xing quality field, when the source had one. */
  quality: number | undefined;
  /** The 36-byte LAME tag (encoder, delay and padding, replay gain…), when the source had one. */
  lame: Buffer | undefined;
  /** From the LAME tag (0 without one): samples of encoder delay at the start and of padding at the end. */
  delay: number;
  padding: number;
}

/**
 * Samples every MP3 decoder outputs late (the synthesis filterbank's delay): decoders that read the LAME tag skip
 * them with the encoder's delay, and a decoded stream ends before the last ones.
 */
export const DECODER_DELAY = 529;

const FRAMES = 0x1;
const BYTES = 0x2;
const TOC = 0x4;
const QUALITY = 0x8;
const TOC_ENTRIES = 100;
const LAME_TAG_BYTES = 36;
/** LAME tag fields, from its start. */
const LAME_DELAY_PADDING = 21;
const LAME_MUSIC_LENGTH = 28;
const LAME_MUSIC_CRC = 32;
const LAME_TAG_CRC = 34;

/** Reads the Xing/Info or VBRI header of a source's first frame; undefined when it has none. */
export function readSourceInfo(frame: Buffer, header: FrameHeader): SourceInfo | undefined {
  const at = header.tagOffset;
  const word = frame.toString('latin1', at, at + 4);
  if (word === 'Xing' || word === 'Info') {
    const flags = frame.readUInt32BE(at + 4);
    let field = at + 8 + (flags & FRAMES ? 4 : 0) + (flags & BYTES ? 4 : 0) + (flags & TOC ? TOC_ENTRIES : 0);
    const quality = flags & QUALITY && field + 4 <= frame.length ? frame.readUInt32BE(field) : undefined;
    if (quality !== undefined) field += 4;
    // the encoders whose delay and padding ffmpeg trusts
    const lame =
      field + LAME_TAG_BYTES <= frame.length && /^(LAME|Lavf|Lavc)/.test(frame.toString('latin1', field, field + 4))
        ? Buffer.from(frame.subarray(field, field + LAME_TAG_BYTES))
        : undefined;
    const delayPadding = lame?.readUIntBE(LAME_DELAY_PADDING, 3) ?? 0;
    return { tag: word, header: Buffer.from(frame.subarray(0, 4)), quality, lame, delay: delayPadding >> 12, padding: delayPadding & 0xfff };
  }
  if (frame.toString('latin1', 36, 40) === 'VBRI')
    return { tag: 'Xing', header: Buffer.from(frame.subarray(0, 4)), quality: undefined, lame: undefined, delay: 0, padding: 0 };
  return undefined;
}

/** CRC-16 as MP3 tags use it (polynomial 0x8005, reflected, from 0), continued from `crc`. */
export function crc16(data: Buffer, crc = 0): number {
  let c = crc;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >> 8);
  return c;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >> 1) ^ 0xa001 : c >> 1;
  return c;
});

/** Byte offsets of frames in the output, one for every `stride` frames; the stride doubles to keep the list short. */
export class SeekPoints {
  private stride = 1;
  private readonly offsets: number[] = [];

  add(frameIndex: number, offset: number): void {
    if (frameIndex % this.stride !== 0) return;
    this.offsets.push(offset);
    if (this.offsets.length >= 2048) {
      for (let i = 0; i < this.offsets.length / 2; i++) this.offsets[i] = this.offsets[i * 2] ?? 0;
      this.offsets.length /= 2;
      this.stride *= 2;
    }
  }

  /** The offset of frame `frameIndex`, or of the nearest recorded frame before it. */
  offsetOf(frameIndex: number): number {
    return this.offsets[Math.min(this.offsets.length - 1, Math.floor(frameIndex / this.stride))] ?? 0;
  }
}

/** What the new header counts: the audio frames after it, their bytes, where each falls, and for LAME its CRC. */
export interface OutputCounts {
  frames: number;
  audioBytes: number;
  seekPoints: SeekPoints;
  musicCrc: number;
  /** Whether the source's last frame is in the output (its encoder padding then still applies). */
  keepsLastFrame: boolean;
  /** Whether every audio frame has the same length: only then is an Info (constant bitrate) header right. */
  constantSize: boolean;
}

/** The header frame of the result, built from the source's and the result's counts. */
export function xingFrame(source: SourceInfo, counts: OutputCounts): Buffer {
  const fieldBytes = 8 + 4 + 4 + TOC_ENTRIES + (source.quality !== undefined ? 4 : 0) + (source.lame ? LAME_TAG_BYTES : 0);
  const { header, frame: shape } = headerHolding(source.header, fieldBytes);
  const frame = Buffer.alloc(shape.length);
  header.copy(frame, 0);
  let at = shape.tagOffset;
  frame.write(source.tag === 'Info' && counts.constantSize ? 'Info' : 'Xing', at, 'latin1');
  frame.writeUInt32BE(FRAMES | BYTES | TOC | (source.quality !== undefined ? QUALITY : 0), at + 4);
  frame.writeUInt32BE(counts.frames, at + 8);
  const totalBytes = frame.length + counts.audioBytes;
  frame.writeUInt32BE(totalBytes, at + 12);
  at += 16;
  for (let i = 0; i < TOC_ENTRIES; i++) {
    const offset = frame.length + counts.seekPoints.offsetOf(Math.floor((i / TOC_ENTRIES) * counts.frames));
    frame[at + i] = Math.min(255, Math.floor((offset / totalBytes) * 256));
  }
  at += TOC_ENTRIES;
  if (source.quality !== undefined) {
    frame.writeUInt32BE(source.quality, at);
    at += 4;
  }
  if (source.lame) {
    const lame = frame.subarray(at, at + LAME_TAG_BYTES);
    source.lame.copy(lame);
    if (!counts.keepsLastFrame) lame.writeUIntBE(lame.readUIntBE(LAME_DELAY_PADDING, 3) & 0xfff000, LAME_DELAY_PADDING, 3);
    lame.writeUInt32BE(totalBytes, LAME_MUSIC_LENGTH);
    lame.writeUInt16BE(counts.musicCrc, LAME_MUSIC_CRC);
    // the tag's own CRC covers the frame from its first byte up to this field
    frame.writeUInt16BE(crc16(frame.subarray(0, at + LAME_TAG_CRC)), at + LAME_TAG_CRC);
  }
  return frame;
}
