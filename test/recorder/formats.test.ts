import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wavAmplitude } from '../../main/demo-pbx/audio.ts';
import { WAV_ENCODINGS } from '../../main/demo-pbx/wav-encodings.ts';
import { savedRecordingView } from '../../main/host/window-view.ts';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { AUDIO_FIXTURES, AUDIO_STEP_LEVELS, decode, msOfSteps, peakBetween, probedSeconds, runsOf, stepsHeard } from '../helpers/ffmpeg.ts';
import { onFakeClock, recordAndEnd, recordWithPause } from '../helpers/pipeline.ts';
import { nextEvent } from '../helpers/recorder.ts';

// The whole way, for every format a PBX may record in: the demo PBX records the call in it, the recorder receives
// RecordCompleted, downloads, cuts and saves; ffmpeg decodes what reached the folder.

/** The demo PBX's WAV: second s of the call at amplitude wavAmplitude(s), as fractions of full scale. */
const CALL_SECONDS = [0, 1, 2, 3].map((s) => wavAmplitude(s) / 32768);

async function sidecarOf(path: string): Promise<Sidecar> {
  return JSON.parse(await readFile(path.replace(/\.[^.]+$/, '.json'), 'utf8')) as Sidecar;
}

describe('every WAV encoding the demo PBX records in, end to end', () => {
  // the longest a cut may land from the pause: half an IMA ADPCM block (505 samples at 8 kHz), else one sample
  const toleranceMs = (encoding: string) => (encoding === 'ima-adpcm' ? 505 / 16 : 1 / 8);

  it.each(WAV_ENCODINGS)('%s: a paused call is saved with only its kept parts, the right length, decodable', async (encoding) => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' }, { wavEncoding: encoding });
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const rec = await start();
    await recordWithPause(pbx, clock, rec, callId, { recordMs: 1000, pauseMs: 1500, resumeMs: 1000 });
    const saved = await nextEvent(rec, 'recording-saved');
    const decoded = await decode(saved.path);
    expect(decoded.errors).toBe('');
    // a 3.5 s call: second 0 whole, nothing of second 1, the second half of second 2, second 3
    const ms = msOfSteps(runsOf(decoded, CALL_SECONDS));
    const tolerance = toleranceMs(encoding) + 20; // a 20 ms window across a cut is neither second
    expect(Math.abs((ms.get(0) ?? 0) - 1000)).toBeLessThanOrEqual(tolerance);
    expect(ms.get(1) ?? 0).toBeLessThanOrEqual(encoding === 'ima-adpcm' ? tolerance : 0); // a block boundary may be after the pause
    expect(Math.abs((ms.get(2) ?? 0) - 500)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs((ms.get(3) ?? 0) - 500)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs((await probedSeconds(saved.path)) - 2)).toBeLessThanOrEqual(toleranceMs(encoding) / 1000);
    const sidecar = await sidecarOf(saved.path);
    expect(sidecar).toMatchObject({ format: 'wav', durationSeconds: 2, keptSegments: [{ startMs: 0, endMs: 1000 }, { startMs: 2500 }] });
    expect(sidecar.uncutFormat).toBeUndefined();
  });

  it.each(['pcm8', 'ulaw', 'alaw', 'ima-adpcm'] as const)('%s: paused parts become silence in the format’s own silence', async (encoding) => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav', pausedParts: 'silence' }, { wavEncoding: encoding });
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const rec = await start();
    await recordWithPause(pbx, clock, rec, callId, { recordMs: 1000, pauseMs: 1000, resumeMs: 1000 });
    const decoded = await decode((await nextEvent(rec, 'recording-saved')).path);
    expect(decoded.errors).toBe('');
    expect(stepsHeard(runsOf(decoded, CALL_SECONDS))).toEqual([0, -1, 2]);
    expect(peakBetween(decoded, 1000 + toleranceMs(encoding), 2000 - toleranceMs(encoding))).toBeLessThan(0.001);
  });

  it('a call never paused is saved as the PBX wrote it', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' }, { wavEncoding: 'ulaw' });
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const rec = await start();
    await recordAndEnd(pbx, clock, rec, callId, 1200);
    const saved = await nextEvent(rec, 'recording-saved');
    expect(await readFile(saved.path)).toEqual(await readFile(pbx.recordingsOf(callId)[0]?.file ?? ''));
    expect((await sidecarOf(saved.path)).durationSeconds).toBe(1.2);
  });
});

describe('recordings from real encoders, served by the demo PBX, end to end', () => {
  /** Records 500 ms, pauses 500 ms, records on: the file's second half-second is paused. */
  async function recordPaused(file: string, format: 'wav' | 'mp3', pausedParts: 'remove' | 'silence' = 'remove') {
    const { pbx, clock, start } = await onFakeClock({ format, pausedParts }, { recordingFile: join(AUDIO_FIXTURES, file) });
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const rec = await start();
    await recordWithPause(pbx, clock, rec, callId, { recordMs: 500, pauseMs: 500, resumeMs: 1000 });
    const saved = await nextEvent(rec, 'recording-saved');
    return { rec, saved, sidecar: await sidecarOf(saved.path) };
  }

  it.each([
    ['gsm.wav', 'wav'],
    ['vbr-16k-id3v24-id3v1.mp3', 'mp3'],
    ['vbr-22k-crc.mp3', 'mp3'],
  ] as const)('%s is saved cut, decodable, with the kept length', async (file, format) => {
    const { saved, sidecar } = await recordPaused(file, format);
    const decoded = await decode(saved.path);
    expect(decoded.errors).toBe('');
    expect(stepsHeard(runsOf(decoded, AUDIO_STEP_LEVELS))).toEqual([0, 2, 3]);
    const source = await probedSeconds(join(AUDIO_FIXTURES, file));
    expect(Math.abs((await probedSeconds(saved.path)) - (source - 0.5))).toBeLessThan(0.08); // a frame or block
    expect(sidecar.uncutFormat).toBeUndefined();
  });

  it('a VBR MP3 with its paused part replaced by silence', async () => {
    const { saved } = await recordPaused('vbr-16k-id3v24-id3v1.mp3', 'mp3', 'silence');
    const decoded = await decode(saved.path);
    expect(decoded.errors).toBe('');
    expect(stepsHeard(runsOf(decoded, AUDIO_STEP_LEVELS))).toEqual([0, -1, 2, 3]);
  });

  it.each([
    ['ms-adpcm.wav', 'wav', 'Microsoft ADPCM'],
    ['junk-in-the-middle.mp3', 'mp3', 'MP3 with parts the trimmer cannot read'],
  ] as const)('%s cannot be cut: saved whole, and the sidecar and the window say why', async (file, format, name) => {
    const { rec, saved, sidecar } = await recordPaused(file, format);
    expect(await readFile(saved.path)).toEqual(await readFile(join(AUDIO_FIXTURES, file)));
    expect(sidecar.uncutFormat).toBe(name);
    const [shown] = (await rec.service.library.list()).map(savedRecordingView);
    expect(shown?.sidecar.uncutFormat).toBe(name);
  });

  it('a format that cannot be cut, never paused, carries no note', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' }, { recordingFile: join(AUDIO_FIXTURES, 'ms-adpcm.wav') });
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const rec = await start();
    await recordAndEnd(pbx, clock, rec, callId, 2000);
    const sidecar = await sidecarOf((await nextEvent(rec, 'recording-saved')).path);
    expect(sidecar.uncutFormat).toBeUndefined();
    expect(sidecar.durationSeconds).toBe(2);
  });
});
