import { describe, expect, it } from 'vitest';
import { MAX_LIVE_CALLS } from '../../main/recorder/monitor.ts';
import { commandsReceived, morePolls, onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { startHttpServer } from '../helpers/http-server.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { journaled, nextEvent, startRecorder, until } from '../helpers/recorder.ts';
import { stringMatching } from '../helpers/match.ts';

const recordsSent = (pbx: Awaited<ReturnType<typeof startDemoPbx>>) => pbx.received.filter((c) => c.command === 'Record');

describe('starting a recording when the PBX is slow to answer Record', () => {
  it('keeps a Record without an answer as unconfirmed: one Record only, its RecordCompleted accepted, the file saved', async () => {
    const pbx = await startDemoPbx();
    pbx.faults.recordAnswerDelayMs = 1500; // the PBX records at once; its answer comes after the client gave up
    const rec = await startRecorder(pbx, { autoRecord: 'all', format: 'wav' }, { clientTimeoutMs: 300 });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await nextEvent(rec, 'recording-unconfirmed');
    const state = await until(rec, (s) => s.calls.some((c) => c.recording?.status === 'unconfirmed'));
    expect(state.calls[0]?.recording?.status).toBe('unconfirmed');
    expect(await rec.service.toggle(callId)).toEqual({ ok: false, message: stringMatching(/^Starting — no answer from the PBX yet/) });
    // Polls go on while the Record hangs, and none of them sends a second Record.
    await morePolls(pbx, 10);
    expect(recordsSent(pbx)).toHaveLength(1);
    await pbx.endCall(callId);
    const saved = await nextEvent(rec, 'recording-saved');
    expect(saved.callId).toBe(callId);
    expect(recordsSent(pbx)).toHaveLength(1);
  });

  it('keeps a Record whose answer was cut off after the PBX received it as unconfirmed: one Record only, the file saved', async () => {
    const pbx = await startDemoPbx();
    // In front of the PBX: passes every command on and its answer back, but closes the connection instead of
    // answering Record — which the PBX received and carries out. Each answer closes its connection, so Record goes
    // out on a fresh one: a reused keep-alive connection closed before any answer is taken for one the PBX closed
    // while idle, and the command is sent once more (test/ozeki/client.test.ts).
    const cutter = await startHttpServer(async (req, res) => {
      const answer = await fetch(new URL(req.url, pbx.url), {
        method: req.method,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: req.body,
      });
      const text = await answer.text();
      if (new URLSearchParams(req.body).get('command') === 'Record') res.socket?.destroy();
      else res.writeHead(answer.status, { 'content-type': 'text/xml', connection: 'close' }).end(text);
    });
    onCleanup(cutter.close);
    const rec = await startRecorder(pbx, { pbxUrl: cutter.url, recordingsOrigin: pbx.url, format: 'wav' }); // the files come from the PBX itself
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 1);

    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'unconfirmed' });
    expect(await rec.service.toggle(callId)).toEqual({ ok: false, message: stringMatching(/^Starting — no answer from the PBX yet/) });
    await pbx.endCall(callId);
    const saved = await nextEvent(rec, 'recording-saved');
    expect(saved.callId).toBe(callId);
    expect(recordsSent(pbx)).toHaveLength(1);
    expect(rec.events.filter((e) => e.type === 'recording-dismissed' || e.type === 'recording-missed')).toEqual([]);
  });

  it('still says "Could not start recording" when the PBX refuses the connection', async () => {
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { format: 'wav' });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 1);
    await pbx.refuseConnections();
    expect(await rec.service.toggle(callId)).toEqual({
      ok: false,
      message: `Could not start recording: Cannot reach the PBX at ${pbx.url}: connection refused.`,
    });
    expect(rec.service.state().inFlight).toEqual([]);
  });

  it('does not move a saved recording back when the Record answer comes after the file was saved', async () => {
    const pbx = await startDemoPbx();
    pbx.faults.recordAnswerDelayMs = 1500;
    const rec = await startRecorder(pbx, {}, { clientTimeoutMs: 5000 });
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await until(rec, (s) => s.calls.length === 1);
    const pressed = rec.service.toggle(callId);
    await commandsReceived(pbx, 'Record', 1);
    await morePolls(pbx, 3); // a few hundred ms of audio
    await pbx.endCall(callId); // the PBX finishes the file and sends RecordCompleted before answering Record
    const saved = await nextEvent(rec, 'recording-saved');
    expect(await pressed).toMatchObject({ ok: false });
    expect(await journaled(rec.dataDir, saved.id)).toMatchObject({ state: 'saved' });
    expect(rec.logs.some((l) => l.includes('"acknowledged" ignored in state saved'))).toBe(true);
  });
});

describe('auto-record when the PBX refuses Record', () => {
  it('tries again with backoff, not on every poll, and says so', async () => {
    const clock = new FakeClock();
    const pbx = await startDemoPbx({ clock });
    pbx.faults.refuseRecord = true;
    const rec = await startRecorder(pbx, { autoRecord: 'all' }, { clock });
    pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await rec.service.refreshCalls();
    const warning = await nextEvent(rec, 'warning', (e) => e.message.startsWith('Auto-record of 1000 → 1001 failed'));
    expect(warning.message).toMatch(/Ozeki code 303.*Trying again in 2 s\./);
    // Ten more polls, each handled to the end (an auto-record it started included), before the pause is over.
    for (let i = 0; i < 10; i++) {
      await rec.service.refreshCalls();
      await rec.service.settled();
    }
    expect(recordsSent(pbx)).toHaveLength(1);
    expect(rec.service.state().inFlight).toEqual([]);
    clock.advance(2000); // the first pause (2 s less up to 20 % jitter) is over
    await rec.service.refreshCalls();
    await rec.service.settled();
    expect(recordsSent(pbx)).toHaveLength(2);
    expect(rec.events.filter((e) => e.type === 'warning').at(-1)).toMatchObject({ message: stringMatching(/Trying again in [34] s\.$/) });
  });
});

describe('a PBX with more live calls than the recorder follows', () => {
  it(`follows the first ${MAX_LIVE_CALLS} and says how many there are`, async () => {
    const pbx = await startDemoPbx();
    for (let i = 0; i < MAX_LIVE_CALLS + 40; i++) pbx.addCall({ source: String(1000 + i), destination: '200', state: 'InCall' });
    const rec = await startRecorder(pbx);
    const state = await until(rec, (s) => s.calls.length > 0);
    expect(state.calls).toHaveLength(MAX_LIVE_CALLS);
    expect(state.callsCapped).toEqual({ shown: MAX_LIVE_CALLS, total: MAX_LIVE_CALLS + 40 });
  });
});
