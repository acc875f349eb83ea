// The Calls view: the live calls, one row each, patched in place (lit-html, keyed by call id) so that focus, the
// pointer's row and the screen reader's place survive the updates; the outage banner with its actions; the filter,
// "Record my call", the keys (R, ↑ ↓) and what the live region says about recordings.
import { html, render } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { ref } from 'lit-html/directives/ref.js';
import { repeat } from 'lit-html/directives/repeat.js';
import type { CallView, StateView } from '../../preload/contract.ts';
import { announce } from '../announcer.ts';
import { recorder } from '../dom.ts';
import { icon } from '../icons.ts';
import { ListHold } from '../list-hold.ts';
import { newItemsChip } from '../new-items-chip.ts';
import { showToast } from '../toast.ts';
import type { View } from '../view.ts';
import { announcements, notSavedSentence, RecordingNames, savedSentence } from './calls/announcements.ts';
import { anchorClock, timesText, type RowClock } from './calls/clocks.ts';
import { matchesFilter } from './calls/filter.ts';
import { focusLost, focusPlace, nextFocus, type FocusPlace } from './calls/focus.ts';
import { arrangeRows, countText, type ShownRow } from './calls/order.ts';
import { lastUpdate, linkDown, unavailableReason } from './calls/outage.ts';
import { callRow, toggleWord } from './calls/row.ts';
import './calls.css';

/** From this many calls on, a filter box is offered. */
const FILTER_FROM = 9;
const STARTING = 'The recording is starting, one moment…';
const UNCONFIRMED = 'Starting — no answer from the PBX yet. The PBX may be recording; no second Record is sent for this call.';

/** What the frame lends the view: showing another view (Open settings in the outage banner), or landing on one of its settings. */
export interface CallsViewFrame {
  show(view: 'settings', setting?: 'keepDays'): void;
}

/** The call "Record my call" acts on: mine, in a call before on hold before any other (as main chooses). */
function myCall(calls: readonly CallView[]): CallView | undefined {
  const mine = calls.filter((call) => call.mine);
  return mine.find((call) => call.state === 'InCall') ?? mine.find((call) => call.state === 'Hold') ?? mine[0];
}

export class CallsView implements View {
  readonly element = document.createElement('section');
  private state: StateView | undefined;
  private rows: ShownRow[] = [];
  /**
   * Calls new since the list was held: shown after the others, and offered by a chip that puts them in their place
   * (a ringing call at the top) when pressed; the list being let go does it too.
   */
  private waiting: CallView[] = [];
  /** Each row's timers, re-anchored when its call changes. */
  private readonly clocks = new Map<string, { call: CallView; clock: RowClock }>();
  /** Calls whose toggle request of this window is running ('mine': Record my call). */
  private readonly busy = new Set<string>();
  /** The pointer or the focus in the list holds its order; when it leaves, the list is sorted again and calls that ended go. */
  private readonly hold = new ListHold(() => this.draw());
  /** An update is being rendered: the focus leaving an element it removes is put back by the update itself. */
  private rendering = false;
  private filter = '';
  /** Ctrl+F or / asked for the filter with fewer calls than it is offered for: shown until left empty. */
  private filterAsked = false;
  private tryingNow = false;
  /** Closes the toast of a Try now the PBX did not answer: it goes as soon as the PBX answers again. */
  private closeNoAnswer: (() => void) | undefined;
  private confirmingRetention = false;
  /** Who each recording is of, for main's word that it was saved or not. */
  private readonly names = new RecordingNames();
  private filterBox: HTMLInputElement | undefined;
  private list: HTMLUListElement | undefined;
  private heading: HTMLElement | undefined;

  constructor(private readonly frame: CallsViewFrame) {
    setInterval(() => this.draw(), 1000); // the timers tick, and the outage's "12 s ago" grows
    recorder().on('recordingSaved', ({ id }) => announce(savedSentence(this.names.take(id))));
    // Shown as well as said: the recording will not appear among the saved ones, and this says why.
    recorder().on('recordingNotSaved', ({ id, message }) => showToast({ text: notSavedSentence(this.names.take(id), message) }));
  }

  shown(): void {
    // nothing to load: the calls come with the state
  }

  mayLeave(): Promise<boolean> {
    return Promise.resolve(true);
  }

  focusSearch(): boolean {
    if (!this.filterBox && this.state) {
      this.filterAsked = true;
      this.draw();
    }
    if (!this.filterBox) return false;
    this.filterBox.focus();
    this.filterBox.select();
    return true;
  }

  handleKey(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey || !this.list) return false;
    const focused = document.activeElement;
    const row = focused instanceof HTMLElement && this.list.contains(focused) ? focused.closest<HTMLElement>('.call-row') : null;
    if (!row) return false;
    if (event.key === 'r' || event.key === 'R') {
      const callId = row.dataset['callId'];
      if (callId && !row.hasAttribute('data-ended')) void this.toggle(callId);
      return true;
    }
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return false;
    const rows = [...this.list.querySelectorAll<HTMLElement>('.call-row')];
    const next = rows[rows.indexOf(row) + step];
    if (next) (next.querySelector<HTMLElement>('.call-toggle') ?? next).focus();
    return true;
  }

  update(state: StateView): void {
    this.names.see(state);
    const said = announcements(this.state, state);
    if (said.length) announce(said.join(' '));
    this.state = state;
    if (!linkDown(state.link)) this.noAnswerResolved();
    this.draw();
  }

  private noAnswerResolved(): void {
    this.closeNoAnswer?.();
    this.closeNoAnswer = undefined;
  }

  /** The row's timers at this moment; none while the PBX is not answering (the rows stand still). */
  private clockOf(call: CallView, now: number, stale: boolean): RowClock | undefined {
    if (stale) return undefined;
    const known = this.clocks.get(call.callId);
    if (known?.call === call) return known.clock;
    const clock = anchorClock(known?.clock, call, now);
    this.clocks.set(call.callId, { call, clock });
    return clock;
  }

  private async toggle(callId: string): Promise<void> {
    const call = this.state?.calls.find((c) => c.callId === callId);
    if (!call || this.busy.has(callId) || (this.state && linkDown(this.state.link))) return;
    const status = call.recording?.status;
    if (status === 'starting' || status === 'unconfirmed') {
      showToast({ text: status === 'starting' ? STARTING : UNCONFIRMED });
      return;
    }
    await this.whileBusy(callId, () => recorder().toggle(callId));
  }

  /** "Record without announcement" from the row's menu: only for a call not being recorded (main checks it again). */
  private async recordWithoutAnnouncement(callId: string): Promise<void> {
    const call = this.state?.calls.find((c) => c.callId === callId);
    if (!call || call.recording || this.busy.has(callId) || (this.state && linkDown(this.state.link))) return;
    await this.whileBusy(callId, () => recorder().recordWithoutAnnouncement(callId));
  }

  /** Confirm in the retention banner: the first sweep runs now; what it did is said in a toast. */
  private async confirmRetention(): Promise<void> {
    this.confirmingRetention = true;
    this.draw();
    try {
      const result = await recorder().confirmRetention();
      showToast({ text: result.message });
    } finally {
      this.confirmingRetention = false;
      this.draw();
    }
  }

  private async whileBusy(key: string, request: () => Promise<{ ok: true } | { ok: false; message: string }>): Promise<void> {
    this.busy.add(key);
    this.draw();
    try {
      const result = await request();
      if (!result.ok) showToast({ text: result.message }); // over the list: no row moves
    } finally {
      this.busy.delete(key);
      this.draw();
    }
  }

  private async tryNow(): Promise<void> {
    this.tryingNow = true;
    this.draw();
    try {
      const result = await recorder().pollNow();
      if (result.ok) {
        this.noAnswerResolved();
        showToast({ text: 'The PBX answered.' });
      } else {
        this.closeNoAnswer?.();
        this.closeNoAnswer = showToast({ text: `Still no answer: ${result.message}` });
      }
    } finally {
      this.tryingNow = false;
      this.draw();
    }
  }

  /** @param showAll the rows are arranged again even while the list is held (the chip's Show was pressed). */
  private draw(showAll = false): void {
    const state = this.state;
    if (!state) return;
    const now = Date.now();
    const stale = linkDown(state.link);
    // A held list keeps its rows' places and the new calls' too (after the others): their ids are its rows'.
    const { rows, waiting } = arrangeRows(
      this.rows.filter((row) => !this.waiting.some((call) => call.callId === row.call.callId)),
      state.calls,
      this.hold.held && !showAll,
    );
    this.rows = rows;
    this.waiting = waiting;
    const liveIds = new Set(state.calls.map((call) => call.callId));
    for (const id of this.clocks.keys()) if (!liveIds.has(id)) this.clocks.delete(id);
    const offerFilter = state.calls.length >= FILTER_FROM || this.filter !== '' || this.filterAsked;
    const shown = offerFilter && this.filter ? this.rows.filter((row) => matchesFilter(row.call, this.filter)) : this.rows;
    const unavailable = stale ? unavailableReason(state.link) : undefined;
    const canSkip = state.announce.mode !== 'off' && state.announce.canSkip;
    const actions = {
      toggle: (call: CallView) => void this.toggle(call.callId),
      recordWithoutAnnouncement: (call: CallView) => void this.recordWithoutAnnouncement(call.callId),
    };
    const focus = focusPlace(this.element, this.list);
    this.rendering = true;
    try {
      render(
        html`${this.banners(state, now)}
          <div class="calls-head">
            <h2 id="calls-heading" tabindex="-1" ${ref((node) => (this.heading = node as HTMLElement | undefined))}>
              ${stale ? 'Last known calls' : 'Live calls'}
              <span class="calls-count">${offerFilter && this.filter ? `${shown.length} of ${this.rows.length}` : countText(this.rows)}</span>
            </h2>
            ${
              offerFilter
                ? html`<input
                    type="search"
                    class="calls-filter"
                    placeholder="Filter by name or number"
                    aria-label="Filter calls"
                    .value=${live(this.filter)}
                    ${ref((node) => (this.filterBox = node as HTMLInputElement | undefined))}
                    @input=${(event: Event) => {
                      this.filter = (event.target as HTMLInputElement).value;
                      this.draw();
                    }}
                    @blur=${() => {
                      // Asked for and left empty: it goes again (with few calls there is nothing to filter).
                      if (this.filterAsked && !this.filter) {
                        this.filterAsked = false;
                        this.draw();
                      }
                    }}
                  />`
                : ''
            }
            ${state.myExtension && !stale ? this.mineButton(state) : ''}
          </div>
          ${newItemsChip(this.waiting.length, ['new call', 'new calls'], () => this.showWaiting())}
          <ul
            class="calls ${stale ? 'stale' : ''}"
            aria-labelledby="calls-heading"
            ${ref((node) => (this.list = node as HTMLUListElement | undefined))}
            @pointerenter=${this.hold.pointerEnter}
            @pointerleave=${this.hold.pointerLeave}
            @focusin=${this.hold.focusIn}
            @focusout=${(event: FocusEvent) => {
              if (!this.rendering) this.hold.focusOut(event);
            }}
          >
            ${repeat(
              shown,
              (row) => row.call.callId,
              (row) => {
                const busy = this.busy.has(row.call.callId);
                const times = timesText(row.call, row.ended ? undefined : this.clockOf(row.call, now, stale), now, row.ended);
                return callRow(row.call, { ended: row.ended, busy, times, canSkip, ...(unavailable ? { unavailable } : {}) }, actions);
              },
            )}
          </ul>
          ${this.emptyText(state, stale, shown.length)}
          ${
            // Not while the calls cannot be recorded: the toggles say why instead.
            stale
              ? ''
              : html`<p class="note calls-note">
                  Record starts the PBX recording; press again to pause and to resume. The PBX records until the call ends; paused parts are removed from the
                  saved file.
                </p>`
          }`,
        this.element,
      );
    } finally {
      this.rendering = false;
    }
    if (focusLost(focus)) this.regainFocus(focus);
  }

  /** The chip's Show: the new calls take their places, and the focus goes to the first of them. */
  private showWaiting(): void {
    const first = this.waiting[0]?.callId;
    this.draw(true);
    const row = first ? this.list?.querySelector<HTMLElement>(`.call-row[data-call-id="${CSS.escape(first)}"]`) : null;
    (row?.querySelector<HTMLElement>('.call-toggle') ?? this.heading)?.focus();
  }

  /**
   * What had the focus went with this update (a call that ended, a banner's button): the focus goes to the next
   * call's toggle, else the previous one's (or the first call's, from outside the list), else to the list's heading.
   */
  private regainFocus(place: FocusPlace): void {
    const toggle = nextFocus(place, this.list);
    if (toggle) {
      toggle.focus();
      return;
    }
    this.heading?.focus();
    this.hold.recheck(); // calls that ended while it was held leave the list
  }

  private emptyText(state: StateView, stale: boolean, shown: number) {
    if (shown > 0) return '';
    if (state.calls.length > 0) return html`<p class="empty">No call matches “${this.filter}”.</p>`;
    if (stale) return html`<p class="empty">No calls were known when the PBX stopped answering.</p>`;
    if (state.link.status === 'connecting') return html`<p class="empty">Waiting for the PBX's first answer…</p>`;
    return html`<p class="empty">No calls right now. Calls appear here as soon as the PBX has them.</p>`;
  }

  private mineButton(state: StateView) {
    const call = myCall(state.calls);
    const word = call ? toggleWord(call) : 'Record';
    return html`<button
      type="button"
      class="primary calls-mine"
      aria-busy=${this.busy.has('mine') ? 'true' : 'false'}
      title=${`Extension ${state.myExtension}`}
      @click=${() => !this.busy.has('mine') && void this.whileBusy('mine', () => recorder().toggleMine())}
    >
      ${icon(word === 'Pause' ? 'pause' : 'record')}${word} my call
    </button>`;
  }

  /** The first retention sweep waits: what it would move, Review… (in Settings, with the list) or Confirm. */
  private retentionBanner(retention: NonNullable<StateView['retention']>) {
    return html`<div class="banner warn calls-banner calls-retention">
      ${icon('trash')}
      <span class="banner-text" id="calls-retention-text">${retention.message}</span>
      <button type="button" aria-describedby="calls-retention-text" @click=${() => this.frame.show('settings', 'keepDays')}>Review…</button>
      <button
        type="button"
        aria-describedby="calls-retention-text"
        aria-busy=${this.confirmingRetention ? 'true' : 'false'}
        @click=${() => !this.confirmingRetention && void this.confirmRetention()}
      >
        ${icon('check')}Confirm
      </button>
    </div>`;
  }

  /**
   * What is wrong above the list: the PBX not answering (with its actions), the listener, the demo PBX, recordings
   * kept on this computer while the folder is away, the first retention sweep waiting, the cap, auto-record problems.
   */
  private banners(state: StateView, now: number) {
    const { link } = state;
    const problems = state.calls.filter((call) => call.autoRecordProblem);
    return html`${
      linkDown(link)
        ? html`<div class="banner danger calls-banner calls-outage">
            ${icon('offline')}
            <span class="banner-text"><span role="status">${link.message}</span> ${lastUpdate(link, now)}</span>
            ${
              link.status === 'paused'
                ? ''
                : html`<button type="button" aria-busy=${this.tryingNow ? 'true' : 'false'} @click=${() => !this.tryingNow && void this.tryNow()}>
                    ${icon('retry')}Try now
                  </button>`
            }
            <button type="button" @click=${() => this.frame.show('settings')}>${icon('settings')}Open settings</button>
          </div>`
        : html`<p class="note calls-link" role="status">${state.usingDemoPbx ? `Demo PBX in use (no PBX configured). ${link.message}` : link.message}</p>`
    }
    ${
      state.listener.error
        ? html`<div class="banner warn"><span class="banner-text">The listener for finished recordings is not running: ${state.listener.error}</span></div>`
        : ''
    }
    ${
      state.localQueue
        ? html`<div class="banner warn calls-banner calls-local-queue">
            ${icon('folder')}
            <span class="banner-text" role="status">${state.localQueue.message}</span>
          </div>`
        : ''
    }
    ${state.retention ? this.retentionBanner(state.retention) : ''}
    ${
      state.callsCapped
        ? html`<div class="banner warn">
            <span class="banner-text"
              >The PBX reports ${state.callsCapped.total} live calls; only the first ${state.callsCapped.shown} are shown and can be recorded.</span
            >
          </div>`
        : ''
    }
    ${
      problems.length
        ? html`<div class="banner warn calls-banner calls-auto-problems">
            ${icon('alert')}
            <ul class="banner-text">
              ${problems.map((call) => html`<li>${call.source} → ${call.destination}: ${call.autoRecordProblem}</li>`)}
            </ul>
          </div>`
        : ''
    }`;
  }
}
