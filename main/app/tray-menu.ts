import type { MenuItemConstructorOptions } from 'electron';
import { describeCaller, formatClockTime } from '../../preload/display.ts';
import { onItsWay } from '../host/recorder-host.ts';
import type { CallView, RecorderState } from '../recorder/state.ts';

export type TrayIcon = 'idle' | 'recording' | 'problem';

export interface TrayLook {
  icon: TrayIcon;
  /** Calls being recorded (not paused) right now. */
  recording: number;
  tooltip: string;
}

export interface TrayOptions {
  myExtension: string;
  shortcut: string;
  monitoringPaused: boolean;
  /** Why the global shortcut could not be registered, when it could not. */
  shortcutProblem?: string | undefined;
  platform: NodeJS.Platform;
}

/** Which icon and tooltip the tray shows, in words. */
export function trayLook(state: RecorderState, options: Pick<TrayOptions, 'monitoringPaused' | 'shortcutProblem'>): TrayLook {
  const { monitoringPaused } = options;
  const recording = state.calls.filter((c) => c.recording?.status === 'recording').length;
  const problem =
    state.link.status === 'unreachable' || state.link.status === 'auth-failed' || state.link.status === 'misconfigured' || state.listener.error !== undefined;
  const onTheirWay = state.inFlight.filter(onItsWay).length;
  // A recording not saved by design (a call never answered) has left the state: nothing to attend to.
  const failed = state.inFlight.filter((r) => r.state === 'failed' || r.state === 'missed').length;
  const parts = ['Ozeki Recorder'];
  if (monitoringPaused) parts.push('monitoring paused');
  else if (problem) parts.push(state.listener.error ? `listener problem: ${state.listener.error}` : state.link.message);
  else parts.push(recording === 0 ? 'not recording' : recording === 1 ? 'recording 1 call' : `recording ${recording} calls`);
  if (onTheirWay > 0) parts.push(onTheirWay === 1 ? '1 recording on its way' : `${onTheirWay} recordings on their way`);
  if (failed > 0) parts.push(failed === 1 ? '1 recording needs attention' : `${failed} recordings need attention`);
  // Not a problem icon: the recordings are safe, and a problem icon would hide that calls are being recorded.
  const { localQueue } = state;
  if (localQueue) parts.push(localQueue.count === 1 ? '1 recording kept on this computer' : `${localQueue.count} recordings kept on this computer`);
  if (options.shortcutProblem) parts.push(options.shortcutProblem);
  return { icon: problem ? 'problem' : recording > 0 ? 'recording' : 'idle', recording, tooltip: parts.join(' — ') };
}

export interface TrayActions {
  toggle(callId: string): void;
  toggleMine(): void;
  /** "Record without announcement" for one call (offered only where the settings allow skipping). */
  recordWithoutAnnouncement(callId: string): void;
  openWindow(): void;
  openFolder(): void;
  /** Today's recordings into one ZIP, where a save dialog says. */
  exportToday(): void;
  setMonitoringPaused(paused: boolean): void;
  openSettings(): void;
  quit(): void;
}

const RECORDING_WORDS = { recording: 'recording', paused: 'paused', starting: 'starting…', unconfirmed: 'starting — no answer from the PBX yet' } as const;
const CALL_STATE_WORDS: Partial<Record<string, string>> = {
  Ringing: 'ringing',
  InCall: 'in call',
  Hold: 'on hold',
  Transferred: 'transferred',
  Busy: 'busy',
  Answered: 'answered',
};

/**
 * A call's entry in the menu. Nothing in it ticks (no talk timer): the menu is rebuilt only when its content
 * changes, and rebuilding it closes it under the user's pointer.
 */
export function trayCallLabel(call: CallView): string {
  const parts = [`${describeCaller(call)} → ${call.destination}`, `since ${formatClockTime(call.startTime)}`, CALL_STATE_WORDS[call.state] ?? call.state];
  if (call.recording) parts.push(RECORDING_WORDS[call.recording.status]);
  return parts.join(' · ');
}

/**
 * The tray's context menu. On Linux the first item opens the window: AppIndicator delivers no clicks on the icon,
 * so the menu is the only way in.
 */
export function trayMenu(state: RecorderState, options: TrayOptions, actions: TrayActions): MenuItemConstructorOptions[] {
  const look = trayLook(state, options);
  const openWindow: MenuItemConstructorOptions = { label: 'Open window', click: () => actions.openWindow() };
  const items: MenuItemConstructorOptions[] = options.platform === 'linux' ? [openWindow] : [];
  items.push({ label: look.tooltip.replace(/^Ozeki Recorder — /, ''), enabled: false });
  if (state.usingDemoPbx) items.push({ label: 'Using the demo PBX (no PBX configured)', enabled: false });
  if (state.localQueue) items.push({ label: state.localQueue.message, enabled: false });
  items.push({ type: 'separator' });
  if (state.calls.length === 0) items.push({ label: 'No calls right now', enabled: false });
  for (const call of state.calls) {
    items.push({
      label: trayCallLabel(call),
      type: 'checkbox',
      checked: call.recording !== undefined && call.recording.status !== 'paused',
      toolTip: 'Record; click again to pause. The PBX records until the call ends; paused parts are removed from the saved file.',
      click: () => actions.toggle(call.callId),
    });
  }
  const unrecorded = state.announce.canSkip ? state.calls.filter((call) => call.recording === undefined) : [];
  if (unrecorded.length > 0) {
    items.push({
      label: 'Record without announcement',
      submenu: unrecorded.map((call) => ({
        label: `${describeCaller(call)} → ${call.destination}`,
        click: () => actions.recordWithoutAnnouncement(call.callId),
      })),
    });
  }
  items.push({ type: 'separator' });
  if (options.myExtension) {
    items.push({
      label: `Record my call (${options.myExtension})`,
      ...(options.shortcut ? { accelerator: options.shortcut } : {}),
      click: () => actions.toggleMine(),
    });
  }
  if (options.platform !== 'linux') items.push(openWindow);
  items.push(
    { label: 'Open recordings folder', click: () => actions.openFolder() },
    { label: 'Export today’s recordings…', click: () => actions.exportToday() },
    { label: 'Pause monitoring', type: 'checkbox', checked: options.monitoringPaused, click: () => actions.setMonitoringPaused(!options.monitoringPaused) },
    { label: 'Settings…', click: () => actions.openSettings() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  );
  return items;
}
