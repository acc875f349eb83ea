import type { Menu, MenuItemConstructorOptions, NativeImage, Tray as ElectronTray } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { formatClockTime } from '../../preload/display.ts';
import { AppTray, trayIconName, type TrayContent } from '../../main/app/tray.ts';
import { trayLook, trayMenu, type TrayLook } from '../../main/app/tray-menu.ts';
import type { RecorderState } from '../../main/recorder/state.ts';
import { trayActions } from '../helpers/app.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { startRecorder, until } from '../helpers/recorder.ts';
import { Menu as MenuFactory, MenuMock, nativeImage, Tray } from '../mocks/electron.ts';

/** The tray as the app wires it, on a platform, around the Electron mock's tray. */
function appTray(platform: NodeJS.Platform) {
  const tray = new Tray(undefined);
  const openWindow = vi.fn();
  const shown = new AppTray(tray as unknown as ElectronTray, {
    platform,
    image: (name) => nativeImage.createFromPath(`/icons/${name}.png`) as unknown as NativeImage,
    buildMenu: (items) => MenuFactory.buildFromTemplate(items) as unknown as Menu,
    openWindow,
  });
  const content = (state: RecorderState): TrayContent => {
    const options = { myExtension: '1001', shortcut: 'CommandOrControl+Alt+R', monitoringPaused: false, platform };
    return { look: trayLook(state, options), menu: trayMenu(state, options, trayActions()) };
  };
  const labels = () => ((tray.menu as MenuMock | undefined)?.items as MenuItemConstructorOptions[] | undefined)?.map((item) => item.label) ?? [];
  return { tray, shown, openWindow, content, labels };
}

/** Resolves at the tray's next change (the mock's tray announces each). */
const nextTrayChange = () => new Promise<void>((resolve) => Tray.changes.once('change', () => resolve()));

const ICONS = fileURLToPath(new URL('../../assets/tray', import.meta.url));

const look = (recording: number): TrayLook => ({ icon: recording > 0 ? 'recording' : 'idle', recording, tooltip: '' });

describe('the tray, kept in step with the recorder', () => {
  it('sets neither the menu nor the icon again over 60 polls in which nothing changes but the talk time', async () => {
    const pbxClock = new FakeClock();
    const pbx = await startDemoPbx({ clock: pbxClock });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', state: 'InCall' });
    pbx.addCall({ source: '1002', destination: '1003', callerId: 'Anna Kovacs', state: 'Ringing' });
    // Polls only when the test asks: one refreshCalls is one poll.
    const harness = await startRecorder(pbx, { pollIntervalMs: 3_600_000 });
    await until(harness, (s) => s.calls.length === 2);
    expect(await harness.service.toggle(callId)).toMatchObject({ ok: true });
    const recording = await until(harness, (s) => s.calls.some((c) => c.recording?.status === 'recording'));

    const { tray, shown, content, labels } = appTray('win32');
    shown.show(content(recording));
    expect(labels()).toContain(`+36 1 234 5678 → 1001 · since ${formatClockTime(new Date(pbxClock.now()))} · in call · recording`);
    expect(tray.image).toMatchObject({ path: '/icons/recording-1.png' });
    tray.setContextMenu.mockClear();
    tray.setImage.mockClear();
    tray.setToolTip.mockClear();

    let state = recording;
    for (let poll = 0; poll < 60; poll++) {
      pbxClock.advance(1000);
      await harness.service.refreshCalls();
      state = harness.service.state();
      shown.show(content(state));
    }
    // The calls' talk time did move on, a second a poll: only the tray holds still.
    const talk = (s: RecorderState) => s.calls.find((c) => c.callId === callId)?.talkSeconds ?? 0;
    expect(talk(state) - talk(recording)).toBe(60);
    expect(tray.setContextMenu).not.toHaveBeenCalled();
    expect(tray.setImage).not.toHaveBeenCalled();
    expect(tray.setToolTip).not.toHaveBeenCalled();

    // A new call changes the menu: it is set once.
    pbx.addCall({ source: '1004', destination: '1005', state: 'Ringing' });
    await harness.service.refreshCalls();
    shown.show(content(harness.service.state()));
    shown.show(content(harness.service.state()));
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);
    expect(labels().filter((label) => label?.includes(' → '))).toHaveLength(3);
  });

  it('holds changes while the menu is open and shows the latest when it closes', async () => {
    const { tray, shown, labels } = appTray('darwin');
    const menu = (label: string): TrayContent => ({ look: look(0), menu: [{ label }] });
    shown.show(menu('first'));
    const open = tray.menu as MenuMock;
    open.emit('menu-will-show');
    shown.show(menu('second'));
    shown.show(menu('third'));
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);
    expect(labels()).toEqual(['first']);

    const changed = nextTrayChange();
    open.emit('menu-will-close');
    await changed;
    expect(labels()).toEqual(['third']);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(2);
  });

  it('opens the window on a left click on Windows only', () => {
    const windows = appTray('win32');
    windows.tray.emit('click');
    expect(windows.openWindow).toHaveBeenCalledTimes(1);
    for (const platform of ['darwin', 'linux'] as const) {
      const other = appTray(platform);
      other.tray.emit('click');
      expect(other.openWindow).not.toHaveBeenCalled();
    }
  });

  it('shows the recording count in the icon on Windows and Linux, beside a template icon on macOS', () => {
    expect([0, 1, 2, 9, 10, 42].map((n) => trayIconName(look(n), 'win32'))).toEqual([
      'idle',
      'recording-1',
      'recording-2',
      'recording-9',
      'recording-9plus',
      'recording-9plus',
    ]);
    expect(trayIconName({ icon: 'problem', recording: 3, tooltip: '' }, 'linux')).toBe('problem');
    expect([0, 3].map((n) => trayIconName(look(n), 'darwin'))).toEqual(['idleTemplate', 'recordingTemplate']);

    const mac = appTray('darwin');
    mac.shown.show({ look: look(3), menu: [] });
    expect(mac.tray.title).toBe('3');
    expect(mac.tray.image).toMatchObject({ path: '/icons/recordingTemplate.png' });
    mac.shown.show({ look: look(0), menu: [] });
    expect(mac.tray.title).toBe('');
    const windows = appTray('win32');
    windows.shown.show({ look: look(3), menu: [] });
    expect(windows.tray.setTitle).not.toHaveBeenCalled();
  });

  it('has every icon it can ask for, at 1x and 2x (scripts/make-icons.mjs draws them)', () => {
    const looks: TrayLook[] = [...Array.from({ length: 12 }, (_, n) => look(n)), { icon: 'problem', recording: 0, tooltip: '' }];
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      for (const name of new Set(looks.map((l) => trayIconName(l, platform)))) {
        for (const file of [`${name}.png`, `${name}@2x.png`]) expect(existsSync(join(ICONS, file)), file).toBe(true);
      }
    }
  });
});
