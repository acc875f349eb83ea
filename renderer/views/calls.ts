import type { CallView, StateView } from '../../preload/contract.ts';
import { formatDuration } from '../../preload/display.ts';
import { el, onClick, recorder, setAttr, setText } from '../dom.ts';
import type { View } from '../view.ts';
import './calls.css';

interface Row {
  /** Local clock time the talk and the kept time started at, as last measured: timers run from these. */
  talkSince?: number;
  keptSince?: number;
  /** The call state and recording status the timer text was made for. */
  timerFor?: string;
  row: HTMLLIElement;
  badge: HTMLSpanElement;
  who: HTMLSpanElement;
  timer: HTMLSpanElement;
  button: HTMLButtonElement;
  call: CallView;
}

const BADGES: Record<string, string> = { InCall: 'In call', Hold: 'On hold', Ringing: 'Ringing' };
const RECORDING_BADGES: Record<NonNullable<CallView['recording']>['status'], string> = {
  starting: 'Starting…',
  unconfirmed: 'Starting — no answer from the PBX yet',
  recording: 'Recording',
  paused: 'Paused',
};

/**
 * The live calls, one row each, updated in place (keyed by call id) so focus and the screen reader's place
 * survive the updates that arrive every second.
 */
export class CallsView implements View {
  readonly element: HTMLElement;
  private readonly banner = el('p', { className: 'banner', attrs: { role: 'status' } });
  private readonly list = el('ul', { className: 'calls', attrs: { 'aria-label': 'Live calls' } });
  private readonly empty = el('p', { className: 'empty', textContent: 'No calls right now. Calls appear here as soon as the PBX has them.' });
  private readonly message = el('p', { className: 'error', attrs: { role: 'alert' } });
  private readonly rows = new Map<string, Row>();

  constructor() {
    this.element = el(
      'section',
      {},
      this.banner,
      el('p', {
        className: 'note',
        textContent:
          'Record starts the PBX recording; press again to pause and to resume. The PBX records until the call ends; paused parts are removed from the saved file.',
      }),
      this.message,
      this.list,
      this.empty,
    );
    setInterval(() => this.tick(), 1000); // talk timers tick locally between updates
  }

  shown(): void {
    // nothing to load: the calls come with the state
  }

  mayLeave(): Promise<boolean> {
    return Promise.resolve(true);
  }

  focusSearch(): boolean {
    return false;
  }

  handleKey(): boolean {
    return false;
  }

  update(state: StateView): void {
    setAttr(this.banner, 'class', `banner ${state.usingDemoPbx ? 'demo' : state.link.status}`);
    const capped = state.callsCapped
      ? ` The PBX reports ${state.callsCapped.total} live calls; only the first ${state.callsCapped.shown} are shown and can be recorded.`
      : '';
    setText(
      this.banner,
      (state.usingDemoPbx
        ? `Demo PBX in use (no PBX configured). ${state.link.message}`
        : state.listener.error
          ? `The listener for finished recordings is not running: ${state.listener.error}`
          : state.link.message) + capped,
    );
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
  private tick(): void {
    for (const row of this.rows.values()) this.fillTimer(row);
  }

  private createRow(call: CallView): Row {
    const badge = el('span', { className: 'badge' });
    const who = el('span', { className: 'who' });
    const timer = el('span', { className: 'timer', attrs: { 'aria-label': 'Talk time' } });
    const button = el('button', { type: 'button', className: 'record', textContent: 'Record' });
    const row = el('li', { className: 'call', attrs: { role: 'listitem' } }, badge, who, timer, button);
    const entry: Row = { row, badge, who, timer, button, call };
    onClick(button, async () => {
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
    setAttr(row.row, 'data-call-id', call.callId);
    setAttr(row.row, 'data-recording', status ?? 'idle');
    setText(row.badge, status ? RECORDING_BADGES[status] : (BADGES[call.state] ?? call.state));
    setAttr(row.badge, 'class', `badge ${status ?? call.state}`);
    const name = call.callerId && call.callerId !== call.source ? `${call.callerId} ` : '';
    setText(row.who, `${name}${call.source} → ${call.destination}`);
    // A toggle keeps its name: "Record", pressed while recording; a paused recording shows as not pressed, marked paused.
    setAttr(row.button, 'aria-pressed', String(status !== undefined && status !== 'paused'));
    setAttr(row.button, 'class', `record ${status ?? 'idle'}`);
    setAttr(row.button, 'aria-label', `Record the call with ${name}${call.source}${status === 'paused' ? ' (paused)' : ''}`);
    const timerFor = `${call.state}/${status ?? 'idle'}`;
    const statusChanged = row.timerFor !== timerFor;
    row.timerFor = timerFor;
    if (this.anchorTimers(row) || statusChanged) this.fillTimer(row);
  }

  /**
   * Re-anchors the row's timers from the PBX's figures. The PBX counts whole seconds, so an anchor moves only when
   * it is off by more than that; the text changes then, or at the next tick. An update that brings nothing new
   * changes no text and costs no layout.
   */
  private anchorTimers(row: Row): boolean {
    const { call } = row;
    const now = Date.now();
    const anchor = (current: number | undefined, since: number) => (current === undefined || Math.abs(current - since) > 1500 ? since : current);
    const talkSince = anchor(row.talkSince, now - call.talkSeconds * 1000);
    const recording = call.recording;
    const keptSince = recording?.status === 'recording' ? anchor(row.keptSince, now - recording.keptMs) : undefined;
    const moved = talkSince !== row.talkSince || keptSince !== row.keptSince;
    row.talkSince = talkSince;
    row.keptSince = keptSince;
    return moved;
  }

  private fillTimer(row: Row): void {
    const { call } = row;
    const now = Date.now();
    const recording = call.recording;
    const talking = call.state === 'InCall' || call.state === 'Hold';
    const keptMs = recording ? (row.keptSince === undefined ? recording.keptMs : now - row.keptSince) : 0;
    setText(row.timer, talking ? `${formatDuration((now - (row.talkSince ?? now)) / 1000)}${recording ? ` · kept ${formatDuration(keptMs / 1000)}` : ''}` : '');
  }
}
