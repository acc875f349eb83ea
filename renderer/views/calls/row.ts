// One call's row: which way it goes, who and to whom, its state and who started the recording, its times, and the
// toggle that says what pressing it does (Record, Pause, Resume).
import { html } from 'lit-html';
import { guard } from 'lit-html/directives/guard.js';
import type { CallView } from '../../../preload/contract.ts';
import { announcementWords } from '../../../preload/display.ts';
import { icon, type IconName } from '../../icons.ts';
import { skipMenu } from './skip-menu.ts';

/** What the row shows beyond the call itself. */
export interface RowLook {
  /** The call ended while the list was held still: shown in place, without a toggle, until the list is let go. */
  ended: boolean;
  /** A toggle request of this window is running for the call. */
  busy: boolean;
  /** Why the toggle is not offered: the PBX is not answering, so the calls are as last known. */
  unavailable?: string;
  times: string;
  /** Announcements are on and may be skipped: a call not being recorded offers "Record without announcement". */
  canSkip: boolean;
}

const DIRECTIONS: Record<CallView['direction'], { icon: IconName; words: string }> = {
  in: { icon: 'incoming', words: 'Incoming call' },
  out: { icon: 'outgoing', words: 'Outgoing call' },
  internal: { icon: 'internal', words: 'Internal call' },
};
const CALL_STATES: Record<string, string> = { InCall: 'In call', Hold: 'On hold', Ringing: 'Ringing' };
const RECORDING_STATES: Record<NonNullable<CallView['recording']>['status'], string> = {
  starting: 'Starting…',
  unconfirmed: 'Starting — no answer from the PBX yet',
  recording: 'Recording',
  paused: 'Paused',
};

/** The word on the toggle: what pressing it does. */
export function toggleWord(call: CallView): 'Record' | 'Pause' | 'Resume' {
  const status = call.recording?.status;
  return status === undefined ? 'Record' : status === 'paused' ? 'Resume' : 'Pause';
}

/**
 * The row's state in words: the recording's when there is one (and who started it), the call's otherwise. While a
 * recording is announced the line says how the announcement stands instead ("Announcing…", "Announced to the
 * caller", "Not announced: …"), after "Paused · " while paused. A call recorded while it still rings says so.
 */
export function stateWords(call: CallView, ended: boolean): string {
  if (ended) return 'Ended';
  const recording = call.recording;
  if (!recording) return CALL_STATES[call.state] ?? call.state;
  // Recorded before it is answered: the PBX records from the answer on, and the row still says the call rings.
  if (call.state === 'Ringing' && (recording.status === 'recording' || recording.status === 'paused'))
    return recording.status === 'paused' ? 'Ringing · paused' : 'Ringing · recording from the answer';
  const announcement = recording.announcement;
  if (announcement && (announcement.outcome === 'pending' || recording.status === 'recording')) return announcementWords(announcement);
  if (announcement && recording.status === 'paused') return `Paused · ${announcementWords(announcement)}`;
  const by = recording.status === 'recording' || recording.status === 'paused' ? (recording.startedBy === 'auto' ? ' · auto-record' : ' · by you') : '';
  return `${RECORDING_STATES[recording.status]}${by}`;
}

/**
 * Everything of a call that its row shows, but its times: rows whose looks did not change (a PBX update that only
 * moved a talk time the row's own clock already counts) are not rendered again.
 */
export function rowLooks(call: CallView): string {
  const { recording } = call;
  const announcement = recording?.announcement;
  return [
    call.callId,
    call.direction,
    call.callerId,
    call.source,
    call.destination,
    call.state,
    recording?.status,
    recording?.startedBy,
    announcement?.outcome,
    announcement?.party,
    announcement?.problem,
  ].join('\u0000');
}

/** What a row does when its buttons are pressed. */
export interface RowActions {
  toggle(call: CallView): void;
  recordWithoutAnnouncement(call: CallView): void;
}

/** Which way the call goes, and who calls whom (the toggle's description): the caller's name gives way first. */
function callParties(call: CallView, whoId: string) {
  const direction = DIRECTIONS[call.direction];
  const name = call.callerId && call.callerId !== call.source ? call.callerId : '';
  return html`<span class="call-direction" title=${direction.words}>${icon(direction.icon)}<span class="visually-hidden">${direction.words}</span></span>
    <span class="call-who" id=${whoId}>
      ${name ? html`<span class="call-name">${name}</span>` : ''}
      <span class="call-number">${call.source}</span>
      <span class="call-destination"><span aria-hidden="true">→</span> <span class="visually-hidden">to</span> ${call.destination}</span>
    </span>`;
}

/** The toggle (and its small menu), or why there is none. */
function callAction(call: CallView, look: RowLook, whoId: string, actions: RowActions) {
  if (look.ended) return html`<span class="call-unavailable">Call ended</span>`;
  if (look.unavailable)
    return html`<span class="call-unavailable" title=${look.unavailable}>Unavailable<span class="visually-hidden">: ${look.unavailable}</span></span>`;
  return html`<button
      type="button"
      class="call-toggle"
      data-status=${call.recording?.status ?? 'idle'}
      aria-describedby=${whoId}
      aria-busy=${look.busy || call.recording?.status === 'starting' ? 'true' : 'false'}
      @click=${() => actions.toggle(call)}
    >
      ${icon(call.recording?.status === 'recording' ? 'pause' : 'record')}${toggleWord(call)}
    </button>
    ${look.canSkip && !call.recording ? skipMenu(call, whoId, () => actions.recordWithoutAnnouncement(call)) : ''}`;
}

/**
 * One call's row. Its times change every second; the rest of it only when the call's looks do (rowLooks) or what
 * the row shows beyond the call: those parts are rendered again only then, so a second's tick (or an update about
 * other calls) changes one text in each row and renders nothing else.
 */
export function callRow(call: CallView, look: RowLook, actions: RowActions) {
  const whoId = `call-${call.callId}-who`;
  const looks = [rowLooks(call), look.ended, look.busy, look.unavailable, look.canSkip];
  // The state says "Ringing"; the ring time beside it says only how long ("Ringing for 00:12" to a screen reader).
  const ringing = call.state === 'Ringing' && !look.ended;
  return html`<li
    class="call-row ${look.canSkip ? 'call-row-skippable' : ''}"
    data-call-id=${call.callId}
    data-recording=${call.recording?.status ?? 'idle'}
    ?data-ended=${look.ended}
  >
    ${guard(looks, () => callParties(call, whoId))}
    <span class="call-status"
      >${guard(looks, () => html`<span class="call-state">${stateWords(call, look.ended)}</span>`)}
      <span class="call-times">${ringing ? html`<span class="visually-hidden">for </span>` : ''}${look.times}</span></span
    >
    <span class="call-action">${guard(looks, () => callAction(call, look, whoId, actions))}</span>
  </li>`;
}
