import { readFile } from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAnnouncedMp3Frame, mp3FrameCount, writeDemoRecording } from '../../main/demo-pbx/audio.ts';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
import { stateView } from '../../main/host/window-view.ts';
import { sidecarPath } from '../../main/recorder/library.ts';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { id3v2Length, parseFrameHeader } from '../../main/recorder/trim/mp3.ts';
import { commandsReceived, morePolls, startDemoPbx } from '../helpers/demo.ts';
import { stringMatching } from '../helpers/match.ts';
import { onFakeClock } from '../helpers/pipeline.ts';
import { nextEvent, startRecorder, tempDir, until, type RecorderHarness } from '../helpers/recorder.ts';

const TEXT = 'This call is recorded.'; // four words: the demo PBX speaks it for 1.6 s
const MP3_FRAME_S = 1152 / 48_000;

/** For each audio frame of a demo MP3 (after its tag and Info frame): whether an announcement was heard in it. */
function announcedFrames(mp3: Buffer): boolean[] {
  const marks: boolean[] = [];
  let first = true;
  for (let at = id3v2Length(mp3); at < mp3.length;) {
    const header = parseFrameHeader(mp3, at);
    if (!header) throw new Error(`no MPEG frame at byte ${at}`);
    if (!first) marks.push(isAnnouncedMp3Frame(mp3.subarray(at, at + header.length)));
    first = false;
    at += header.length;
  }
  return marks;
}

/** Frames 0 to n-1 marked, the rest of a `seconds`-long demo MP3 not. */
function markedFirst(seconds: number, announcedSeconds: number): boolean[] {
  const marked = Math.ceil(announcedSeconds / MP3_FRAME_S);
  return Array.from({ length: mp3FrameCount(seconds) }, (_, i) => i < marked);
}

const commandOrder = (pbx: DemoPbx) => pbx.received.map((r) => r.command).filter((c) => c !== 'ListActiveCalls');

async function sidecarOf(path: string): Promise<Sidecar> {
  return JSON.parse(await readFile(sidecarPath(path), 'utf8')) as Sidecar;
}

/** A call in progress on the PBX, listed by the recorder. */
async function liveCall(pbx: DemoPbx, rec: RecorderHarness): Promise<string> {
  const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'InCall' });
  await rec.service.refreshCalls();
  await until(rec, (s) => s.calls.some((c) => c.callId === callId));
  return callId;
}

describe('announcing a recording to the other party', () => {
  it('says the text before Record, and the file, its sidecar and the call say it was announced', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'mp3', announce: 'text', announceText: TEXT, announceParty: 'caller' });
    const rec = await start();
    const callId = await liveCall(pbx, rec);

    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    expect(commandOrder(pbx)).toEqual(['Speak', 'Record']);
    expect(pbx.received.find((r) => r.command === 'Speak')?.params).toMatchObject({ callid: callId, text: TEXT, party: 'caller' });
    expect((await nextEvent(rec, 'announced')).how).toBe('text');
    const shown = rec.service.state().calls.find((c) => c.callId === callId)?.recording?.announcement;
    expect(shown).toEqual({ how: 'text', what: TEXT, party: 'caller', order: 'announce-first', outcome: 'announced' });

    clock.advance(5000);
    await pbx.endCall(callId);
    const saved = await nextEvent(rec, 'recording-saved');
    // The demo PBX answers Speak as it starts speaking and Record at once after: the 1.6 s are at the file's start.
    expect(announcedFrames(await readFile(saved.path))).toEqual(markedFirst(5, 1.6));
    expect((await sidecarOf(saved.path)).announcement).toEqual({ how: 'text', what: TEXT, party: 'caller', order: 'announce-first', outcome: 'announced' });
  });

  it('plays a file after Record: the listener serves it to the PBX once, and its seconds are in the recording', async () => {
    const dir = await tempDir('announcement-');
    const file = join(dir, 'we-record.wav');
    await writeDemoRecording(file, 'wav', 2);
    const { pbx, clock, start } = await onFakeClock({ format: 'mp3', announce: 'file', announceFile: file, announceOrder: 'record-first' });
    const rec = await start();
    const callId = await liveCall(pbx, rec);

    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    expect(commandOrder(pbx)).toEqual(['Record', 'Play']);
    const audioFile = pbx.received.find((r) => r.command === 'Play')?.params['audiofile'] ?? '';
    expect(audioFile).toMatch(new RegExp(`^${rec.service.callbackUrl}/ozeki/announcement/[0-9a-f-]{36}/[A-Za-z0-9_-]{32}\\.wav$`));
    expect(pbx.announcementsOf(callId)).toMatchObject([{ command: 'Play', party: 'all', seconds: 2 }]);
    // Fetched once by the PBX: the offer is over, for the PBX too.
    expect((await fetch(audioFile)).status).toBe(404);

    clock.advance(4000);
    await pbx.endCall(callId);
    const saved = await nextEvent(rec, 'recording-saved');
    expect(announcedFrames(await readFile(saved.path))).toEqual(markedFirst(4, 2));
    expect((await sidecarOf(saved.path)).announcement).toEqual({
      how: 'file',
      what: 'we-record.wav',
      party: 'both',
      order: 'record-first',
      outcome: 'announced',
    });
  });

  it('does not record when the PBX refuses to announce and the settings say so, and tells why with the PBX code', async () => {
    const pbx = await startDemoPbx({ faults: { refuseAnnouncements: true } });
    const rec = await startRecorder(pbx, { announce: 'text', announceText: TEXT });
    const callId = await liveCall(pbx, rec);

    const message =
      "Not recording, because the call could not be announced: The PBX refused to say the announcement: Command 'Speak' cannot be used here (Ozeki code 303).";
    expect(await rec.service.toggle(callId)).toEqual({ ok: false, message, retryable: false });
    expect(commandOrder(pbx)).toEqual(['Speak']); // no Record
    expect(await nextEvent(rec, 'announcement-failed')).toMatchObject({ callId, recorded: false });
    expect(rec.service.state().calls.find((c) => c.callId === callId)?.recording).toBeUndefined();
    expect(rec.service.state().inFlight).toEqual([]);
  });

  it('leaves the PBX recording unsaved when it had started before the announcement failed', async () => {
    const pbx = await startDemoPbx({ faults: { refuseAnnouncements: true } });
    const rec = await startRecorder(pbx, { announce: 'text', announceText: TEXT, announceOrder: 'record-first' });
    const callId = await liveCall(pbx, rec);

    expect(await rec.service.toggle(callId)).toEqual({
      ok: false,
      message: stringMatching(/cannot be used here \(Ozeki code 303\)\. The PBX had started recording; nothing of this call is saved\.$/),
      retryable: false,
    });
    expect(commandOrder(pbx)).toEqual(['Record', 'Speak']);
    const delivered = new Promise<{ ok: boolean }>((resolve) => pbx.once('notification', resolve));
    await pbx.endCall(callId);
    expect((await delivered).ok).toBe(true); // answered, so the PBX does not send it again
    await rec.service.settled();
    expect(rec.events.filter((e) => e.type === 'recording-completed' || e.type === 'recording-saved')).toEqual([]);
    expect(await readdir(rec.folder)).toEqual([]);
  });

  it('saves nothing when the call ends while the announcement after Record is still failing', async () => {
    const { pbx, clock, start } = await onFakeClock(
      { announce: 'text', announceText: TEXT, announceOrder: 'record-first' },
      { faults: { refuseAnnouncements: true, announceAnswerDelayMs: 1000 } },
      { clientTimeoutMs: 60_000 }, // the PBX's answer is held on the fake clock; the client's deadline runs in real time
    );
    const rec = await start();
    const callId = await liveCall(pbx, rec);
    const toggled = rec.service.toggle(callId);
    await commandsReceived(pbx, 'Speak', 1); // the PBX has it; its answer comes 1 s later
    const completed = nextEvent(rec, 'recording-completed');
    const delivered = new Promise<{ ok: boolean }>((resolve) => pbx.once('notification', resolve));
    await pbx.endCall(callId);
    expect((await delivered).ok).toBe(true); // answered, so the PBX does not send it again
    await completed;
    clock.advance(1000); // the PBX refuses Speak
    expect(await toggled).toEqual({
      ok: false,
      message: stringMatching(/cannot be used here \(Ozeki code 303\)\. The PBX had started recording; nothing of this call is saved\.$/),
      retryable: false,
    });
    await rec.service.settled();
    expect(rec.events.filter((e) => e.type === 'recording-saved' || e.type === 'recording-queued')).toEqual([]);
    expect(await readdir(rec.folder)).toEqual([]);
    expect(rec.service.state().inFlight).toEqual([]);
  });

  it('shows the window a recording whose call ended during its announcement as waiting for it, never as completed', async () => {
    for (const refused of [true, false]) {
      const { pbx, clock, start } = await onFakeClock(
        { announce: 'text', announceText: TEXT, announceOrder: 'record-first' },
        { faults: { refuseAnnouncements: refused, announceAnswerDelayMs: 3000 } },
        { clientTimeoutMs: 60_000 }, // the PBX's answer is held on the fake clock; the client's deadline runs in real time
      );
      const rec = await start();
      const callId = await liveCall(pbx, rec);
      const shown: string[] = []; // each state the window is sent for this call's recording on its way
      rec.service.on('state', (state) =>
        shown.push(
          ...stateView(state)
            .inFlight.filter((r) => r.callId === callId)
            .map((r) => r.state),
        ),
      );
      const toggled = rec.service.toggle(callId);
      await commandsReceived(pbx, 'Speak', 1); // the PBX has it; its answer comes 3 s later
      clock.advance(2000);
      const completed = nextEvent(rec, 'recording-completed');
      await pbx.endCall(callId); // a 2 s recording
      await completed;
      await until(rec, (s) => s.inFlight.some((r) => r.callId === callId && r.state === 'announcing'));
      clock.advance(3000); // the PBX answers Speak (3 s after it took it, before or after the first advance): refused, or done
      await toggled;
      if (refused) {
        await until(rec, (s) => s.inFlight.length === 0);
        await rec.service.settled();
        expect(shown).not.toContain('completed');
        expect(await readdir(rec.folder)).toEqual([]);
      } else {
        await nextEvent(rec, 'recording-saved');
        expect(shown.slice(0, shown.indexOf('announcing') + 1)).not.toContain('completed'); // completed only once announced
      }
      expect(shown).toContain('announcing');
      await rec.stop();
    }
  });

  it('records anyway when the settings say so: the call, the event and the sidecar say it was not announced', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'mp3', announce: 'text', announceText: TEXT, announceFailure: 'record' });
    pbx.faults.refuseAnnouncements = true;
    const rec = await start();
    const callId = await liveCall(pbx, rec);

    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    const problem = "The PBX refused to say the announcement: Command 'Speak' cannot be used here (Ozeki code 303).";
    expect(await nextEvent(rec, 'announcement-failed')).toMatchObject({ callId, message: problem, recorded: true });
    expect(rec.service.state().calls.find((c) => c.callId === callId)?.recording?.announcement).toMatchObject({ outcome: 'failed', problem });

    clock.advance(1000);
    await pbx.endCall(callId);
    const saved = await nextEvent(rec, 'recording-saved');
    expect(announcedFrames(await readFile(saved.path))).toEqual(markedFirst(1, 0));
    expect((await sidecarOf(saved.path)).announcement).toMatchObject({ how: 'text', outcome: 'failed', problem });
  });

  it('does not try auto-record again on a call whose announcement failed', async () => {
    const pbx = await startDemoPbx({ faults: { refuseAnnouncements: true } });
    const rec = await startRecorder(pbx, { announce: 'text', announceText: TEXT, autoRecord: 'all' });
    pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await nextEvent(rec, 'warning', (e) => e.message.startsWith('Auto-record of 1000 → 1001 failed: Not recording'));
    // The first retry of a refused Record comes after 2 s: 30 polls of 100 ms would see it.
    await morePolls(pbx, 30);
    expect(pbx.received.filter((r) => r.command === 'Speak')).toHaveLength(1);
  });

  it('records one call without the announcement only where the settings allow skipping', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'mp3', announce: 'text', announceText: TEXT });
    const rec = await start();
    const callId = await liveCall(pbx, rec);
    expect(rec.service.state().announce).toEqual({ mode: 'text', canSkip: false });
    expect(await rec.service.recordWithoutAnnouncement(callId)).toEqual({
      ok: false,
      message: 'Recording without the announcement is not allowed: the settings say every recording is announced.',
    });
    expect(commandOrder(pbx)).toEqual([]);

    rec.service.applySettings({ announceSkippable: true });
    expect(rec.service.state().announce).toEqual({ mode: 'text', canSkip: true });
    expect(await rec.service.recordWithoutAnnouncement(callId)).toMatchObject({ ok: true, status: 'recording' });
    expect(await rec.service.recordWithoutAnnouncement(callId)).toEqual({ ok: false, message: 'This call is being recorded already.' });
    expect(commandOrder(pbx)).toEqual(['Record']);
    clock.advance(1000);
    await pbx.endCall(callId);
    const saved = await nextEvent(rec, 'recording-saved');
    expect((await sidecarOf(saved.path)).announcement).toEqual({ how: 'text', what: TEXT, party: 'both', order: 'announce-first', outcome: 'skipped' });
  });

  it('says plainly when the announcement file cannot be played, before the PBX is asked', async () => {
    const dir = await tempDir('announcement-');
    const file = join(dir, 'gone.mp3');
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { announce: 'file', announceFile: file });
    const callId = await liveCall(pbx, rec);
    expect(await rec.service.toggle(callId)).toEqual({
      ok: false,
      message: `Not recording, because the call could not be announced: The announcement file ${file} cannot be played: it is not there.`,
      retryable: false,
    });
    expect(commandOrder(pbx)).toEqual([]);
  });
});
