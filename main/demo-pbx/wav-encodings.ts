/**
 * The sample formats the demo PBX can write its WAV recordings in, as PBXs do: PCM of every width, float,
 * WAVE_FORMAT_EXTENSIBLE (24-bit), G.711 µ-law and A-law, and IMA ADPCM (256-byte blocks of 505 samples).
 * Each encodes 16-bit samples; the header's fmt chunk says which.
 */
export const WAV_ENCODINGS = ['pcm8', 'pcm16', 'pcm24', 'pcm32', 'float32', 'extensible', 'ulaw', 'alaw', 'ima-adpcm'] as const;
export type WavEncoding = (typeof WAV_ENCODINGS)[number];

export interface WavEncoder {
  /** The fmt chunk's body. */
  fmt: Buffer;
  samplesPerBlock: number;
  blockBytes: number;
  /** Whether a fact chunk (the sample count) belongs in the header: for every format that is not plain PCM. */
  fact: boolean;
  /** Encodes whole blocks of samples (samples.length a multiple of samplesPerBlock). */
  encode(samples: Int16Array): Buffer;
}

function fmtBody(tag: number, rate: number, blockAlign: number, bits: number, bytesPerSecond = rate * blockAlign, extra?: Buffer): Buffer {
  const body = Buffer.alloc(16 + (extra ? 2 + extra.length : 0));
  body.writeUInt16LE(tag, 0);
  body.writeUInt16LE(1, 2); // mono
  body.writeUInt32LE(rate, 4);
  body.writeUInt32LE(Math.round(bytesPerSecond), 8);
  body.writeUInt16LE(blockAlign, 12);
  body.writeUInt16LE(bits, 14);
  if (extra) {
    body.writeUInt16LE(extra.length, 16);
    extra.copy(body, 18);
  }
  return body;
}

/** An encoder that maps each sample to `bytes` bytes on its own. */
function sampleEncoder(fmt: Buffer, bytes: number, fact: boolean, write: (out: Buffer, at: number, sample: number) => void): WavEncoder {
  return {
    fmt,
    samplesPerBlock: 1,
    blockBytes: bytes,
    fact,
    encode(samples) {
      const out = Buffer.alloc(samples.length * bytes);
      samples.forEach((sample, i) => write(out, i * bytes, sample));
      return out;
    },
  };
}

const PCM_GUID = Buffer.from('0100000000001000800000aa00389b71', 'hex');

/** G.711 µ-law of a 16-bit sample (the ITU's segment search, as in Sun's g711.c). */
function muLaw(sample: number): number {
  let value = sample >> 2;
  const mask = value < 0 ? 0x7f : 0xff;
  if (value < 0) value = -value;
  value = Math.min(value, 8159) + 33;
  let segment = 0;
  while (segment < 8 && value > (0x40 << segment) - 1) segment++;
  if (segment >= 8) return 0x7f ^ mask;
  return ((segment << 4) | ((value >> (segment + 1)) & 0xf)) ^ mask;
}

/** G.711 A-law of a 16-bit sample. */
function aLaw(sample: number): number {
  let value = sample >> 3;
  let mask = 0xd5;
  if (value < 0) {
    mask = 0x55;
    value = -value - 1;
  }
  let segment = 0;
  while (segment < 8 && value > (0x20 << segment) - 1) segment++;
  if (segment >= 8) return 0x7f ^ mask;
  return ((segment << 4) | ((segment < 2 ? value >> 1 : value >> segment) & 0xf)) ^ mask;
}

const IMA_STEPS = [
  7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190, 209, 230, 253,
  279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660,
  4026, 4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767,
];
const IMA_INDEX_CHANGE = [-1, -1, -1, -1, 2, 4, 6, 8];
const IMA_BLOCK_BYTES = 256;
const IMA_SAMPLES_PER_BLOCK = (IMA_BLOCK_BYTES - 4) * 2 + 1;

/** IMA ADPCM, mono: each block starts with its first sample and the step index, then 4 bits a sample. */
function imaEncoder(rate: number): WavEncoder {
  let index = 0; // the step index runs on from block to block, as encoders do
  const extra = Buffer.alloc(2);
  extra.writeUInt16LE(IMA_SAMPLES_PER_BLOCK);
  return {
    fmt: fmtBody(0x11, rate, IMA_BLOCK_BYTES, 4, (rate * IMA_BLOCK_BYTES) / IMA_SAMPLES_PER_BLOCK, extra),
    samplesPerBlock: IMA_SAMPLES_PER_BLOCK,
    blockBytes: IMA_BLOCK_BYTES,
    fact: true,
    encode(samples) {
      const out = Buffer.alloc((samples.length / IMA_SAMPLES_PER_BLOCK) * IMA_BLOCK_BYTES);
      for (let block = 0; block * IMA_SAMPLES_PER_BLOCK < samples.length; block++) {
        const first = block * IMA_SAMPLES_PER_BLOCK;
        const at = block * IMA_BLOCK_BYTES;
        let predictor = samples[first] ?? 0;
        out.writeInt16LE(predictor, at);
        out[at + 2] = index;
        for (let i = 1; i < IMA_SAMPLES_PER_BLOCK; i++) {
          let step = IMA_STEPS[index] ?? 7;
          let diff = (samples[first + i] ?? 0) - predictor;
          let nibble = diff < 0 ? 8 : 0;
          if (diff < 0) diff = -diff;
          let change = step >> 3;
          for (const bit of [4, 2, 1]) {
            if (diff >= step) {
              nibble |= bit;
              diff -= step;
              change += step;
            }
            step >>= 1;
          }
          predictor = Math.max(-32768, Math.min(32767, predictor + (nibble & 8 ? -change : change)));
          index = Math.max(0, Math.min(88, index + (IMA_INDEX_CHANGE[nibble & 7] ?? 0)));
          const byte = at + 4 + ((i - 1) >> 1);
          out[byte] = (out[byte] ?? 0) | ((i - 1) % 2 === 0 ? nibble : nibble << 4);
        }
      }
      return out;
    },
  };
}

export function wavEncoder(encoding: WavEncoding, rate: number): WavEncoder {
  switch (encoding) {
    case 'pcm8':
      return sampleEncoder(fmtBody(1, rate, 1, 8), 1, false, (out, at, s) => out.writeUInt8((s >> 8) + 128, at));
    case 'pcm16':
      return sampleEncoder(fmtBody(1, rate, 2, 16), 2, false, (out, at, s) => out.writeInt16LE(s, at));
    case 'pcm24':
      return sampleEncoder(fmtBody(1, rate, 3, 24), 3, false, (out, at, s) => out.writeIntLE(s * 256, at, 3));
    case 'pcm32':
      return sampleEncoder(fmtBody(1, rate, 4, 32), 4, false, (out, at, s) => out.writeInt32LE(s * 65536, at));
    case 'float32':
      return sampleEncoder(fmtBody(3, rate, 4, 32), 4, true, (out, at, s) => out.writeFloatLE(s / 32768, at));
    case 'extensible': {
      const extra = Buffer.alloc(22);
      extra.writeUInt16LE(24, 0); // valid bits
      extra.writeUInt32LE(0x4, 2); // front centre
      PCM_GUID.copy(extra, 6);
      return sampleEncoder(fmtBody(0xfffe, rate, 3, 24, rate * 3, extra), 3, false, (out, at, s) => out.writeIntLE(s * 256, at, 3));
    }
    case 'ulaw':
      return sampleEncoder(fmtBody(7, rate, 1, 8, rate, Buffer.alloc(0)), 1, true, (out, at, s) => out.writeUInt8(muLaw(s), at));
    case 'alaw':
      return sampleEncoder(fmtBody(6, rate, 1, 8, rate, Buffer.alloc(0)), 1, true, (out, at, s) => out.writeUInt8(aLaw(s), at));
    case 'ima-adpcm':
      return imaEncoder(rate);
  }
}
