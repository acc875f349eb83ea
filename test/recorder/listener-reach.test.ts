import { describe, expect, it } from 'vitest';
import { unreachableListenerAdvice } from '../../main/recorder/listener-reach.ts';
import { morePolls, startDemoPbx } from '../helpers/demo.ts';
import { nextEvent, startRecorder, until, type RecorderHarness } from '../helpers/recorder.ts';

const FIREWALL = /nothing from the network has reached Ozeki Recorder's listener/;

async function recordOneCall(rec: RecorderHarness, pbx: Awaited<ReturnType<typeof startDemoPbx>>, outcome: 'recording-missed' | 'recording-saved') {
  const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
  await until(rec, (s) => s.calls.some((c) => c.callId === callId));
  await rec.service.toggle(callId);
  // A few polls' worth of audio: a call ended at once would leave the PBX a file with no audio frame in it.
  await morePolls(pbx, 3);
  await pbx.endCall(callId);
  return nextEvent(rec, outcome, (e) => e.callId === callId);
}

describe('a listener nothing reaches from outside', () => {
  it('says so, once, with what to ask for, when a recording is missed and no notification ever arrived', async () => {
    const pbx = await startDemoPbx();
    pbx.faults.notificationsLost = true; // the PBX's POSTs never arrive: what a firewall does
    const rec = await startRecorder(pbx, { missedAfterMs: 100 });
    await recordOneCall(rec, pbx, 'recording-missed');
    const port = new URL(rec.service.callbackUrl ?? '').port;
    const state = await until(rec, (s) => s.warnings.some((w) => FIREWALL.test(w.message)));
    const said = state.warnings.filter((w) => FIREWALL.test(w.message));
    expect(said.map((w) => w.kind)).toEqual(['listener-unreachable']);
    expect(said[0]?.message).toContain(`(port ${port}). A firewall on this computer most likely blocks it`);
    await recordOneCall(rec, pbx, 'recording-missed');
    expect(rec.service.state().warnings.filter((w) => FIREWALL.test(w.message))).toHaveLength(1);
  });

  it('stays quiet when a RecordCompleted has arrived before: the listener is reachable, the PBX lost one', async () => {
    const pbx = await startDemoPbx();
    const rec = await startRecorder(pbx, { missedAfterMs: 100 });
    await recordOneCall(rec, pbx, 'recording-saved');
    pbx.faults.notificationsLost = true;
    await recordOneCall(rec, pbx, 'recording-missed');
    expect(rec.service.state().warnings.filter((w) => FIREWALL.test(w.message))).toEqual([]);
  });

  it('on Windows names the inbound rule IT can add', () => {
    expect(unreachableListenerAdvice(7781, 'win32', 'C:\\Users\\anna\\AppData\\Local\\Programs\\ozeki-recorder\\Ozeki Recorder.exe')).toBe(
      `A recording ended but the PBX's "recording finished" notice never arrived, and nothing from the network has reached Ozeki Recorder's listener (port 7781). ` +
        'Windows Defender Firewall most likely blocks it, and only an administrator can allow it. Ask your IT department to allow Ozeki Recorder in, for example with: ' +
        'netsh advfirewall firewall add rule name="Ozeki Recorder" dir=in action=allow program="C:\\Users\\anna\\AppData\\Local\\Programs\\ozeki-recorder\\Ozeki Recorder.exe" protocol=TCP profile=domain,private enable=yes',
    );
  });
});
