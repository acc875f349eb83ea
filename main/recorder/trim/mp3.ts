// kbit/s by [version group][layer]; index 0 is "free format", which is not supported (no fixed frame length).
const BITRATES = {
  v1: {
    1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  },
  v2: {
    1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    3: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  },
} as const;
const SAMPLE_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as const;

export interface FrameHeader {
  /** Bytes in the whole frame, header included. */
  length: number;
  samples: number;
  sampleRate: number;
  /**
   * Where a Xing/Info tag would start, from the frame's first byte: after the side information, not counting a
   * CRC, which is where LAME writes it and ffmpeg looks for it even in a frame that says it has a CRC.
   */
  tagOffset: number;
  layer: 1 | 2 | 3;
  mpeg1: boolean;
  /** Whether a CRC-16 follows the header. */
  crc: boolean;
  /** Where the audio data starts, after the header, the CRC and (layer III) the side information. */
  payloadOffset: number;
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
  const crc = (b1 & 1) === 0;
  return { length, samples, sampleRate, tagOffset: 4 + sideInfo, layer, mpeg1: version === 3, crc, payloadOffset: 4 + (crc ? 2 : 0) + sideInfo };
}

/** Bytes taken by an ID3v2 tag at the start of `head` (header, syncsafe size, footer), or 0 when there is none. */
export function id3v2Length(head: Buffer): number {
  if (head.length < 10 || head.toString('latin1', 0, 3) !== 'ID3') return 0;
  const size = (((head[6] ?? 0) & 0x7f) << 21) | (((head[7] ?? 0) & 0x7f) << 14) | (((head[8] ?? 0) & 0x7f) << 7) | ((head[9] ?? 0) & 0x7f);
  const footer = ((head[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

const ID3V1_BYTES = 128;
const APE_FOOTER_BYTES = 32;
const APE_HAS_HEADER = 0x80000000;

/**
 * Where the tags at the end of an MP3 start: an APEv2 tag (with or without its header), then an ID3v1 tag, each
 * optional; `size` when there are none. `read` gives the bytes at a position of the file.
 */
export async function tailTagsStart(read: (position: number, length: number) => Promise<Buffer>, size: number): Promise<number> {
  let end = size;
  if (end >= ID3V1_BYTES && (await read(end - ID3V1_BYTES, 3)).toString('latin1') === 'TAG') end -= ID3V1_BYTES;
  if (end >= APE_FOOTER_BYTES) {
    const footer = Buffer.from(await read(end - APE_FOOTER_BYTES, APE_FOOTER_BYTES));
    if (footer.length === APE_FOOTER_BYTES && footer.toString('latin1', 0, 8) === 'APETAGEX') {
      const length = footer.readUInt32LE(12) + (footer.readUInt32LE(20) & APE_HAS_HEADER ? APE_FOOTER_BYTES : 0);
      if (length >= APE_FOOTER_BYTES && length <= end) end -= length;
    }
  }
  return end;
}

/**
 * The first 4 bytes of a frame like `header` (same version, layer, sample rate and channels), without CRC or
 * padding, at the lowest bitrate from its own up whose frame has `bytes` after its side information.
 */
export function headerHolding(header: Buffer, bytes: number): { header: Buffer; frame: FrameHeader } {
  const candidate = Buffer.from(header.subarray(0, 4));
  candidate[1] = (candidate[1] ?? 0) | 1; // no CRC
  const start = ((candidate[2] ?? 0) >> 4) & 0xf;
  for (let index = Math.max(1, start); index < 15; index++) {
    candidate[2] = ((candidate[2] ?? 0) & 0x0d) | (index << 4); // padding bit cleared
    const frame = parseFrameHeader(candidate);
    if (frame && frame.length >= frame.tagOffset + bytes) return { header: candidate, frame };
  }
  throw new Error('no MPEG frame of this kind is large enough');
}
