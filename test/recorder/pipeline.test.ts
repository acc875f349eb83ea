import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { mp3FrameCount, WAV_SAMPLE_RATE, wavAmplitude } from '../../main/demo-pbx/audio.ts';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { framesOf } from '../helpers/audio.ts';
import { onFakeClock, recordAndEnd, recordWithPause } from '../helpers/pipeline.ts';
import { nextEvent, startRecorder, until } from '../helpers/recorder.ts';

/** Milliseconds of audio at each amplitude step (= each second of the original call) in a demo WAV. */
function msPerSecondOfCall(wav: Buffer): Map<number, number> {
  const dataAt = wav.indexOf('data') + 8;
  const samples = wav.readUInt32LE(dataAt - 4) / 2;
  const perWindow = WAV_SAMPLE_RATE / 100; // 10 ms windows
  const found = new Map<number, number>();
  for (let w = 0; (w + 1) * perWindow <= samples; w++) {
    let peak = 0;
    for (let i = w * perWindow; i < (w + 1) * perWindow; i++) peak = Math.max(peak, Math.abs(wav.readInt16LE(dataAt + i * 2)));
    const second = [...Array(20).keys()].find((k) => Math.abs(wavAmplitude(k) - peak) < 0.05 * wavAmplitude(k)) ?? -1;
    found.set(second, (found.get(second) ?? 0) + 10);
  }
  return found;
}

async function savedFiles(folder: string) {
  const names = (await readdir(folder)).filter((n) => !n.startsWith('.'));
  const audio = names.filter((n) => !n.endsWith('.json'));
  return { names, audio };
}

describe('recording pipeline, end to end against the demo PBX', () => {
  it('records a WAV call with a pause and saves only the kept parts, with a sidecar', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács & Társa', state: 'InCall' });
    const rec = await start();
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));

    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    expect(pbx.received.filter((r) => r.command === 'Record')).toHaveLength(1);
    clock.advance(1000);
    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'paused' });
    const paused = rec.service.state().calls.find((c) => c.callId === callId)?.recording;
    expect(paused).toMatchObject({ status: 'paused', keptMs: 1000 });
    clock.advance(1500);
    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    expect(pbx.received.filter((r) => r.command === 'Record')).toHaveLength(1); // resume sends nothing to the PBX
    clock.advance(1000);
    await pbx.endCall(callId);

    const saved = await nextEvent(rec, 'recording-saved');
    expect(saved.path.startsWith(rec.folder)).toBe(true);
    expect(saved.path).toMatch(/\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_\+36 1 234 5678_1001\.wav$/);
    const wav = await readFile(saved.path);
    const sidecar = JSON.parse(await readFile(saved.path.replace(/\.wav$/, '.json'), 'utf8')) as Sidecar;
    expect(sidecar).toMatchObject({
      app: 'ozeki-recorder',
      callId,
      from: '+36 1 234 5678',
      to: '1001',
      callerName: 'Kovács & Társa',
      format: 'wav',
      pausedParts: 'remove',
      note: '',
      pinned: false,
    });
    expect(sidecar.sha256).toBe(createHash('sha256').update(wav).digest('hex'));
    expect(sidecar.keptSegments).toEqual([{ startMs: 0, endMs: 1000 }, { startMs: 2500 }]);

    // The audio itself, from a 3.5 s call: second 0 whole, nothing of second 1 (paused), the second half of second 2, second 3.
    expect(Object.fromEntries(msPerSecondOfCall(wav))).toEqual({ 0: 1000, 2: 500, 3: 500 });
    expect(wav.readUInt32LE(wav.indexOf('data') + 4)).toBe(2 * WAV_SAMPLE_RATE * 2);
    expect(sidecar.durationSeconds).toBe(2);
    expect((await savedFiles(rec.folder)).names.sort()).toEqual([saved.path.split('/').pop(), sidecar.file.replace(/\.wav$/, '.json')].sort());
  });

  it('records an MP3 call with a pause and keeps the frames of the kept parts', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'mp3', fileNameTemplate: '{date}/{callerName}_{callId}' });
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const rec = await start();
    await recordWithPause(pbx, clock, rec, callId, { recordMs: 600, pauseMs: 600, resumeMs: 400 });
    const saved = await nextEvent(rec, 'recording-saved');
    expect(saved.path).toMatch(new RegExp(`/\\d{4}-\\d\\d-\\d\\d/1000_${callId}\\.mp3$`));
    // 24 ms frames: those that start before 600 ms (0–24) and from 1200 ms on (50 to the end of the 1.6 s file).
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    expect(framesOf(await readFile(saved.path))).toEqual([...range(0, 25), ...range(50, mp3FrameCount(1.6))]);
  });

  it('copies a recording that was never paused byte for byte', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' });
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const rec = await start();
    await recordAndEnd(pbx, clock, rec, callId, 300);
    const saved = await nextEvent(rec, 'recording-saved');
    const original = await readFile(pbx.recordingsOf(callId)[0]?.file ?? '');
    expect(await readFile(saved.path)).toEqual(original);
  });

  it('replaces paused parts by silence when set to', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav', pausedParts: 'silence' });
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const rec = await start();
    await recordWithPause(pbx, clock, rec, callId, { recordMs: 500, pauseMs: 700, resumeMs: 300 });
    const saved = await nextEvent(rec, 'recording-saved');
    // 1.5 s kept whole in length: the first half of second 0, silence (-1) where the pause was, then 300 ms of second 1.
    expect(Object.fromEntries(msPerSecondOfCall(await readFile(saved.path)))).toEqual({ 0: 500, [-1]: 700, 1: 300 });
  });

  it('records calls by itself when they match the auto-record rule', async () => {
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { autoRecord: '+44*, 1003' });
    const match = pbx.addCall({ source: '+44 20 7946 0018', destination: '1001' });
    const other = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 2);
    await rec.service.settled(); // every auto-record that poll started has ended
    expect(rec.events.filter((e) => e.type === 'recording-started')).toEqual([]); // ringing: not yet
    pbx.answer(match);
    const started = await nextEvent(rec, 'recording-started');
    expect(started).toMatchObject({ callId: match, auto: true });
    await rec.service.settled();
    expect(pbx.recordingsOf(other)).toEqual([]);
  });

  it('toggles the call of my extension', async () => {
    const pbx = await startDemoPbx();
    pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const mine = pbx.addCall({ source: '+36 30 111 2222', destination: '1004', state: 'InCall' });
    const rec = await startRecorder(pbx, { myExtension: '1004' });
    await until(rec, (s) => s.calls.length === 2);
    expect(await rec.service.toggleMine()).toMatchObject({ ok: true, status: 'recording' });
    expect(pbx.recordingsOf(mine)).toHaveLength(1);
    const none = await startRecorder(pbx, { myExtension: '1009' });
    await until(none, (s) => s.calls.length === 2);
    expect(await none.service.toggleMine()).toEqual({ ok: false, message: 'No call on extension 1009 right now.' });
  });

  it('saves every recording when many calls end at once while the calls are being polled', async () => {
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { format: 'wav' });
    const callIds = Array.from({ length: 20 }, (_, i) => pbx.addCall({ source: `10${String(i).padStart(2, '0')}`, destination: '1001', state: 'InCall' }));
    await until(rec, (s) => s.calls.length === 20);
    for (const callId of callIds) expect(await rec.service.toggle(callId)).toMatchObject({ ok: true });
    await Promise.all(callIds.map((id) => pbx.endCall(id)));
    await until(rec, () => rec.events.filter((e) => e.type === 'recording-saved').length === 20, 20_000);
    expect((await savedFiles(rec.folder)).audio).toHaveLength(20);
    expect(rec.service.state().inFlight).toEqual([]);
  });

  it('answers a toggle on a call that is gone in plain words and leaves nothing behind', async () => {
    const pbx = await startDemoPbx();
    const callId = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    const rec = await startRecorder(pbx);
    await until(rec, (s) => s.calls.length === 1);
    pbx.faults.delayMs = 0;
    await pbx.endCall(callId);
    // the monitor has not noticed yet: the PBX answers 601
    const result = await rec.service.toggle(callId);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Call not found with ID '.+' \(Ozeki code 601\)|has ended/);
    expect(rec.service.state().inFlight).toEqual([]);
  });
});
