import type { RecorderEvent } from '../recorder/state.ts';

export type NotificationSpec =
  | { title: string; body: string; click: { action: 'show-file'; path: string } }
  | { title: string; body: string; click: { action: 'open-window' } };

/** The desktop notification for an event, if it deserves one: saved (click: show it), failed or missed (click: the window). */
export function notificationFor(event: RecorderEvent): NotificationSpec | undefined {
  switch (event.type) {
    case 'recording-saved':
      return { title: 'Recording saved', body: event.path.split(/[/\\]/).pop() ?? event.path, click: { action: 'show-file', path: event.path } };
    case 'recording-failed':
      return { title: event.retryable ? 'Recording waiting' : 'Recording not saved', body: event.message, click: { action: 'open-window' } };
    case 'recording-missed':
      return { title: 'Recording missed', body: event.message, click: { action: 'open-window' } };
    default:
      return undefined;
  }
}
