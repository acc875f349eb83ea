import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trimRecording } from '../../main/recorder/trim/index.ts';
import { id3v2Length, parseFrameHeader, tailTagsStart } from '../../main/recorder/trim/mp3.ts';
import { AUDIO_FIXTURES, AUDIO_STEP_LEVELS, decode, msOfSteps, peakBetween, probedSeconds, runsOf, stepsHeard } from '../helpers/ffmpeg.ts';

// Files made by real encoders (scripts/make-audio-fixtures.ts): 2 s of a tone whose level doubles every 500 ms
// (steps 0–3). Every output is decoded by ffmpeg: no decode error, the steps that were kept, the length a player
// shows, silence where a paused part was replaced by silence.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trim-formats-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let counter = 0;
const fixture = (name: string) => join(AUDIO_FIXTURES, name);
const out = (name: string) => join(dir, `${++counter}-${name}`);
const REMOVE_SECOND_STEP = [{ startMs: 0, endMs: 500 }, { startMs: 1000 }];
const SILENCE_SECOND_STEP = [
  { startMs: 0, endMs: 500 },
  { startMs: 1000, endMs: 1500 },
];

/** The data chunk's size and the fact chunk's sample count of a WAV. */
function wavCounts(wav: Buffer): { dataBytes: number; factSamples: number | undefined } {
  const fact = wav.indexOf('fact');
  return { dataBytes: wav.readUInt32LE(wav.indexOf('data') + 4), factSamples: fact > 0 ? wav.readUInt32LE(fact + 8) : undefined };
}

describe('WAV formats a PBX may write', () => {
  // name, and the length of one block: the cut lands at the block boundary nearest each pause
  const cut: [string, number][] = [
    ['pcm-u8.wav', 1 / 8000],
    ['pcm-s16.wav', 1 / 8000],
    ['pcm-s24-stereo-extensible.wav', 1 / 8000],
    ['pcm-s32-extensible.wav', 1 / 8000],
    ['float32-extensible.wav', 1 / 8000],
    ['mulaw.wav', 1 / 8000],
    ['alaw.wav', 1 / 8000],
    ['ima-adpcm.wav', 505 / 8000],
    ['gsm.wav', 320 / 8000],
  ];

  it.each(cut)('%s: paused parts removed, cut at the pauses, decodes cleanly with the kept length', async (name, blockSeconds) => {
    const target = out(name);
    const result = await trimRecording(fixture(name), target, 'wav', REMOVE_SECOND_STEP, 'remove');
    const decoded = await decode(target);
    expect(decoded.errors).toBe('');
    const runs = runsOf(decoded, AUDIO_STEP_LEVELS);
    expect(stepsHeard(runs)).toEqual([0, 2, 3]);
    const source = await probedSeconds(fixture(name));
    const kept = source - 0.5;
    expect(Math.abs((await probedSeconds(target)) - kept)).toBeLessThanOrEqual(blockSeconds);
    expect(Math.abs(decoded.samples.length / decoded.sampleRate - kept)).toBeLessThanOrEqual(blockSeconds);
    expect(Math.abs(result.durationMs / 1000 - kept)).toBeLessThanOrEqual(blockSeconds + 0.001);
    const ms = msOfSteps(runs);
    // 20 ms windows: a window across a cut is counted as neither step
    expect(Math.abs((ms.get(0) ?? 0) - 500)).toBeLessThanOrEqual(blockSeconds * 1000 + 20);
    expect(Math.abs((ms.get(2) ?? 0) - 500)).toBeLessThanOrEqual(blockSeconds * 1000 + 20);
    const { factSamples } = wavCounts(await readFile(target));
    if (factSamples !== undefined) expect(factSamples).toBe(decoded.samples.length);
    expect(result.uncutFormat).toBeUndefined();
  });

  it.each(cut)('%s: paused parts replaced by the format’s own silence', async (name, blockSeconds) => {
    const target = out(name);
    await trimRecording(fixture(name), target, 'wav', SILENCE_SECOND_STEP, 'silence');
    const decoded = await decode(target);
    expect(decoded.errors).toBe('');
    expect(stepsHeard(runsOf(decoded, AUDIO_STEP_LEVELS))).toEqual([0, -1, 2]);
    const margin = blockSeconds * 1000;
    // digital silence: 8-bit PCM's 0x80, µ-law's 0xFF, A-law's 0xD5 (±8 of 32768), a silent ADPCM or GSM block
    expect(peakBetween(decoded, 500 + margin, 1000 - margin)).toBeLessThan(0.001);
    expect(Math.abs(decoded.samples.length / decoded.sampleRate - 1.5)).toBeLessThanOrEqual(blockSeconds);
  });

  it('saves a format it cannot cut whole, and names the format', async () => {
    const target = out('ms-adpcm.wav');
    const result = await trimRecording(fixture('ms-adpcm.wav'), target, 'wav', REMOVE_SECOND_STEP, 'remove');
    expect(result.uncutFormat).toBe('Microsoft ADPCM');
    expect(await readFile(target)).toEqual(await readFile(fixture('ms-adpcm.wav')));
    expect(Math.abs(result.durationMs / 1000 - (await probedSeconds(target)))).toBeLessThan(0.05);
  });
});

/** Reads a file held in memory the way tailTagsStart reads one on disk. */
const readerOf = (file: Buffer) => (at: number, length: number) => Promise.resolve(file.subarray(at, at + length));

/** The MPEG frames of an MP3 after its ID3v2 tag, up to its end tags. */
async function mpegFrames(mp3: Buffer): Promise<Buffer[]> {
  const end = await tailTagsStart(readerOf(mp3), mp3.length);
  const frames: Buffer[] = [];
  for (let at = id3v2Length(mp3); at < end;) {
    const header = parseFrameHeader(mp3, at);
    if (!header) throw new Error(`no MPEG frame at byte ${at}`);
    frames.push(mp3.subarray(at, at + header.length));
    at += header.length;
  }
  return frames;
}

describe('MP3s a PBX may write', () => {
  // name, the length of one frame
  const files: [string, number][] = [
    ['cbr-8k-16kbps.mp3', 576 / 8000],
    ['cbr-44k-stereo-id3v23.mp3', 1152 / 44100],
    ['vbr-16k-id3v24-id3v1.mp3', 576 / 16000],
    ['abr-22k.mp3', 576 / 22050],
    ['vbr-22k-crc.mp3', 576 / 22050],
    ['vbri-16k.mp3', 576 / 16000],
    ['id3v24-footer-apev2-id3v1.mp3', 576 / 8000],
    ['cbr-no-info.mp3', 576 / 16000],
  ];

  it.each(files)('%s: paused parts removed, decodes cleanly, plays with the kept length', async (name, frameSeconds) => {
    const target = out(name);
    const result = await trimRecording(fixture(name), target, 'mp3', REMOVE_SECOND_STEP, 'remove');
    const decoded = await decode(target); // with CRC checks: a CRC-protected frame must still match its CRC
    expect(decoded.errors).toBe('');
    expect(stepsHeard(runsOf(decoded, AUDIO_STEP_LEVELS))).toEqual([0, 2, 3]);
    // the length a player shows, from the new Xing header (or the bitrate where the source had no header)
    const source = await decode(fixture(name));
    expect(Math.abs((await probedSeconds(target)) - ((await probedSeconds(fixture(name))) - 0.5))).toBeLessThanOrEqual(frameSeconds);
    expect(Math.abs(decoded.samples.length / decoded.sampleRate - (source.samples.length / source.sampleRate - 0.5))).toBeLessThanOrEqual(frameSeconds);
    expect(Math.abs(result.durationMs / 1000 - decoded.samples.length / decoded.sampleRate)).toBeLessThanOrEqual(0.001);
  });

  it.each(files)('%s: a fresh Xing header where the source had one, the tags kept once', async (name) => {
    const target = out(name);
    await trimRecording(fixture(name), target, 'mp3', REMOVE_SECOND_STEP, 'remove');
    const [original, result] = await Promise.all([readFile(fixture(name)), readFile(target)]);
    const [sourceFrames, frames] = await Promise.all([mpegFrames(original), mpegFrames(result)]);
    const headerOf = (frame: Buffer | undefined) => ['Xing', 'Info', 'VBRI'].find((word) => frame?.includes(word));
    const sourceHeader = headerOf(sourceFrames[0]);
    if (sourceHeader === undefined) {
      expect(headerOf(frames[0])).toBeUndefined();
    } else {
      const header = frames[0] ?? Buffer.alloc(0);
      const at = header.indexOf(header.includes('Xing') ? 'Xing' : 'Info');
      expect(at).toBeGreaterThan(0);
      expect(header.readUInt32BE(at + 8)).toBe(frames.length - 1); // its frame count
      expect(header.readUInt32BE(at + 12)).toBe(frames.reduce((sum, frame) => sum + frame.length, 0)); // its byte count
    }
    // ID3v2 as it was at the start; APEv2 and ID3v1 as they were at the end, once
    expect(result.subarray(0, id3v2Length(original))).toEqual(original.subarray(0, id3v2Length(original)));
    const tailStart = await tailTagsStart(readerOf(original), original.length);
    expect(result.subarray(result.length - (original.length - tailStart))).toEqual(original.subarray(tailStart));
    const count = (text: string, buffer: Buffer) => buffer.toString('latin1').split(text).length - 1;
    expect(count('APETAGEX', result)).toBe(count('APETAGEX', original));
    expect(count('TAG', result.subarray(id3v2Length(result), result.length - 128))).toBe(
      count('TAG', original.subarray(id3v2Length(original), original.length - 128)),
    );
  });

  it.each(files)('%s: paused parts replaced by silence', async (name, frameSeconds) => {
    const target = out(name);
    await trimRecording(fixture(name), target, 'mp3', SILENCE_SECOND_STEP, 'silence');
    const decoded = await decode(target);
    expect(decoded.errors).toBe('');
    expect(stepsHeard(runsOf(decoded, AUDIO_STEP_LEVELS))).toEqual([0, -1, 2]);
    // Near each cut up to two frames may still sound: the cut is at a frame boundary, up to a frame from the pause,
    // the decoder's frames overlap by one more, and the carrier of the bit reservoir is a silent frame.
    const margin = 2 * frameSeconds * 1000 + 20;
    expect(peakBetween(decoded, 500 + margin, 1000 - margin)).toBeLessThan(0.001);
  });

  it('saves an MP3 it cannot follow whole, with the reason', async () => {
    const target = out('junk.mp3');
    const result = await trimRecording(fixture('junk-in-the-middle.mp3'), target, 'mp3', REMOVE_SECOND_STEP, 'remove');
    expect(result.uncutFormat).toBe('MP3 with parts the trimmer cannot read');
    expect(await readFile(target)).toEqual(await readFile(fixture('junk-in-the-middle.mp3')));
  });
});
