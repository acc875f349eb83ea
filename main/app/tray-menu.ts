import type { MenuItemConstructorOptions } from 'electron';
import { describeCaller, formatDuration } from '../../preload/display.ts';
import type { RecorderState } from '../recorder/state.ts';

export type TrayIcon = 'idle' | 'recording' | 'problem';

export interface TrayLook {
  icon: TrayIcon;
  /** Calls being recorded (not paused) right now. */
  recording: number;
  tooltip: string;
}

/** Which icon and tooltip the tray shows, in words. */
export function trayLook(state: RecorderState, monitoringPaused: boolean): TrayLook {
  const recording = state.calls.filter((c) => c.recording?.status === 'recording').length;
  const problem = state.link.status === 'unreachable' || state.link.status === 'auth-failed' || state.link.status === 'misconfigured' || state.listener.error !== undefined;
  const failed = state.inFlight.filter((r) => r.state === 'failed' || r.state === 'missed').length;
  const parts = ['Ozeki Recorder'];
  if (monitoringPaused) parts.push('monitoring paused');
  else if (problem) parts.push(state.listener.error ? `listener problem: ${state.listener.error}` : state.link.message);
  else parts.push(recording === 0 ? 'not recording' : recording === 1 ? 'recording 1 call' : `recording ${recording} calls`);
  if (failed > 0) parts.push(failed === 1 ? '1 recording needs attention' : `${failed} recordings need attention`);
  return { icon: problem ? 'problem' : recording > 0 ? 'recording' : 'idle', recording, tooltip: parts.join(' — ') };
}

export interface TrayActions {
  toggle(callId: string): void;
  toggleMine(): void;
  openWindow(): void;
  openFolder(): void;
  setMonitoringPaused(paused: boolean): void;
  openSettings(): void;
  quit(): void;
}

/** The tray's context menu, rebuilt on every change of state. */
export function trayMenu(state: RecorderState, options: { myExtension: string; shortcut: string; monitoringPaused: boolean }, actions: TrayActions): MenuItemConstructorOptions[] {
  const look = trayLook(state, options.monitoringPaused);
  const items: MenuItemConstructorOptions[] = [{ label: look.tooltip.replace(/^Ozeki Recorder — /, ''), enabled: false }];
  if (state.usingDemoPbx) items.push({ label: 'Using the demo PBX (no PBX configured)', enabled: false });
  items.push({ type: 'separator' });
  if (state.calls.length === 0) items.push({ label: 'No calls right now', enabled: false });
  for (const call of state.calls) {
    const talk = call.state === 'InCall' || call.state === 'Hold' ? ` · ${formatDuration(call.talkSeconds)}` : ` · ${call.state}`;
    const status = { paused: ' (paused)', starting: ' (starting…)', unconfirmed: ' (starting — no answer from the PBX yet)', recording: '' }[call.recording?.status ?? 'recording'];
    items.push({
      label: `${describeCaller(call)} → ${call.destination}${talk}${status}`,
      type: 'checkbox',
      checked: call.recording !== undefined && call.recording.status !== 'paused',
      toolTip: 'Record; click again to pause. The PBX records until the call ends; paused parts are removed from the saved file.',
      click: () => actions.toggle(call.callId),
    });
  }
  items.push({ type: 'separator' });
  if (options.myExtension) {
    items.push({ label: `Record my call (${options.myExtension})`, ...(options.shortcut ? { accelerator: options.shortcut } : {}), click: () => actions.toggleMine() });
  }
  items.push(
    { label: 'Open window', click: () => actions.openWindow() },
    { label: 'Open recordings folder', click: () => actions.openFolder() },
    { label: 'Pause monitoring', type: 'checkbox', checked: options.monitoringPaused, click: () => actions.setMonitoringPaused(!options.monitoringPaused) },
    { label: 'Settings…', click: () => actions.openSettings() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  );
  return items;
}
