import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/*
 * The demo PBX's recordings are real audio files whose content tells where in the call each part comes from,
 * so a test can check which parts of a trimmed file were kept:
 * - WAV: 8 kHz, 16-bit mono PCM, a 440 Hz tone whose amplitude steps every second: second s has amplitude
 *   wavAmplitude(s). A LIST chunk sits before the data chunk, as many real recorders write it.
 * - MP3: an ID3v2 tag, an "Info" (Xing) frame, then MPEG-1 Layer III frames (48 kHz, 128 kbit/s, mono,
 *   384 bytes, 24 ms each) that decode to silence; the last 4 bytes of frame n hold n + 1 (ancillary data),
 *   so a silent frame that a trim put in reads as -1.
 */
export const WAV_SAMPLE_RATE = 8000;
export const MP3_SAMPLE_RATE = 48_000;
export const MP3_SAMPLES_PER_FRAME = 1152;
export const MP3_FRAME_BYTES = 384;
/** MPEG-1 Layer III, no CRC, 128 kbit/s, 48 kHz, no padding, mono. */
const MP3_HEADER = Buffer.from([0xff, 0xfb, 0x94, 0xc0]);
const MP3_SIDE_INFO_BYTES = 17; // MPEG-1 mono

export function wavAmplitude(second: number): number {
  return 1000 * (1 + (second % 20));
}

function wavHeader(dataBytes: number): Buffer {
  const list = Buffer.concat([Buffer.from('LIST'), u32le(16), Buffer.from('INFOISFT'), u32le(4), Buffer.from('Oze\0')]);
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0);
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8); // PCM
  fmt.writeUInt16LE(1, 10); // mono
  fmt.writeUInt32LE(WAV_SAMPLE_RATE, 12);
  fmt.writeUInt32LE(WAV_SAMPLE_RATE * 2, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const riffSize = 4 + fmt.length + list.length + 8 + dataBytes;
  return Buffer.concat([Buffer.from('RIFF'), u32le(riffSize), Buffer.from('WAVE'), fmt, list, Buffer.from('data'), u32le(dataBytes)]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** One second of the WAV tone for second `s`. */
function wavSecond(s: number): Buffer {
  const buffer = Buffer.alloc(WAV_SAMPLE_RATE * 2);
  const amplitude = wavAmplitude(s);
  for (let i = 0; i < WAV_SAMPLE_RATE; i++) {
    buffer.writeInt16LE(Math.round(amplitude * Math.sin((2 * Math.PI * 440 * i) / WAV_SAMPLE_RATE)), i * 2);
  }
  return buffer;
}

export function mp3FrameCount(seconds: number): number {
  return Math.ceil((seconds * MP3_SAMPLE_RATE) / MP3_SAMPLES_PER_FRAME);
}

function id3Tag(title: string): Buffer {
  const text = Buffer.from(`\u0003${title}`, 'utf8'); // encoding byte 3 = UTF-8
  const frame = Buffer.concat([Buffer.from('TIT2'), syncsafe(text.length), Buffer.from([0, 0]), text]);
  return Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0]), syncsafe(frame.length), frame]);
}

/** ID3v2.4 writes the sizes of the tag and of its frames as 4 bytes of 7 bits each. */
function syncsafe(n: number): Buffer {
  return Buffer.from([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
}

function mp3Frame(index: number): Buffer {
  const frame = Buffer.alloc(MP3_FRAME_BYTES);
  MP3_HEADER.copy(frame, 0);
  frame.writeUInt32BE(index + 1, MP3_FRAME_BYTES - 4);
  return frame;
}

function infoFrame(frames: number, bytes: number): Buffer {
  const frame = Buffer.alloc(MP3_FRAME_BYTES);
  MP3_HEADER.copy(frame, 0);
  const at = 4 + MP3_SIDE_INFO_BYTES;
  frame.write('Info', at);
  frame.writeUInt32BE(0x3, at + 4); // frames and bytes fields present
  frame.writeUInt32BE(frames, at + 8);
  frame.writeUInt32BE(bytes, at + 12);
  return frame;
}

/** The frame index written into an audio frame of a demo MP3 (its last 4 bytes); -1 for a silent frame. */
export function demoMp3FrameIndex(frame: Buffer): number {
  return frame.readUInt32BE(frame.length - 4) - 1;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes a demo recording of `seconds` seconds to `path`, streaming (constant memory). */
export async function writeDemoRecording(path: string, format: 'wav' | 'mp3', seconds: number, title = 'Ozeki demo recording'): Promise<void> {
  const out = createWriteStream(path);
  const closed = once(out, 'close');
  if (format === 'wav') {
    const wholeSeconds = Math.max(0, Math.floor(seconds));
    const tailSamples = Math.round((seconds - wholeSeconds) * WAV_SAMPLE_RATE);
    await write(out, wavHeader((wholeSeconds * WAV_SAMPLE_RATE + tailSamples) * 2));
    for (let s = 0; s < wholeSeconds; s++) await write(out, wavSecond(s));
    if (tailSamples > 0) await write(out, wavSecond(wholeSeconds).subarray(0, tailSamples * 2));
  } else {
    const frames = mp3FrameCount(seconds);
    await write(out, id3Tag(title));
    await write(out, infoFrame(frames, (frames + 1) * MP3_FRAME_BYTES));
    for (let i = 0; i < frames; i++) await write(out, mp3Frame(i));
  }
  out.end();
  await closed;
}
