import type { CallView, RecorderState } from '../../main/recorder/state.ts';
import { clock, el, recorder } from '../dom.ts';

interface Row {
  row: HTMLLIElement;
  badge: HTMLSpanElement;
  who: HTMLSpanElement;
  timer: HTMLSpanElement;
  button: HTMLButtonElement;
  call: CallView;
}

const BADGES: Record<string, string> = { InCall: 'In call', Hold: 'On hold', Ringing: 'Ringing' };

/**
 * The live calls, one row each, updated in place (keyed by call id) so focus and the screen reader's place
 * survive the updates that arrive every second.
 */
export class CallsView {
  readonly element: HTMLElement;
  private readonly banner = el('p', { className: 'banner', attrs: { role: 'status' } });
  private readonly list = el('ul', { className: 'calls', attrs: { 'aria-label': 'Live calls' } });
  private readonly empty = el('p', { className: 'empty', textContent: 'No calls right now. Calls appear here as soon as the PBX has them.' });
  private readonly message = el('p', { className: 'error', attrs: { role: 'alert' } });
  private readonly rows = new Map<string, Row>();
  private receivedAt = Date.now();

  constructor() {
    this.element = el(
      'section',
      { id: 'calls-view', attrs: { 'aria-labelledby': 'calls-tab' } },
      this.banner,
      el('p', { className: 'note', textContent: 'Record starts the PBX recording; press again to pause and to resume. The PBX records until the call ends; paused parts are removed from the saved file.' }),
      this.message,
      this.list,
      this.empty,
    );
  }

  update(state: RecorderState): void {
    this.receivedAt = Date.now();
    this.banner.className = `banner ${state.usingDemoPbx ? 'demo' : state.link.status}`;
    this.banner.textContent = state.usingDemoPbx ? `Demo PBX in use (no PBX configured). ${state.link.message}` : state.listener.error ? `The listener for finished recordings is not running: ${state.listener.error}` : state.link.message;
    const seen = new Set<string>();
    for (const [index, call] of state.calls.entries()) {
      seen.add(call.callId);
      const row = this.rows.get(call.callId) ?? this.createRow(call);
      row.call = call;
      if (this.list.children[index] !== row.row) this.list.insertBefore(row.row, this.list.children[index] ?? null);
      this.fill(row);
    }
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.row.remove();
        this.rows.delete(id);
      }
    }
    this.empty.hidden = state.calls.length > 0;
  }

  /** Called every second: the timers tick locally between updates. */
  tick(): void {
    for (const row of this.rows.values()) this.fillTimer(row);
  }

  private createRow(call: CallView): Row {
    const badge = el('span', { className: 'badge' });
    const who = el('span', { className: 'who' });
    const timer = el('span', { className: 'timer', attrs: { 'aria-label': 'Talk time' } });
    const button = el('button', { type: 'button', className: 'record', textContent: 'Record' });
    const row = el('li', { className: 'call', attrs: { role: 'listitem' } }, badge, who, timer, button);
    const entry: Row = { row, badge, who, timer, button, call };
    button.addEventListener('click', async () => {
      button.disabled = true;
      const result = await recorder().toggle(entry.call.callId);
      button.disabled = false;
      this.message.textContent = result.ok ? '' : result.message;
    });
    this.rows.set(call.callId, entry);
    return entry;
  }

  private fill(row: Row): void {
    const { call } = row;
    const status = call.recording?.status;
    row.row.dataset['callId'] = call.callId;
    row.row.dataset['recording'] = status ?? 'idle';
    row.badge.textContent = status === 'recording' ? 'Recording' : status === 'paused' ? 'Paused' : status === 'starting' ? 'Starting…' : (BADGES[call.state] ?? call.state);
    row.badge.className = `badge ${status ?? call.state}`;
    const name = call.callerId && call.callerId !== call.source ? `${call.callerId} ` : '';
    row.who.textContent = `${name}${call.source} → ${call.destination}`;
    row.button.setAttribute('aria-pressed', String(status === 'recording' || status === 'starting'));
    row.button.textContent = status === 'paused' ? 'Resume' : status === 'recording' ? 'Pause' : 'Record';
    row.button.setAttribute('aria-label', `${row.button.textContent} the call with ${name}${call.source}`);
    this.fillTimer(row);
  }

  private fillTimer(row: Row): void {
    const { call } = row;
    const elapsed = (Date.now() - this.receivedAt) / 1000;
    const talking = call.state === 'InCall' || call.state === 'Hold';
    const recording = call.recording;
    const kept = recording ? ` · kept ${clock((recording.keptMs + (recording.status === 'recording' ? elapsed * 1000 : 0)) / 1000)}` : '';
    row.timer.textContent = talking ? `${clock(call.talkSeconds + elapsed)}${kept}` : '';
  }
}
