import type { RecorderEvents, StateView } from '../../preload/contract.ts';
import { diffState } from '../../preload/state-change.ts';
import type { RecorderHost } from './recorder-host.ts';
import { stateView } from './window-view.ts';

/** Sends one event of the contract to the window: over IPC in the app, as a server-sent event in the preview. */
export type SendToWindow = <E extends keyof RecorderEvents>(event: E, payload: RecorderEvents[E]) => void;

/** What the composition root tells the feed about the window. */
export interface WindowFeed {
  /**
   * The window was shown (true) or hidden (false). A hidden window receives nothing; when shown it gets the whole
   * state (and libraryChanged if the library changed meanwhile), then only changes again.
   */
  setVisible(visible: boolean): void;
  /** The window (re)loaded its page or connected: it gets the whole state, then only changes. */
  resync(): void;
}

/**
 * Forwards what the recorder tells the window: the whole state once it is shown, then only what changed (nothing
 * when nothing did), library changes, and each recording saved or not saved. Starts hidden: the window asks to be fed by being shown.
 */
export function forwardToWindow(host: RecorderHost, send: SendToWindow): WindowFeed {
  let visible = false;
  let sent: StateView | undefined;
  let libraryMissed = false;
  const sendWhole = () => {
    const state = host.state();
    sent = state && stateView(state);
    if (sent) send('state', sent);
  };
  host.on('state', (state) => {
    if (!visible) return;
    const view = stateView(state);
    const change = sent && diffState(sent, view);
    if (!sent) send('state', view);
    else if (change) send('stateChanged', change);
    sent = view;
  });
  // Whether a recording was saved is main's word, not a guess from its leaving the state: one not saved leaves it
  // too. Said only to a window that is shown (the desktop notification tells the rest).
  host.on('event', (event) => {
    if (event.type === 'library-changed') {
      if (visible) send('libraryChanged', null);
      else libraryMissed = true;
    } else if (event.type === 'recording-saved') {
      if (visible) send('recordingSaved', { id: event.id, callId: event.callId });
    } else if (event.type === 'recording-not-saved') {
      if (visible) send('recordingNotSaved', { id: event.id, callId: event.callId, message: event.message });
    }
  });
  return {
    setVisible(shown) {
      if (shown === visible) return;
      visible = shown;
      if (!shown) return;
      sendWhole();
      if (libraryMissed) send('libraryChanged', null);
      libraryMissed = false;
    },
    resync() {
      if (visible) sendWhole();
    },
  };
}
