import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MP3_FRAME_BYTES, mp3FrameCount, WAV_SAMPLE_RATE, wavAmplitude, writeDemoRecording } from '../../main/demo-pbx/audio.ts';
import { trimRecording } from '../../main/recorder/trim/index.ts';
import { id3v2Length, parseFrameHeader } from '../../main/recorder/trim/mp3.ts';
import { framesOf } from '../helpers/audio.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trim-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let counter = 0;
const out = (ext: string) => join(dir, `out-${++counter}.${ext}`);

/** The loudest sample of each whole second of a 16-bit mono WAV: which second of the call it came from. */
function secondsOf(wav: Buffer): number[] {
  const dataAt = wav.indexOf('data') + 8;
  const samples = wav.readUInt32LE(dataAt - 4) / 2;
  const levels: number[] = [];
  for (let s = 0; s * WAV_SAMPLE_RATE < samples; s++) {
    let peak = 0;
    for (let i = s * WAV_SAMPLE_RATE; i < Math.min(samples, (s + 1) * WAV_SAMPLE_RATE); i++) peak = Math.max(peak, Math.abs(wav.readInt16LE(dataAt + i * 2)));
    levels.push(peak);
  }
  return levels.map((peak) => (peak === 0 ? -1 : ([...Array(20).keys()].find((k) => Math.abs(wavAmplitude(k) - peak) < 10) ?? -2)));
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('WAV trim', () => {
  let wav: string;
  beforeAll(async () => {
    wav = join(dir, 'call.wav');
    await writeDemoRecording(wav, 'wav', 6);
  });

  it('keeps only the kept seconds, sample-exact, with a correct RIFF header', async () => {
    const target = out('wav');
    await trimRecording(wav, target, 'wav', [{ startMs: 0, endMs: 1000 }, { startMs: 3000, endMs: 4000 }, { startMs: 5000 }], 'remove');
    const result = await readFile(target);
    expect(secondsOf(result)).toEqual([0, 3, 5]);
    expect(result.readUInt32LE(4)).toBe(result.length - 8);
    expect(result.readUInt32LE(result.indexOf('data') + 4)).toBe(3 * WAV_SAMPLE_RATE * 2);
    expect(result.includes('LIST')).toBe(true);
  });

  it('replaces paused parts with silence when asked', async () => {
    const target = out('wav');
    await trimRecording(wav, target, 'wav', [{ startMs: 0, endMs: 1000 }, { startMs: 3000 }], 'silence');
    expect(secondsOf(await readFile(target))).toEqual([0, -1, -1, 3, 4, 5]);
  });

  it('copies the file byte for byte when nothing was paused, and reports its sha256', async () => {
    const target = out('wav');
    const result = await trimRecording(wav, target, 'wav', [{ startMs: 0 }], 'remove');
    const original = await readFile(wav);
    expect(await readFile(target)).toEqual(original);
    expect(result).toEqual({ bytes: original.length, sha256: createHash('sha256').update(original).digest('hex'), durationMs: 6000 });
  });

  it('cuts at half a second, not only whole seconds', async () => {
    const target = out('wav');
    await trimRecording(wav, target, 'wav', [{ startMs: 500, endMs: 1750 }], 'remove');
    const result = await readFile(target);
    expect(result.readUInt32LE(result.indexOf('data') + 4)).toBe(1.25 * WAV_SAMPLE_RATE * 2);
  });

  it('never overwrites an existing file', async () => {
    const target = out('wav');
    await writeFile(target, 'mine');
    await expect(trimRecording(wav, target, 'wav', [{ startMs: 0, endMs: 10 }], 'remove')).rejects.toThrow(/EEXIST/);
    expect(await readFile(target, 'utf8')).toBe('mine');
  });

  it('refuses a file that is not a WAV with a clear message', async () => {
    const bogus = join(dir, 'bogus.wav');
    await writeFile(bogus, 'not audio at all');
    await expect(trimRecording(bogus, out('wav'), 'wav', [{ startMs: 0, endMs: 10 }], 'remove')).rejects.toThrow('not a WAV file');
  });
});

describe('MP3 trim', () => {
  let mp3: string;
  const frames = mp3FrameCount(3);
  beforeAll(async () => {
    mp3 = join(dir, 'call.mp3');
    await writeDemoRecording(mp3, 'mp3', 3);
  });

  it('keeps the frames that start in a kept segment, keeps the ID3 tag and writes a Xing header with the new counts', async () => {
    const target = out('mp3');
    await trimRecording(mp3, target, 'mp3', [{ startMs: 0, endMs: 1000 }, { startMs: 2000 }], 'remove');
    const result = await readFile(target);
    expect(result.subarray(0, 3).toString()).toBe('ID3');
    // Xing, not Info: the frame that carries the bit reservoir after the cut is larger than the others
    const info = result.indexOf('Xing');
    expect(info).toBeGreaterThan(0);
    expect(result.readUInt32BE(info + 8)).toBe(42 + frames - 84); // frames after the header
    // frames are 24 ms: frame 41 starts at 984 ms, frame 42 at 1008 ms; frame 84 starts at 2016 ms
    expect(framesOf(result)).toEqual([...range(0, 42), ...range(84, frames)]);
  });

  it('puts silent frames where the paused parts were when asked', async () => {
    const target = out('mp3');
    await trimRecording(
      mp3,
      target,
      'mp3',
      [
        { startMs: 0, endMs: 1000 },
        { startMs: 2000, endMs: 2500 },
      ],
      'silence',
    );
    const result = framesOf(await readFile(target));
    expect(result).toEqual([...range(0, 42), ...Array<number>(42).fill(-1), ...range(84, 105)]);
  });

  it('skips junk between frames and refuses a file with no frames', async () => {
    const original = await readFile(mp3);
    const tag = id3v2Length(original);
    const junky = join(dir, 'junk.mp3');
    const junk = Buffer.from([0xff, 0xfb, 0x00, 0x13, 0x37]);
    await writeFile(junky, Buffer.concat([original.subarray(0, tag + 5 * MP3_FRAME_BYTES), junk, original.subarray(tag + 5 * MP3_FRAME_BYTES)]));
    const target = out('mp3');
    await trimRecording(junky, target, 'mp3', [{ startMs: 0, endMs: 200 }], 'remove');
    expect(framesOf(await readFile(target))).toEqual(range(0, 9));
    const empty = join(dir, 'empty.mp3');
    await writeFile(empty, Buffer.alloc(5000, 7));
    await expect(trimRecording(empty, out('mp3'), 'mp3', [{ startMs: 0, endMs: 10 }], 'remove')).rejects.toThrow('no MPEG audio frames');
  });

  it.each([
    ['MPEG-1 Layer III 128k 44.1k', [0xff, 0xfb, 0x90, 0x00], 417, 1152],
    ['MPEG-1 Layer III 128k 44.1k padded', [0xff, 0xfb, 0x92, 0x00], 418, 1152],
    ['MPEG-2 Layer III 64k 22.05k', [0xff, 0xf3, 0x80, 0x00], 208, 576],
    ['MPEG-2.5 Layer III 8k 8k', [0xff, 0xe3, 0x18, 0xc0], 72, 576],
    ['MPEG-1 Layer II 192k 48k', [0xff, 0xfd, 0xa4, 0x00], 576, 1152],
    ['MPEG-1 Layer I 384k 44.1k', [0xff, 0xff, 0xc0, 0x00], 416, 384],
  ])('reads the frame length of %s', (_, bytes, length, samples) => {
    expect(parseFrameHeader(Buffer.from(bytes))).toMatchObject({ length, samples });
  });
});
