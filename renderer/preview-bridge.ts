// Only in the browser preview (npm run preview): window.recorder over HTTP instead of Electron IPC, built from
// the contract's method list so the two cannot drift.
import { RECORDER_EVENTS, RECORDER_METHODS, type RecorderEvents, type WindowRecorder } from '../preload/contract.ts';

// The token comes once, in the URL the preview printed; from then on it lives here and travels only in a header.
// Taking it out of the address keeps it out of the history, bookmarks and anything the page shows.
const opened = new URL(location.href);
const token = opened.searchParams.get('token') ?? '';
if (opened.searchParams.has('token')) {
  opened.searchParams.delete('token');
  history.replaceState(history.state, '', opened.pathname + opened.search + opened.hash);
}
const headers = { 'x-preview-token': token };

const methods = Object.fromEntries(
  RECORDER_METHODS.map((method) => [
    method,
    async (...args: unknown[]) => {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      const text = await response.text();
      const body = (response.headers.get('content-type') === 'application/json' ? JSON.parse(text) : { error: text.trim() }) as {
        result?: unknown;
        error?: string;
      };
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      return body.result;
    },
  ]),
);

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

/** Hands one server-sent event ("event: …\ndata: …") to its listeners. */
function dispatch(frame: string): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return;
  const payload: unknown = JSON.parse(data.join('\n'));
  for (const listener of listeners.get(event) ?? []) listener(payload);
}

/**
 * The push stream from main. EventSource cannot send a header, so this reads /events with fetch, and reconnects
 * after a second when the stream breaks, as EventSource would; a refused token is final.
 */
async function listen(): Promise<void> {
  for (;;) {
    try {
      const response = await fetch('/events', { headers, cache: 'no-store' });
      if (response.status === 403) return;
      if (response.ok && response.body) {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          buffered += chunk.value;
          for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
            dispatch(buffered.slice(0, end));
            buffered = buffered.slice(end + 2);
          }
        }
      }
    } catch {
      // the preview stopped or the network broke: try again below
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
// The stream opens when the page first subscribes: it starts with the whole state, which must not go unheard.
let listening = false;

/** The browser's operating system, as Node would name it: the preview writes shortcuts as that system does. */
const platform = /Macintosh|Mac OS X/.test(navigator.userAgent) ? 'darwin' : /Windows/.test(navigator.userAgent) ? 'win32' : 'linux';

const recorder = {
  ...methods,
  platform,
  on(event: keyof RecorderEvents, listener: (payload: unknown) => void): () => void {
    if (!(RECORDER_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    if (!listening) {
      listening = true;
      void listen();
    }
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped: Listener = (payload) => listener(payload);
    set.add(wrapped);
    return () => set.delete(wrapped);
  },
} as WindowRecorder;

Object.defineProperty(window, 'recorder', { value: Object.freeze(recorder) });
