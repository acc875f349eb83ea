import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { trayLook, trayMenu } from '../../main/app/tray-menu.ts';
import type { CallView, RecorderState } from '../../main/recorder/state.ts';
import { trayActions } from '../helpers/app.ts';
import { commandsReceived } from '../helpers/demo.ts';
import { onFakeClock } from '../helpers/pipeline.ts';
import { nextEvent, until, type RecorderHarness } from '../helpers/recorder.ts';

const call = (callId: string, extra: Partial<CallView> = {}): CallView => ({
  callId,
  state: 'InCall',
  source: '1000',
  destination: '1001',
  callerId: 'John Smith',
  startTime: new Date(2026, 10, 27, 10, 42, 5),
  ringSeconds: 2,
  talkSeconds: 135,
  direction: 'internal',
  mine: false,
  ...extra,
});

const state = (overrides: Partial<RecorderState> = {}): RecorderState => ({
  link: { status: 'connected', message: 'Connected to the PBX at http://10.0.0.5:7780.' },
  myExtension: '',
  pbxUrl: 'http://10.0.0.5:7780',
  usingDemoPbx: false,
  calls: [],
  inFlight: [],
  listener: { url: 'http://10.0.0.20:7781/ozeki/record-completed/…' },
  warnings: [],
  announce: { mode: 'off', canSkip: false },
  ...overrides,
});

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('tray menu', () => {
  it('lists each live call with a Record check box that toggles that call', () => {
    const act = trayActions();
    const recording = { recordingId: 'r', status: 'recording' as const, startedBy: 'me' as const, segments: [{ startMs: 0 }], keptMs: 1000 };
    const items = trayMenu(
      state({ calls: [call('aaa111', { recording }), call('bbb222', { source: '+36 1 234', callerId: '+36 1 234', destination: '1004', state: 'Ringing' })] }),
      { myExtension: '', shortcut: '', monitoringPaused: false, platform: 'win32' as const },
      act,
    );
    const first = items.find((i) => i.label?.startsWith('John Smith <1000> → 1001'));
    const second = items.find((i) => i.label?.startsWith('+36 1 234 → 1004'));
    // Labels that stay the same while the call goes on: no talk timer.
    expect(first).toMatchObject({ label: 'John Smith <1000> → 1001 · since 10:42 · in call · recording', type: 'checkbox', checked: true });
    expect(second).toMatchObject({ label: '+36 1 234 → 1004 · since 10:42 · ringing', checked: false });
    click(second);
    expect(act.toggle).toHaveBeenCalledWith('bbb222');
    click(first);
    expect(act.toggle).toHaveBeenLastCalledWith('aaa111');
  });

  it('offers "Record without announcement" for the calls not being recorded, only where skipping is allowed', () => {
    const act = trayActions();
    const recording = { recordingId: 'r', status: 'recording' as const, startedBy: 'me' as const, segments: [{ startMs: 0 }], keptMs: 1000 };
    const calls = [call('aaa111', { recording }), call('bbb222', { source: '+36 1 234', callerId: '+36 1 234', destination: '1004' })];
    const options = { myExtension: '', shortcut: '', monitoringPaused: false, platform: 'win32' as const };
    const skipItem = (items: MenuItemConstructorOptions[]) => items.find((i) => i.label === 'Record without announcement');
    expect(skipItem(trayMenu(state({ calls, announce: { mode: 'text', canSkip: false } }), options, act))).toBeUndefined();
    const offered = skipItem(trayMenu(state({ calls, announce: { mode: 'text', canSkip: true } }), options, act));
    const submenu = offered?.submenu as MenuItemConstructorOptions[];
    expect(labels(submenu)).toEqual(['+36 1 234 → 1004']);
    click(submenu[0]);
    expect(act.recordWithoutAnnouncement).toHaveBeenCalledWith('bbb222');
    expect(act.toggle).not.toHaveBeenCalled();
    const allRecorded = state({ calls: [call('aaa111', { recording })], announce: { mode: 'text', canSkip: true } });
    expect(skipItem(trayMenu(allRecorded, options, act))).toBeUndefined();
  });

  it('has the status line, the fixed items, and "Record my call" only with my extension set', () => {
    const act = trayActions();
    expect(labels(trayMenu(state(), { myExtension: '', shortcut: '', monitoringPaused: false, platform: 'win32' as const }, act))).toEqual([
      'not recording',
      '---',
      'No calls right now',
      '---',
      'Open window',
      'Open recordings folder',
      'Export today’s recordings…',
      'Pause monitoring',
      'Settings…',
      '---',
      'Quit',
    ]);
    click(
      trayMenu(state(), { myExtension: '', shortcut: '', monitoringPaused: false, platform: 'win32' as const }, act).find(
        (i) => i.label === 'Export today’s recordings…',
      ),
    );
    expect(act.exportToday).toHaveBeenCalled();
    const mine = trayMenu(state(), { myExtension: '1001', shortcut: 'CommandOrControl+Alt+R', monitoringPaused: false, platform: 'win32' as const }, act).find(
      (i) => i.label === 'Record my call (1001)',
    );
    expect(mine?.accelerator).toBe('CommandOrControl+Alt+R');
    click(mine);
    expect(act.toggleMine).toHaveBeenCalled();
  });

  it('says while recordings are kept on this computer because the folder cannot be reached', () => {
    const message = 'The recordings folder /srv/desk cannot be reached: 3 recordings are kept on this computer and will be moved when it is back.';
    const items = trayMenu(
      state({ localQueue: { count: 3, folder: '/srv/desk', message } }),
      {
        myExtension: '',
        shortcut: '',
        monitoringPaused: false,
        platform: 'win32' as const,
      },
      trayActions(),
    );
    expect(labels(items).slice(0, 3)).toEqual(['not recording — 3 recordings kept on this computer', message, '---']);
    expect(items[1]).toMatchObject({ enabled: false });
  });

  it('says a paused recording is paused and unticks it', () => {
    const paused = { recordingId: 'r', status: 'paused' as const, startedBy: 'me' as const, segments: [{ startMs: 0, endMs: 10 }], keptMs: 10 };
    const items = trayMenu(
      state({ calls: [call('aaa111', { recording: paused })] }),
      { myExtension: '', shortcut: '', monitoringPaused: false, platform: 'win32' as const },
      trayActions(),
    );
    const item = items.find((i) => i.type === 'checkbox' && i.label?.includes('John'));
    expect(item?.checked).toBe(false);
    expect(item?.label).toMatch(/ · paused$/);
  });

  it('opens the window from its first item on Linux, where the icon gets no clicks', () => {
    const act = trayActions();
    const items = trayMenu(state(), { myExtension: '', shortcut: '', monitoringPaused: false, platform: 'linux' }, act);
    expect(labels(items).slice(0, 2)).toEqual(['Open window', 'not recording']);
    expect(labels(items).filter((label) => label === 'Open window')).toHaveLength(1);
    click(items[0]);
    expect(act.openWindow).toHaveBeenCalled();
  });

  it('pauses and resumes monitoring', () => {
    const act = trayActions();
    click(
      trayMenu(state(), { myExtension: '', shortcut: '', monitoringPaused: true, platform: 'win32' as const }, act).find((i) => i.label === 'Pause monitoring'),
    );
    expect(act.setMonitoringPaused).toHaveBeenCalledWith(false);
  });
});

describe('tray icon and tooltip', () => {
  const recording = { recordingId: 'r', status: 'recording' as const, startedBy: 'me' as const, segments: [{ startMs: 0 }], keptMs: 0 };
  it.each([
    ['idle', state(), false, { icon: 'idle', recording: 0, tooltip: 'Ozeki Recorder — not recording' }],
    [
      'two recording',
      state({ calls: [call('a', { recording }), call('b', { recording })] }),
      false,
      { icon: 'recording', recording: 2, tooltip: 'Ozeki Recorder — recording 2 calls' },
    ],
    [
      'PBX down',
      state({ link: { status: 'unreachable', message: 'Cannot reach the PBX at http://10.0.0.5:7780: connection refused.' } }),
      false,
      { icon: 'problem', tooltip: 'Ozeki Recorder — Cannot reach the PBX at http://10.0.0.5:7780: connection refused.' },
    ],
    [
      'wrong password',
      state({ link: { status: 'auth-failed', code: 305, message: 'Authentication failed, bad username or password (Ozeki code 305)' } }),
      false,
      { icon: 'problem' },
    ],
    [
      'recordings kept on this computer while recording',
      state({ calls: [call('a', { recording })], localQueue: { count: 1, folder: '/srv/desk', message: '…' } }),
      false,
      { icon: 'recording', tooltip: 'Ozeki Recorder — recording 1 call — 1 recording kept on this computer' },
    ],
    ['paused monitoring', state(), true, { icon: 'idle', tooltip: 'Ozeki Recorder — monitoring paused' }],
    [
      'a recording whose call ended while its announcement is awaited',
      state({ inFlight: [{ id: 'x', callId: 'c', from: '1', to: '2', callerName: '', state: 'announcing', canRetry: false, canDismiss: false }] }),
      false,
      { icon: 'idle', tooltip: 'Ozeki Recorder — not recording — 1 recording on its way' },
    ],
    [
      'recordings on their way while another call is recorded',
      state({
        calls: [call('a', { recording })],
        inFlight: [
          { id: 'x', callId: 'c', from: '1', to: '2', callerName: '', state: 'announcing', canRetry: false, canDismiss: false },
          { id: 'y', callId: 'd', from: '1', to: '2', callerName: '', state: 'downloading', canRetry: false, canDismiss: false },
          { id: 'z', callId: 'e', from: '1', to: '2', callerName: '', state: 'queued', canRetry: false, canDismiss: false },
        ],
        localQueue: { count: 1, folder: '/srv/desk', message: '…' },
      }),
      false,
      { icon: 'recording', tooltip: 'Ozeki Recorder — recording 1 call — 2 recordings on their way — 1 recording kept on this computer' },
    ],
    [
      'a failed recording',
      state({ inFlight: [{ id: 'x', callId: 'c', from: '1', to: '2', callerName: '', state: 'failed', canRetry: true, canDismiss: true }] }),
      false,
      { tooltip: 'Ozeki Recorder — not recording — 1 recording needs attention' },
    ],
  ] as const)('%s', (_, s, paused, expected) => {
    expect(trayLook(s, { monitoringPaused: paused })).toMatchObject(expected);
  });

  it('says when the shortcut could not be registered', () => {
    const problem = 'The shortcut CommandOrControl+Alt+R is taken by another program: "Record my call" has no shortcut.';
    expect(trayLook(state(), { monitoringPaused: false, shortcutProblem: problem }).tooltip).toBe(`Ozeki Recorder — not recording — ${problem}`);
  });
});

describe('the tray over a real recorder', () => {
  /** Every tooltip the tray would show for the recorder's states, from now on. */
  const tooltips = (rec: RecorderHarness) => {
    const shown: string[] = [];
    rec.service.on('state', (s) => shown.push(trayLook(s, { monitoringPaused: false }).tooltip));
    return shown;
  };

  it('counts a recording whose announcement is awaited after its call ended as on its way, and one then not saved as needing nothing', async () => {
    const { pbx, clock, start } = await onFakeClock(
      { announce: 'text', announceText: 'This call is recorded.', announceOrder: 'record-first' },
      { faults: { refuseAnnouncements: true, announceAnswerDelayMs: 3000 } },
      { clientTimeoutMs: 60_000 }, // the PBX's answer is held on the fake clock; the client's deadline runs in real time
    );
    const rec = await start();
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'InCall' });
    await rec.service.refreshCalls();
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));
    const shown = tooltips(rec);
    const toggled = rec.service.toggle(callId);
    await commandsReceived(pbx, 'Speak', 1);
    clock.advance(2000);
    const completed = nextEvent(rec, 'recording-completed');
    await pbx.endCall(callId);
    await completed;
    const announcing = await until(rec, (s) => s.inFlight.some((r) => r.state === 'announcing'));
    expect(trayLook(announcing, { monitoringPaused: false }).tooltip).toBe('Ozeki Recorder — not recording — 1 recording on its way');
    clock.advance(3000); // the PBX refuses the announcement: the settings say not to record then
    await toggled;
    await nextEvent(rec, 'recording-not-saved');
    const after = await until(rec, (s) => s.inFlight.length === 0);
    expect(trayLook(after, { monitoringPaused: false }).tooltip).toBe('Ozeki Recorder — not recording');
    expect(shown.filter((t) => t.includes('needs attention'))).toEqual([]);
  });

  it('never says a recording of a call that was never answered needs attention', async () => {
    const { pbx, clock, start } = await onFakeClock({ format: 'wav' });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'Ringing' });
    const rec = await start();
    await until(rec, (s) => s.calls.some((c) => c.callId === callId));
    const shown = tooltips(rec);
    expect(await rec.service.toggle(callId)).toMatchObject({ ok: true, status: 'recording' });
    clock.advance(3000);
    await rec.service.refreshCalls();
    await pbx.endCall(callId, 'Cancelled');
    expect(await nextEvent(rec, 'recording-not-saved')).toMatchObject({ callId, message: 'Not saved — the call was never answered.' });
    const after = await until(rec, (s) => s.inFlight.length === 0 && s.calls.length === 0);
    expect(trayLook(after, { monitoringPaused: false }).tooltip).toBe('Ozeki Recorder — not recording');
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((t) => t.includes('needs attention'))).toEqual([]);
  });
});
