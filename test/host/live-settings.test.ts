import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecorderHandlers } from '../../main/host/invoke.ts';
import type { RecorderHost } from '../../main/host/recorder-host.ts';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { hostEvent, hostState, startAppHost as setup } from '../helpers/app-host.ts';
import { objectContaining } from '../helpers/match.ts';

const PASSWORD = 'pa55-word-of-the-desk';

/** A new call on the PBX from `source` to 1001, recorded through the window's toggle; returns it and the recorder it runs on. */
async function recordNewCall(pbx: DemoPbx, host: RecorderHost, handlers: RecorderHandlers, source: string) {
  const callId = pbx.addCall({ source, destination: '1001', state: 'InCall' });
  await hostState(host, (state) => state.calls.some((call) => call.callId === callId));
  const service = host.service;
  expect(await handlers.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
  return { callId, service };
}

describe('saved settings and the running recorder', () => {
  it('takes my extension and the file name template live, during a recording, which is kept and saved by the new template', async () => {
    const pbx = await startDemoPbx();
    const { host, handlers, folder, events } = await setup(pbx.url);
    const { callId, service } = await recordNewCall(pbx, host, handlers, '+36 1 234 5678');

    const result = await handlers.saveSettings({ myExtension: '1001', fileNameTemplate: 'desk/{callId}' });
    expect(result).toEqual({ ok: true, settings: objectContaining({ myExtension: '1001', fileNameTemplate: 'desk/{callId}' }) });
    expect(host.service).toBe(service); // not restarted: the recording, its listener and its download stay
    expect(await handlers.toggleMine()).toMatchObject({ ok: true, status: 'paused' }); // "my call" is the new extension's

    const saved = hostEvent(host, 'recording-saved');
    await pbx.endCall(callId);
    expect((await saved).path).toBe(join(folder, 'desk', `${callId}.mp3`));
    expect(existsSync(join(folder, 'desk', `${callId}.json`))).toBe(true);
    expect(events.filter((e) => e.type === 'recording-missed' || e.type === 'recording-failed')).toEqual([]);
  });

  it('restarts the recorder on a new PBX address, at once when nothing is in flight', async () => {
    const pbx = await startDemoPbx();
    const other = await startDemoPbx();
    const { host, handlers } = await setup(pbx.url);
    const service = host.service;
    expect(await handlers.saveSettings({ pbxUrl: other.url })).toEqual({ ok: true, settings: objectContaining({ pbxUrl: other.url }) });
    expect(host.service).not.toBe(service);
    const callId = other.addCall({ source: '1000', destination: '1002', state: 'InCall' });
    await hostState(host, (state) => state.calls.some((call) => call.callId === callId));
  });

  it("lets the restart wait for a recording in flight, so the PBX's notification still finds its listener and nothing is lost", async () => {
    const pbx = await startDemoPbx();
    const { host, handlers, folder, events } = await setup(pbx.url);
    const { callId, service } = await recordNewCall(pbx, host, handlers, '1000');

    // The PBX address written anew is a setting that needs a restart.
    expect(await handlers.saveSettings({ pbxUrl: `${pbx.url}/` })).toMatchObject({
      ok: true,
      note: 'Saved. Ozeki Recorder switches to the new settings once the recording in progress is saved.',
    });
    expect(host.service).toBe(service);

    const saved = hostEvent(host, 'recording-saved');
    await pbx.endCall(callId); // RecordCompleted goes to the listener the PBX was given with Record
    expect((await saved).path.startsWith(folder)).toBe(true);
    await hostState(host, () => host.service !== service); // then the restart comes
    expect(host.service.state().inFlight).toEqual([]);
    expect(events.filter((e) => e.type === 'recording-missed' || e.type === 'recording-failed')).toEqual([]);
  });

  it("keeps a listener restart waiting for a recording through a poll that times out, so the PBX's notification is still received", async () => {
    const pbx = await startDemoPbx();
    const { host, handlers, folder, events } = await setup(pbx.url, 'gnome_libsecret', 300);
    const { callId, service } = await recordNewCall(pbx, host, handlers, '1000');
    expect(await handlers.saveSettings({ allowedCallers: ['127.0.0.1'] })).toMatchObject({
      ok: true,
      note: 'Saved. Ozeki Recorder switches to the new settings once the recording in progress is saved.',
    });
    let updateRestarted = false; // the app's restart to update waits the same way
    expect(host.whenIdle(() => (updateRestarted = true))).toBe(1);

    pbx.faults.delayMs = 60_000; // one poll gets no answer within the client's 300 ms: the link is unreachable
    await hostState(host, (state) => state.link.status === 'unreachable');
    pbx.faults.delayMs = 0;
    await hostState(host, (state) => state.link.status === 'connected');
    expect(host.service).toBe(service); // the listener the PBX was given with Record is still up
    expect(updateRestarted).toBe(false);

    const saved = hostEvent(host, 'recording-saved');
    await pbx.endCall(callId);
    expect((await saved).path.startsWith(folder)).toBe(true);
    await hostState(host, () => host.service !== service); // then the restart comes
    expect(updateRestarted).toBe(true);
    expect(events.filter((e) => e.type === 'recording-missed' || e.type === 'recording-failed')).toEqual([]);
  });

  it('restarts at once on a new PBX address while the PBX cannot be reached, even with a recording in flight', async () => {
    const pbx = await startDemoPbx();
    const other = await startDemoPbx();
    const { host, handlers } = await setup(pbx.url, 'gnome_libsecret', 300);
    const { service } = await recordNewCall(pbx, host, handlers, '1000');
    pbx.faults.delayMs = 60_000;
    await hostState(host, (state) => state.link.status === 'unreachable');

    expect(await handlers.saveSettings({ pbxUrl: other.url })).toEqual({ ok: true, settings: objectContaining({ pbxUrl: other.url }) }); // no note: no wait
    expect(host.service).not.toBe(service);
    await hostState(host, (state) => state.link.status === 'connected' && state.pbxUrl === other.url);
  });

  it('logs in with a new password even where the keyring keeps nothing', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const { host, handlers } = await setup(pbx.url, 'basic_text');
    await hostState(host, (state) => state.link.status === 'auth-failed');
    await handlers.saveSettings({ password: PASSWORD }); // the stored cipher stays '': only the recorder's restart brings the password in
    await hostState(host, (state) => state.link.status === 'connected');
  });

  it('quitting while a restart is under way leaves no recorder running', async () => {
    const pbx = await startDemoPbx();
    const { host } = await setup(pbx.url);
    const restarting = host.restart();
    await host.stop();
    await restarting;
    expect(() => host.service).toThrow('The recorder is not running.');
  });
});
