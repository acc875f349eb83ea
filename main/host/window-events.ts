import type { RecorderEvents } from '../../preload/contract.ts';
import type { RecorderHost } from './recorder-host.ts';
import { stateView } from './window-view.ts';

/** Sends one event of the contract to the window: over IPC in the app, as a server-sent event in the preview. */
export type SendToWindow = <E extends keyof RecorderEvents>(event: E, payload: RecorderEvents[E]) => void;

/** Forwards what the recorder tells the window: every new state (as the window's view) and library changes. */
export function forwardToWindow(host: RecorderHost, send: SendToWindow): void {
  host.on('state', (state) => send('state', stateView(state)));
  host.on('event', (event) => {
    if (event.type === 'library-changed') send('libraryChanged', null);
  });
}
