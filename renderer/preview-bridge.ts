// Only in the browser preview (npm run preview): window.recorder over HTTP instead of Electron IPC, built from
// the contract's method list so the two cannot drift.
import { RECORDER_EVENTS, RECORDER_METHODS, type RecorderEvents, type WindowRecorder } from '../preload/contract.ts';

const token = document.querySelector<HTMLMetaElement>('meta[name="preview-token"]')?.content ?? '';
const events = new EventSource(`/events?token=${token}`);

const methods = Object.fromEntries(
  RECORDER_METHODS.map((method) => [
    method,
    async (...args: unknown[]) => {
      const response = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-preview-token': token }, body: JSON.stringify(args) });
      const body = (await response.json()) as { result?: unknown; error?: string };
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      return body.result;
    },
  ]),
);

const recorder = {
  ...methods,
  on(event: keyof RecorderEvents, listener: (payload: unknown) => void): () => void {
    if (!(RECORDER_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (message: MessageEvent<string>) => listener(JSON.parse(message.data));
    events.addEventListener(event, wrapped);
    return () => events.removeEventListener(event, wrapped);
  },
} as WindowRecorder;

Object.defineProperty(window, 'recorder', { value: Object.freeze(recorder) });
