// The window, first cut: the PBX link, the live calls with their Record toggle, and recordings in flight.
// Plain DOM; everything comes from window.recorder (preload/contract.ts).
import type { WindowRecorder } from '../preload/contract.ts';
import type { CallView, RecorderState } from '../main/recorder/state.ts';

declare global {
  interface Window {
    recorder: WindowRecorder;
  }
}

const recorder = window.recorder;
const root = document.getElementById('app') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const two = (n: number) => String(n).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}

let state: RecorderState | undefined;
let receivedAt = Date.now();
let message = '';

function callRow(call: CallView): HTMLElement {
  const elapsed = (Date.now() - receivedAt) / 1000;
  const talking = call.state === 'InCall' || call.state === 'Hold';
  const status = call.recording?.status;
  const button = el('button', { type: 'button', className: `record ${status ?? 'idle'}`, textContent: status === 'paused' ? 'Resume' : 'Record' });
  button.setAttribute('aria-pressed', String(status === 'recording' || status === 'starting'));
  button.addEventListener('click', async () => {
    const result = await recorder.toggle(call.callId);
    message = result.ok ? '' : result.message;
    render();
  });
  const kept = call.recording ? ` · kept ${clock((call.recording.keptMs + (status === 'recording' ? elapsed * 1000 : 0)) / 1000)}` : '';
  const who = call.callerId && call.callerId !== call.source ? `${call.callerId} ` : '';
  return el(
    'li',
    { className: 'call' },
    el('span', { className: `badge ${call.state}`, textContent: status === 'paused' ? 'Paused' : status === 'recording' ? 'Recording' : call.state }),
    el('span', { className: 'who', textContent: `${who}${call.source} → ${call.destination}` }),
    el('span', { className: 'timer', textContent: talking ? clock(call.talkSeconds + elapsed) + kept : '' }),
    button,
  );
}

function render(): void {
  if (!state) return;
  const banner = el('p', { className: `banner ${state.link.status}`, textContent: state.usingDemoPbx ? `Demo PBX in use. ${state.link.message}` : state.link.message });
  banner.setAttribute('role', 'status');
  const calls = state.calls.length === 0 ? [el('li', { className: 'empty', textContent: 'No calls right now.' })] : state.calls.map(callRow);
  const list = el('ul', { className: 'calls' }, ...calls);
  list.setAttribute('aria-label', 'Live calls');
  const inFlight = state.inFlight.map((r) => el('li', { textContent: `${r.from} → ${r.to}: ${r.failure?.message ?? r.state}` }));
  root.replaceChildren(
    el('h1', { textContent: 'Ozeki Recorder' }),
    banner,
    el('p', { className: 'note', textContent: 'The PBX records until the call ends; paused parts are removed from the saved file.' }),
    list,
    ...(message ? [el('p', { className: 'error', textContent: message })] : []),
    ...(inFlight.length ? [el('h2', { textContent: 'Recordings in progress' }), el('ul', {}, ...inFlight)] : []),
  );
}

recorder.on('state', (next) => {
  state = next;
  receivedAt = Date.now();
  render();
});
void recorder.getState().then((initial) => {
  state = initial;
  receivedAt = Date.now();
  render();
});
setInterval(render, 1000); // the talk timers tick locally
