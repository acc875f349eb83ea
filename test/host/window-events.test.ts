import { describe, expect, it } from 'vitest';
import { PasswordVault } from '../../main/host/password-vault.ts';
import { RecorderHost } from '../../main/host/recorder-host.ts';
import { forwardToWindow, type SendToWindow } from '../../main/host/window-events.ts';
import { openSettingsStore } from '../../main/app/settings-store.ts';
import type { RecorderEvents, StateChange, StateView } from '../../preload/contract.ts';
import { applyStateChange, diffState } from '../../preload/state-change.ts';
import { safeStorage } from '../mocks/electron.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

type Sent = { [E in keyof RecorderEvents]: { event: E; payload: RecorderEvents[E] } }[keyof RecorderEvents];

/** A running host on a demo PBX, and everything forwarded to a window. */
async function fedWindow() {
  const pbxClock = new FakeClock(); // still unless a test moves it: ring and talk times do not tick
  const pbx = await startDemoPbx({ clock: pbxClock });
  const store = openSettingsStore({ cwd: await tempDir('feed-settings-') });
  // A long poll interval: the test polls itself.
  store.set({ pbxUrl: pbx.url, listenHost: '127.0.0.1', listenPort: 0, pollIntervalMs: 60_000, folder: await tempDir('feed-folder-') });
  const host = new RecorderHost({ dataDir: await tempDir('feed-data-'), defaultFolder: '', store, vault: new PasswordVault(safeStorage, 'linux') });
  await host.start();
  onCleanup(() => host.stop());
  const sent: Sent[] = [];
  const send: SendToWindow = (event, payload) => sent.push({ event, payload } as Sent);
  const feed = forwardToWindow(host, send);
  /** Polls the PBX and resolves once the state that follows has been through the feed (it listens first). */
  const poll = async () => {
    await host.service.refreshCalls();
    await host.service.settled(); // the poll is handled; its state goes out on the next turn of the event loop
    await new Promise((resolve) => host.once('state', resolve));
  };
  return { pbx, pbxClock, host, feed, sent, poll };
}

describe('the window feed', () => {
  it('sends the whole state once shown, then only what changed, and nothing when nothing did', async () => {
    const { pbx, feed, sent, poll } = await fedWindow();
    const first = pbx.addCall({ source: '1000', destination: '1001', state: 'Ringing' });
    const second = pbx.addCall({ source: '1002', destination: '1003', state: 'Ringing' });
    feed.setVisible(true);
    await poll();
    const [whole, ...changes] = sent;
    expect(whole?.event).toBe('state');
    expect(changes.every((s) => s.event === 'stateChanged')).toBe(true);
    const copy = changes.reduce((state, s) => applyStateChange(state, s.payload as StateChange), whole?.payload as StateView);
    expect(copy.calls.map((c) => c.callId)).toEqual([first, second]);

    sent.length = 0;
    await poll(); // the same two ringing calls
    expect(sent).toEqual([]);

    pbx.hold(second);
    await poll();
    expect(sent).toEqual([
      { event: 'stateChanged', payload: { calls: { ids: [first, second], changed: [expect.objectContaining({ callId: second, state: 'Hold' })] } } },
    ]);
  });

  it('sends nothing to a hidden window, and the whole state (and a library change) when it is shown again', async () => {
    const { pbx, host, feed, sent, poll } = await fedWindow();
    feed.setVisible(true);
    await poll();
    feed.setVisible(false);
    sent.length = 0;
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await poll();
    host.emit('event', { type: 'library-changed' });
    expect(sent).toEqual([]);
    feed.setVisible(true);
    expect(sent.map((s) => s.event)).toEqual(['state', 'libraryChanged']);
    expect((sent[0]?.payload as StateView).calls.map((c) => c.callId)).toEqual([callId]);
  });
});

describe('the window feed of saved and not saved recordings', () => {
  const outcomes = (sent: Sent[]) => sent.filter((s) => s.event === 'recordingSaved' || s.event === 'recordingNotSaved');

  it("passes on main's word that a recording was saved (without its path) or not saved (with why), only while shown", async () => {
    const { pbx, pbxClock, host, feed, sent, poll } = await fedWindow();
    feed.setVisible(true);
    const answered = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    const ringing = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'Ringing' });
    await poll();
    const saved = await host.service.toggle(answered);
    const notSaved = await host.service.toggle(ringing);
    pbxClock.advance(2000);
    await pbx.endCall(answered);
    await pbx.endCall(ringing, 'Cancelled'); // never answered: nothing of it is kept
    await expect.poll(() => outcomes(sent).length, { timeout: 10_000 }).toBe(2);
    expect(outcomes(sent)).toEqual(
      expect.arrayContaining([
        { event: 'recordingSaved', payload: { id: saved.ok ? saved.recordingId : '', callId: answered } },
        {
          event: 'recordingNotSaved',
          payload: { id: notSaved.ok ? notSaved.recordingId : '', callId: ringing, message: 'Not saved — the call was never answered.' },
        },
      ]),
    );

    feed.setVisible(false);
    sent.length = 0;
    const hidden = pbx.addCall({ source: '1002', destination: '1001', state: 'InCall' });
    await poll();
    await host.service.toggle(hidden);
    pbxClock.advance(2000);
    const savedWhileHidden = new Promise((resolve) => host.on('event', (e) => e.type === 'recording-saved' && e.callId === hidden && resolve(e)));
    await pbx.endCall(hidden);
    await savedWhileHidden;
    expect(sent).toEqual([]);
  });
});

describe('diffState and applyStateChange', () => {
  const call = (callId: string, state = 'InCall') => ({
    callId,
    state,
    source: '1',
    destination: '2',
    callerId: '1',
    startTime: '2026-01-01T00:00:00.000Z',
    ringSeconds: 0,
    talkSeconds: 1,
    direction: 'internal' as const,
    mine: false,
  });
  const base: StateView = {
    link: { status: 'connected', message: 'Connected.' },
    myExtension: '',
    pbxUrl: 'http://pbx',
    usingDemoPbx: false,
    calls: [call('a'), call('b'), call('c')],
    callsCapped: { shown: 3, total: 9 },
    inFlight: [],
    listener: { url: 'http://me' },
    warnings: [],
    announce: { mode: 'off', canSkip: false },
  };

  it.each<[string, StateView]>([
    ['a call removed, one added, one changed and the order changed', { ...base, calls: [call('c', 'Hold'), call('a'), call('d')] }],
    ['an optional field cleared', { ...base, callsCapped: undefined }],
    ['announcements switched on, skipping allowed', { ...base, announce: { mode: 'text', canSkip: true } }],
    [
      'a field changed',
      { ...base, link: { status: 'unreachable', message: 'Down.' }, warnings: [{ kind: 'notification-refused', message: 'w', detail: 'd', at: 1 }] },
    ],
  ])('rebuilds the new state from the old one and the change: %s', (_, after) => {
    const change = diffState(base, after);
    expect(change).toBeDefined();
    // Through JSON, as the preview sends it (IPC keeps undefined, JSON does not).
    const rebuilt = applyStateChange(base, JSON.parse(JSON.stringify(change)) as StateChange);
    expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(JSON.parse(JSON.stringify(after)));
  });

  it('sends only the items that changed, and no change at all for an equal state', () => {
    expect(diffState(base, structuredClone(base))).toBeUndefined();
    expect(diffState(base, { ...base, calls: [call('a'), call('b', 'Hold'), call('c')] })).toEqual({
      calls: { ids: ['a', 'b', 'c'], changed: [call('b', 'Hold')] },
    });
  });
});
