import type { RecorderEvent } from '../recorder/state.ts';

export type NotificationSpec =
  { title: string; body: string; click: { action: 'show-file'; path: string } } | { title: string; body: string; click: { action: 'open-window' } };

/** The desktop notification for an event, if it deserves one: saved (click: show it), failed, missed or not saved (click: the window). */
export function notificationFor(event: RecorderEvent): NotificationSpec | undefined {
  switch (event.type) {
    case 'recording-saved':
      return { title: 'Recording saved', body: event.path.split(/[/\\]/).pop() ?? event.path, click: { action: 'show-file', path: event.path } };
    case 'recording-failed':
      return { title: event.retryable ? 'Recording waiting' : 'Recording not saved', body: event.message, click: { action: 'open-window' } };
    case 'recording-missed':
      return { title: 'Recording missed', body: event.message, click: { action: 'open-window' } };
    case 'recording-not-saved':
      return { title: 'Recording not saved', body: event.message, click: { action: 'open-window' } };
    default:
      return undefined;
  }
}

/** The app's id, as electron-builder.yml's appId: Windows files the app's notifications (and taskbar entry) under it. */
export const APP_ID = 'com.ozeki-recorder.app';

/**
 * On Windows a notification appears, and is attributed to Ozeki Recorder, only when the process carries the app's
 * AppUserModelId (the installer gives the Start menu shortcut the same one).
 */
export function attributeNotifications(app: { setAppUserModelId(id: string): void }, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
}
