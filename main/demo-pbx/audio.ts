import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { wavEncoder, type WavEncoding } from './wav-encodings.ts';

/*
 * The demo PBX's recordings are real audio files whose content tells where in the call each part comes from,
 * so a test can check which parts of a trimmed file were kept:
 * - WAV: 8 kHz mono, a 440 Hz tone whose amplitude steps every second: second s has amplitude wavAmplitude(s)
 *   (of 32768). 16-bit PCM by default, or any encoding of wav-encodings.ts. A LIST chunk sits before the data
 *   chunk, as many real recorders write it, and a fact chunk for formats other than plain PCM.
 * - MP3: an ID3v2 tag, an "Info" (Xing) frame, then MPEG-1 Layer III frames (48 kHz, 128 kbit/s, mono,
 *   384 bytes, 24 ms each) that decode to silence; the last 4 bytes of frame n hold n + 1 (ancillary data),
 *   so a silent frame that a trim put in reads as -1.
 * - Announcements (Speak, Play) heard while recording: a marked stretch. WAV: an 880 Hz tone at
 *   ANNOUNCEMENT_AMPLITUDE instead of the stepped 440 Hz one; MP3: "ANNC" in the 4 bytes before the frame number.
 */
export const WAV_SAMPLE_RATE = 8000;
export const MP3_SAMPLE_RATE = 48_000;
export const MP3_SAMPLES_PER_FRAME = 1152;
export const MP3_FRAME_BYTES = 384;
/** MPEG-1 Layer III, no CRC, 128 kbit/s, 48 kHz, no padding, mono. */
const MP3_HEADER = Buffer.from([0xff, 0xfb, 0x94, 0xc0]);
const MP3_SIDE_INFO_BYTES = 17; // MPEG-1 mono

/** The amplitude of the WAV tone while an announcement is heard: above every wavAmplitude. */
export const ANNOUNCEMENT_AMPLITUDE = 30_000;
const ANNOUNCEMENT_MARK = Buffer.from('ANNC', 'latin1');

/** A stretch of a recording, in seconds from its start. */
export interface Stretch {
  fromS: number;
  toS: number;
}

export function wavAmplitude(second: number): number {
  return 1000 * (1 + (second % 20));
}

function chunk(id: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(id, 'latin1'), u32le(body.length), body, Buffer.alloc(body.length % 2)]);
}

function wavHeader(fmt: Buffer, samples: number | undefined, dataBytes: number): Buffer {
  const chunks = Buffer.concat([
    chunk('fmt ', fmt),
    ...(samples === undefined ? [] : [chunk('fact', u32le(samples))]),
    chunk('LIST', Buffer.from('INFOISFT\u0004\0\0\0Oze\0', 'latin1')),
  ]);
  return Buffer.concat([
    Buffer.from('RIFF'),
    u32le(4 + chunks.length + 8 + dataBytes + (dataBytes % 2)),
    Buffer.from('WAVE'),
    chunks,
    Buffer.from('data'),
    u32le(dataBytes),
  ]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

const within = (marked: readonly Stretch[], seconds: number) => marked.some((s) => seconds >= s.fromS && seconds < s.toS);

/** Samples `from` to `to` of the WAV tone (second s at amplitude wavAmplitude(s); marked stretches louder and higher), zeros past `total`. */
function wavSamples(from: number, to: number, total: number, marked: readonly Stretch[]): Int16Array {
  const samples = new Int16Array(to - from);
  for (let i = from; i < Math.min(to, total); i++) {
    const inSecond = i % WAV_SAMPLE_RATE;
    const announced = within(marked, i / WAV_SAMPLE_RATE);
    const amplitude = announced ? ANNOUNCEMENT_AMPLITUDE : wavAmplitude(Math.floor(i / WAV_SAMPLE_RATE));
    samples[i - from] = Math.round(amplitude * Math.sin((2 * Math.PI * (announced ? 880 : 440) * inSecond) / WAV_SAMPLE_RATE));
  }
  return samples;
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

function mp3Frame(index: number, announced: boolean): Buffer {
  const frame = Buffer.alloc(MP3_FRAME_BYTES);
  MP3_HEADER.copy(frame, 0);
  if (announced) ANNOUNCEMENT_MARK.copy(frame, MP3_FRAME_BYTES - 8);
  frame.writeUInt32BE(index + 1, MP3_FRAME_BYTES - 4);
  return frame;
}

/** Whether an audio frame of a demo MP3 was written while an announcement was heard. */
export function isAnnouncedMp3Frame(frame: Buffer): boolean {
  return frame.subarray(frame.length - 8, frame.length - 4).equals(ANNOUNCEMENT_MARK);
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

export interface DemoRecordingOptions {
  /** The MP3's ID3 title. */
  title?: string;
  /** How a WAV's samples are encoded; 16-bit PCM by default. */
  wavEncoding?: WavEncoding;
  /** Where announcements were heard: marked in the audio. */
  announced?: readonly Stretch[];
}

/** Writes a demo recording of `seconds` seconds to `path`, streaming (constant memory). */
export async function writeDemoRecording(path: string, format: 'wav' | 'mp3', seconds: number, options: DemoRecordingOptions = {}): Promise<void> {
  const out = createWriteStream(path);
  const closed = once(out, 'close');
  if (format === 'wav') {
    const encoder = wavEncoder(options.wavEncoding ?? 'pcm16', WAV_SAMPLE_RATE);
    const total = Math.max(0, Math.round(seconds * WAV_SAMPLE_RATE));
    // about a second at a time, in whole blocks: a block format's last block is filled up with silence
    const perChunk = Math.ceil(WAV_SAMPLE_RATE / encoder.samplesPerBlock) * encoder.samplesPerBlock;
    const padded = Math.ceil(total / encoder.samplesPerBlock) * encoder.samplesPerBlock;
    await write(out, wavHeader(encoder.fmt, encoder.fact ? total : undefined, encoder.blockBytes * (padded / encoder.samplesPerBlock)));
    for (let from = 0; from < padded; from += perChunk) {
      await write(out, encoder.encode(wavSamples(from, Math.min(padded, from + perChunk), total, options.announced ?? [])));
    }
  } else {
    const frames = mp3FrameCount(seconds);
    await write(out, id3Tag(options.title ?? 'Ozeki demo recording'));
    await write(out, infoFrame(frames, (frames + 1) * MP3_FRAME_BYTES));
    const frameSeconds = MP3_SAMPLES_PER_FRAME / MP3_SAMPLE_RATE;
    for (let i = 0; i < frames; i++) await write(out, mp3Frame(i, within(options.announced ?? [], i * frameSeconds)));
  }
  out.end();
  await closed;
}
