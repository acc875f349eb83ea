import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { MP3_FRAME_BYTES, mp3FrameCount, WAV_SAMPLE_RATE } from '../../main/demo-pbx/audio.ts';
import type { DemoCall } from '../../main/demo-pbx/calls.ts';
import { id3v2Length } from '../../main/recorder/trim/mp3.ts';
import { clientFor, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

describe('the demo PBX on a fake clock', () => {
  it('reports ring and talk durations and the start time from the clock', async () => {
    const clock = new FakeClock();
    const pbx = await startDemoPbx({ clock });
    const started = clock.now();
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001' });
    clock.advance(4_000);
    pbx.answer(callId);
    clock.advance(7_500);
    const [call] = await clientFor(pbx.url).listActiveCalls();
    expect(call).toMatchObject({ callId, state: 'InCall', ringSeconds: 4, talkSeconds: 7 });
    expect(call?.startTime.getTime()).toBe(started);
  });

  it('writes a recording exactly as long as the clock ran between Record and the end of the call', async () => {
    const clock = new FakeClock();
    const pbx = await startDemoPbx({ clock });
    const client = clientFor(pbx.url);
    const wavCall = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    const mp3Call = pbx.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    await client.record(wavCall, { format: 'wav' });
    clock.advance(1_000);
    await client.record(mp3Call, { format: 'mp3' });
    clock.advance(3_000);
    await Promise.all([pbx.endCall(wavCall), pbx.endCall(mp3Call)]);

    const [wav] = pbx.recordingsOf(wavCall);
    expect(wav?.seconds).toBe(4);
    const wavFile = await readFile(wav?.file ?? '');
    expect(wavFile.readUInt32LE(wavFile.indexOf('data') + 4)).toBe(4 * WAV_SAMPLE_RATE * 2);

    const [mp3] = pbx.recordingsOf(mp3Call);
    expect(mp3?.seconds).toBe(3);
    const mp3File = await readFile(mp3?.file ?? '');
    const audioFrames = (mp3File.length - id3v2Length(mp3File)) / MP3_FRAME_BYTES - 1; // less the Info frame
    expect(audioFrames).toBe(mp3FrameCount(3));
  });

  it('answers a delayed command when the clock reaches the delay, having carried it out at once', async () => {
    const clock = new FakeClock();
    const pbx = await startDemoPbx({ clock, faults: { recordAnswerDelayMs: 5_000 } });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    const answered = clientFor(pbx.url).record(callId);
    await once(pbx, 'command');
    expect(pbx.recordingsOf(callId)).toHaveLength(1);
    clock.advance(4_999);
    expect(clock.pending).toBe(1);
    clock.advance(1);
    await expect(answered).resolves.toBeUndefined();
  });

  it('sends a throttled download only as fast as the clock moves', async () => {
    const clock = new FakeClock();
    const pbx = await startDemoPbx({ clock });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await clientFor(pbx.url).record(callId, { format: 'wav' });
    clock.advance(3_000);
    await pbx.endCall(callId);
    const [recording] = pbx.recordingsOf(callId);
    const size = (await readFile(recording?.file ?? '')).length;

    pbx.faults.downloadBytesPerSecond = 16 * 1024;
    let received = 0;
    let done = false as boolean; // widened: set by the reader below, where TypeScript's narrowing cannot see it
    // Not awaited here: even the headers wait for the first slice's time.
    const read = (async () => {
      const res = await request(recording?.recordUrl ?? '');
      for await (const chunk of res.body) received += (chunk as Buffer).length;
      done = true;
    })();
    let seconds = 0;
    for (;;) {
      await Promise.race([clock.whenPending(), read]);
      if (done) break;
      expect(received).toBeLessThanOrEqual(seconds * 16 * 1024); // nothing beyond what the time so far allows
      clock.advance(1_000);
      seconds++;
    }
    await read;
    expect(received).toBe(size);
    expect(seconds).toBe(Math.ceil(size / (16 * 1024)));
  });

  it('runs its traffic on the clock: calls ring, talk for 20 s to about 3 min, and end, without waiting', async () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const clock = new FakeClock();
    const pbx = await startDemoPbx({ clock, random, traffic: { maxCalls: 4, meanGapSeconds: 10 } });
    const ended: { call: DemoCall; at: number; how: string }[] = [];
    pbx.on('call-ended', (call, how) => ended.push({ call, at: clock.now(), how }));
    clock.advance(30 * 60_000);
    const talked = ended.filter((e) => e.how !== 'Cancelled');
    expect(talked.length).toBeGreaterThan(10);
    for (const { call, at } of talked) {
      const talkSeconds = (at - (call.answeredAt ?? at)) / 1000;
      expect(talkSeconds).toBeGreaterThanOrEqual(20);
      expect(talkSeconds).toBeLessThanOrEqual(175);
    }
    expect(pbx.liveCalls().length).toBeLessThanOrEqual(4);
  });
});
