// The Recordings view: the player, the recordings on their way, and the saved ones — searched and filtered on an
// in-memory index, grouped by day with the pinned first, one tab stop per row, several selected at once.
import { html, nothing, render } from 'lit-html';
import { guard } from 'lit-html/directives/guard.js';
import { live } from 'lit-html/directives/live.js';
import { ref } from 'lit-html/directives/ref.js';
import { repeat } from 'lit-html/directives/repeat.js';
import type { InFlightView, LibraryCallView, SavedRecording, StateView } from '../../preload/contract.ts';
import { announce } from '../announcer.ts';
import { recorder } from '../dom.ts';
import { icon } from '../icons.ts';
import { ListHold } from '../list-hold.ts';
import { showToast } from '../toast.ts';
import type { View } from '../view.ts';
import { dayHeading, periodDays, shortDay, type Period } from './recordings/days.ts';
import { EraseDialog } from './recordings/erase-dialog.ts';
import { ExportDialog } from './recordings/export-dialog.ts';
import { inFlightSection } from './recordings/in-flight.ts';
import { Player, SKIP_SECONDS } from './recordings/player.ts';
import { recordingRow, type RowAction, type RowHandlers, type RowState } from './recordings/rows.ts';
import { applyFilters, indexRecording, NO_FILTERS, SEARCH_DEBOUNCE_MS, type Filters, type IndexedRecording } from './recordings/search-index.ts';
import { recordingTitle } from './recordings/titles.ts';
import './recordings.css';

type SidecarChange = Partial<Pick<SavedRecording['sidecar'], 'note' | 'pinned'>>;

/**
 * Rows drawn at first and added each time the list is scrolled near its end (or "Show more" is pressed, or ↓ goes
 * past the last row): a search keystroke draws a screenful or two of rows, not the thousands it may match.
 */
const PAGE = 50;
/** How near (px) the end of the rows drawn may come into view before more are drawn. */
const GROW_MARGIN_PX = 600;

const PERIODS: readonly (readonly [Period, string])[] = [
  ['any', 'Any day'],
  ['today', 'Today'],
  ['yesterday', 'Yesterday'],
  ['week', 'This week'],
  ['range', 'Between dates…'],
];

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** A control that takes Space and the arrow keys itself. */
const ownsKeys = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.matches('button, select, summary, input, textarea, a[href], [role=menuitem]');

/** The number of a call that is not ours: the caller's, unless that is an extension (a short number) and the callee's is not. */
function otherParty(s: Pick<SavedRecording['sidecar'], 'from' | 'to'>): string {
  const digits = (n: string) => n.replace(/\D/g, '').length;
  return digits(s.from) < digits(s.to) && digits(s.from) <= 5 ? s.to : s.from;
}

export class RecordingsView implements View {
  readonly element = document.createElement('section');
  private readonly player = new Player(() => this.draw());
  private readonly inFlightRoot = document.createElement('div');
  private readonly savedRoot = document.createElement('div');
  private readonly exportDialog = new ExportDialog();
  private readonly eraseDialog = new EraseDialog(() => void this.erased());

  private index: IndexedRecording[] = [];
  private byPath = new Map<string, IndexedRecording>();
  /** The desks that saved the recordings listed, by name (the desk filter's choices). */
  private deskNames: string[] = [];
  private loaded = false;
  private loading: Promise<void> | undefined;
  private loadAgain = false;
  /** Listings asked of main so far. */
  private listings = 0;
  /**
   * Changes made here (a note, a pin) that a listing may not show yet: one asked before main wrote them would
   * undo them on the screen. Each stays applied until a listing asked after main confirmed it has come in.
   */
  private readonly unconfirmed = new Map<string, { change: SidecarChange; until: number }>();

  /**
   * While the user is at the list (the pointer over it, the focus in it, a note open), a recording saved in the
   * background is held back: it would land above and move the rows down under them. It is listed when they leave.
   */
  private readonly hold = new ListHold(
    () => this.listWithheld(),
    () => this.note !== undefined,
  );
  private readonly withheld = new Set<string>();
  /** Recordings brought back by Undo: the user's own doing, listed at once even while the list is held. */
  private readonly welcome = new Set<string>();

  private filters: Filters = NO_FILTERS;
  private typed = '';
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private results: IndexedRecording[] = [];
  private limit = PAGE;

  private readonly selected = new Set<string>();
  private anchor: string | undefined;
  /** The row that holds the list's one tab stop. */
  private active: string | undefined;
  private menuFor: string | undefined;
  private note: { path: string; draft: string } | undefined;
  private message = '';
  private inFlight: InFlightView[] = [];
  private inFlightJson = '';
  private lastInFlightFocus: string | undefined;

  constructor() {
    this.inFlightRoot.className = 'in-flight-root';
    this.savedRoot.className = 'saved-root';
    this.element.append(this.player.element, this.inFlightRoot, this.savedRoot, this.exportDialog.element, this.eraseDialog.element);
    // The player's height, for what sticks under it (the line of new recordings); set through CSSOM, which the
    // window's Content-Security-Policy allows where a style attribute is refused.
    new ResizeObserver(() => this.element.style.setProperty('--player-height', `${this.player.element.offsetHeight}px`)).observe(this.player.element);
    recorder().on('libraryChanged', () => void this.load());
    // A click outside an open menu closes it.
    document.addEventListener('pointerdown', (event) => {
      if (this.menuFor && !(event.target instanceof Element && event.target.closest('.menu, .cell-more'))) this.closeMenu(false);
    });
    this.draw();
  }

  shown(): void {
    if (!this.loaded) void this.load();
  }

  mayLeave(): Promise<boolean> {
    return Promise.resolve(true);
  }

  focusSearch(): boolean {
    this.savedRoot.querySelector<HTMLInputElement>('input[type=search]')?.focus();
    return true;
  }

  update(state: StateView): void {
    // Only the recordings on their way come with the state; an update that did not change them costs nothing here.
    const json = JSON.stringify(state.inFlight);
    if (json === this.inFlightJson) return;
    this.inFlightJson = json;
    this.inFlight = state.inFlight;
    this.drawInFlight();
  }

  // ---- the library and its index ----

  /**
   * The erase dialog moved recordings away: the list is read again. The dialog gave the focus back to what opened it,
   * a row's menu's row perhaps, which went with the recordings: then the focus goes to the search box, not the page.
   */
  private async erased(): Promise<void> {
    const hadFocus = this.element.contains(document.activeElement);
    await this.load();
    if (hadFocus && !this.element.contains(document.activeElement)) this.focusSearch();
  }

  /** Lists the library once and indexes it; a change while listing lists it once more after. */
  private load(): Promise<void> {
    if (this.loading) {
      this.loadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      // The flag is set by a libraryChanged that came while listing (the await lets it in).
      for (let again = true; again; again = this.loadAgain) {
        this.loadAgain = false;
        const listing = ++this.listings;
        this.take(await recorder().library(''), listing);
      }
    })().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** The library as main listed it: entries whose sidecar did not change keep their index entry. */
  private take(listed: LibraryCallView[], listing: number): void {
    for (const [path, { until }] of this.unconfirmed) if (listing >= until) this.unconfirmed.delete(path);
    const items = listed.map((item) => {
      const change = this.unconfirmed.get(item.relativePath)?.change;
      return change ? { ...item, sidecar: { ...item.sidecar, ...change } } : item;
    });
    const before = this.byPath;
    this.index = items.map((item) => {
      const known = before.get(item.relativePath);
      return known && JSON.stringify(known.item.sidecar) === JSON.stringify(item.sidecar) ? known : indexRecording(item);
    });
    this.byPath = new Map(this.index.map((entry) => [entry.item.relativePath, entry]));
    this.holdBack(before);
    this.deskNames = [...new Set(this.index.flatMap((entry) => entry.item.desks.map((desk) => desk.name)))].sort((a, b) => a.localeCompare(b));
    this.loaded = true;
    for (const path of this.selected) if (!this.byPath.has(path)) this.selected.delete(path);
    // The player may hold another desk's copy of a call, which is not a row of its own.
    const playing = this.player.relativePath;
    const copies = this.index.flatMap((entry) => entry.item.otherCopies);
    const inPlayer = playing ? (this.byPath.get(playing)?.item ?? copies.find((copy) => copy.relativePath === playing)) : undefined;
    if (playing && !inPlayer) this.player.close();
    else if (inPlayer) this.player.refresh(inPlayer);
    this.search();
  }

  /**
   * Recordings new in this listing wait while the list is held (not at the first listing: nothing is shown yet);
   * the line at the list's top offers them, and a screen reader hears of them once.
   */
  private holdBack(before: ReadonlyMap<string, IndexedRecording>): void {
    for (const path of this.withheld) if (!this.byPath.has(path)) this.withheld.delete(path);
    const waiting = this.withheld.size;
    if (this.loaded && this.hold.held) for (const path of this.byPath.keys()) if (!before.has(path) && !this.welcome.has(path)) this.withheld.add(path);
    for (const path of this.welcome) if (this.byPath.has(path)) this.welcome.delete(path);
    const n = this.withheld.size;
    if (n > waiting) announce(`${plural(n, 'new recording')} saved. Show, at the top of the list, adds ${n === 1 ? 'it' : 'them'}.`);
  }

  /** The list is let go: the recordings held back take their places. */
  private listWithheld(): void {
    if (this.withheld.size === 0) return;
    this.withheld.clear();
    this.search();
  }

  /**
   * Show, on the line of new recordings: they take their places now, and the focus stays on the row it was on (the
   * rows drawn grow by as many, so that row is still drawn).
   */
  private showWithheld(): void {
    const added = this.withheld.size;
    if (added === 0) return;
    this.withheld.clear();
    this.limit += added;
    this.search();
    if (this.active) this.focusRow(this.active);
    announce(`${plural(added, 'new recording')} listed.`);
  }

  /** One recording changed here (note, pin) before main says so: the row shows it at once. */
  private patch(path: string, change: SidecarChange): void {
    const entry = this.byPath.get(path);
    if (!entry) return;
    this.unconfirmed.set(path, { change: { ...this.unconfirmed.get(path)?.change, ...change }, until: Infinity });
    const next = indexRecording({ ...entry.item, sidecar: { ...entry.item.sidecar, ...change } });
    this.index = this.index.map((e) => (e === entry ? next : e));
    this.byPath.set(path, next);
    this.player.refresh(next.item);
    this.search();
  }

  /** Main wrote a change made here: the next listing shows it by itself. */
  private confirmed(path: string): void {
    const pending = this.unconfirmed.get(path);
    if (pending) pending.until = this.listings + 1;
    void this.load();
  }

  /** Runs the filters on the index and draws the result. */
  private search(): void {
    const now = new Date();
    const listed = this.withheld.size === 0 ? this.index : this.index.filter((entry) => !this.withheld.has(entry.item.relativePath));
    this.results = applyFilters(listed, this.filters, now, (day) => dayHeading(day, now));
    this.draw();
  }

  private setFilters(change: Partial<Filters>): void {
    this.filters = { ...this.filters, ...change };
    this.withheld.clear(); // the user lays the list out anew: everything takes its place

    this.limit = PAGE;
    this.search();
    announce(this.countText());
  }

  private typedSearch(text: string): void {
    this.typed = text;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.setFilters({ query: this.typed }), SEARCH_DEBOUNCE_MS);
  }

  /** What the list shows: "63 recordings", "3 recordings of 63", and while new ones wait "62 shown · 1 new". */
  private countText(): string {
    const f = this.filters;
    const filtered = f.query.trim() !== '' || f.pinned || f.withNote || f.period !== 'any' || f.desk !== '';
    const waiting = this.withheld.size;
    const listed = this.index.length - waiting;
    const news = waiting > 0 ? ` · ${waiting.toLocaleString()} new` : '';
    if (!filtered) return waiting > 0 ? `${listed.toLocaleString()} shown${news}` : plural(listed, 'recording');
    return this.results.length === 0 ? `No recording matches.${news}` : `${plural(this.results.length, 'recording')} of ${listed.toLocaleString()}${news}`;
  }

  // ---- drawing ----

  private drawInFlight(): void {
    const focused = this.inFlightRoot.contains(document.activeElement) ? document.activeElement?.closest<HTMLElement>('[data-id]')?.dataset['id'] : undefined;
    render(
      inFlightSection(this.inFlight, {
        retry: (r, button) => void this.retry(r, button),
        dismiss: (r) => void this.dismiss(r),
      }),
      this.inFlightRoot,
    );
    // A button that went away with the update (Retry once the save runs again): the focus stays on its row.
    const id = focused ?? this.lastInFlightFocus;
    if (id && document.activeElement === document.body) this.inFlightRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`)?.focus();
    this.lastInFlightFocus = undefined;
  }

  private async retry(r: InFlightView, button: HTMLElement): Promise<void> {
    button.setAttribute('aria-busy', 'true');
    this.lastInFlightFocus = r.id;
    const result = await recorder().retry(r.id);
    button.removeAttribute('aria-busy');
    announce(result.message);
    if (!result.ok) showToast({ text: result.message });
  }

  private async dismiss(r: InFlightView): Promise<void> {
    // The row goes: the focus moves to the next one on its way, or to the saved list's search.
    const rows = [...this.inFlightRoot.querySelectorAll<HTMLElement>('[data-id]')];
    const at = rows.findIndex((row) => row.dataset['id'] === r.id);
    const next = rows[at + 1] ?? rows[at - 1];
    const result = await recorder().dismiss(r.id);
    announce(result.message);
    if (next) next.focus();
    else this.focusSearch();
  }

  /** The rows drawn: the first `limit` results, the pinned as one group, then one group a day. */
  private groups(now: Date): { key: string; heading: string; entries: IndexedRecording[] }[] {
    const groups: { key: string; heading: string; entries: IndexedRecording[] }[] = [];
    for (const entry of this.results.slice(0, this.limit)) {
      const key = entry.item.sidecar.pinned ? 'pinned' : entry.day;
      let group = groups.at(-1);
      if (group?.key !== key) {
        group = { key, heading: key === 'pinned' ? 'Pinned' : dayHeading(entry.day, now), entries: [] };
        groups.push(group);
      }
      group.entries.push(entry);
    }
    return groups;
  }

  private draw(): void {
    const now = new Date();
    const groups = this.groups(now);
    const drawn = groups.flatMap((group) => group.entries);
    if (!drawn.some((entry) => entry.item.relativePath === this.active)) this.active = drawn[0]?.item.relativePath;
    const focusedRow = this.focusedRow();
    const handlers = this.rowHandlers();
    const f = this.filters;
    render(
      html`<section class="saved" aria-labelledby="saved-title">
        <div class="saved-head">
          <h2 id="saved-title">Saved</h2>
          <span class="count">${this.loaded ? this.countText() : 'Loading…'}</span>
          <span class="saved-actions">
            <button type="button" class="quiet" @click=${() => this.exportDialog.open({ range: this.filterRange() })}>
              ${icon('download')}<span>Export…</span>
            </button>
            <button type="button" class="quiet" @click=${() => this.eraseDialog.open()}>${icon('trash')}<span>Erase a number…</span></button>
          </span>
        </div>
        <div class="filters">
          <label class="search">
            ${icon('search')}
            <input
              type="search"
              aria-label="Search recordings"
              placeholder="Name, number, date or note"
              .value=${live(this.typed)}
              @input=${(event: Event) => this.typedSearch((event.target as HTMLInputElement).value)}
            />
          </label>
          <select aria-label="When" @change=${(event: Event) => this.setFilters({ period: (event.target as HTMLSelectElement).value as Period })}>
            ${PERIODS.map(([value, label]) => html`<option value=${value} ?selected=${f.period === value}>${label}</option>`)}
          </select>
          ${
            f.period === 'range'
              ? html`<span class="range">
                  <input
                    type="date"
                    aria-label="From"
                    .value=${live(f.range.from)}
                    @change=${(event: Event) => this.setFilters({ range: { ...f.range, from: (event.target as HTMLInputElement).value } })}
                  />
                  <span aria-hidden="true">–</span>
                  <input
                    type="date"
                    aria-label="To"
                    .value=${live(f.range.to)}
                    @change=${(event: Event) => this.setFilters({ range: { ...f.range, to: (event.target as HTMLInputElement).value } })}
                  />
                </span>`
              : nothing
          }
          ${
            this.deskNames.length > 1
              ? html`<select aria-label="Desk" @change=${(event: Event) => this.setFilters({ desk: (event.target as HTMLSelectElement).value })}>
                  <option value="" ?selected=${f.desk === ''}>Every desk</option>
                  ${this.deskNames.map((name) => html`<option value=${name} ?selected=${f.desk === name}>${name}</option>`)}
                </select>`
              : nothing
          }
          <button type="button" class="toggle" aria-pressed=${String(f.pinned)} @click=${() => this.setFilters({ pinned: !f.pinned })}>
            ${icon('pin')}<span>Pinned</span>
          </button>
          <button type="button" class="toggle" aria-pressed=${String(f.withNote)} @click=${() => this.setFilters({ withNote: !f.withNote })}>
            ${icon('note')}<span>With a note</span>
          </button>
        </div>
        <p class="note status" role="status">${this.message}</p>
        ${
          this.loaded && drawn.length === 0
            ? html`<p class="empty">
                ${this.index.length === 0 ? 'No recordings saved yet. Recorded calls appear here once they are saved.' : 'No recording matches.'}
              </p>`
            : nothing
        }
        <div
          class="days"
          @pointerenter=${this.hold.pointerEnter}
          @pointerleave=${this.hold.pointerLeave}
          @focusin=${this.hold.focusIn}
          @focusout=${this.hold.focusOut}
        >
          ${
            // Over the list's top edge (and under the player once the list is scrolled): it moves no row.
            this.withheld.size > 0
              ? html`<div class="held-news">
                  <button type="button" class="new-items-chip held-chip" @click=${() => this.showWithheld()}>
                    ${plural(this.withheld.size, 'new recording')} — <strong>Show</strong>
                  </button>
                </div>`
              : nothing
          }
          ${repeat(
            groups,
            (group) => group.key,
            (group) =>
              html`<section class="day" aria-labelledby=${`group-${group.key}`}>
                <h3 id=${`group-${group.key}`}>${group.key === 'pinned' ? icon('pin') : nothing}<span>${group.heading}</span></h3>
                <div class="rows" role="grid" aria-labelledby=${`group-${group.key}`} aria-multiselectable="true" @keydown=${this.onRowKey}>
                  ${repeat(
                    group.entries,
                    (entry) => entry.item.relativePath,
                    (entry) => {
                      const path = entry.item.relativePath;
                      const state: RowState = {
                        active: path === this.active,
                        selected: this.selected.has(path),
                        playing: this.player.relativePath === path && this.player.playing,
                        menuOpen: this.menuFor === path,
                        showDesks: this.deskNames.length > 1,
                        ...(this.note?.path === path ? { noteDraft: this.note.draft } : {}),
                        ...(group.key === 'pinned' ? { day: shortDay(entry.day, now) } : {}),
                      };
                      // A row that looks the same is not rendered again (its handlers call the view's methods: the
                      // first ones drawn serve as well as new ones).
                      return guard([entry, state.active, state.selected, state.playing, state.menuOpen, state.showDesks, state.noteDraft, state.day], () =>
                        recordingRow(entry, state, handlers),
                      );
                    },
                  )}
                </div>
              </section>`,
          )}
        </div>
        ${
          this.results.length > drawn.length
            ? html`<button type="button" class="more" ${ref(this.watchEnd)} @click=${() => this.showMore()} @blur=${this.watchEndAnew}>
                Show ${Math.min(PAGE, this.results.length - drawn.length).toLocaleString()} more (${(this.results.length - drawn.length).toLocaleString()} not
                shown)
              </button>`
            : nothing
        }
        ${this.selected.size > 1 ? this.selectionBar() : nothing}
      </section>`,
      this.savedRoot,
    );
    // A row moved by the update (pinned, say) lost the focus on the way: it gets it back.
    if (focusedRow && document.activeElement === document.body) this.rowElement(focusedRow)?.focus();
    // What held the list may have gone with this update (the row that had the focus, say), firing no event.
    if (this.withheld.size > 0) this.hold.recheck();
  }

  private selectionBar() {
    const paths = [...this.selected];
    const allPinned = paths.every((path) => this.byPath.get(path)?.item.sidecar.pinned);
    // After the list, held at the window's bottom edge while the list goes on below it: it moves no row when it
    // comes or goes, and the toasts rise above it.
    return html`<div class="selection-bar" role="toolbar" aria-label="Selected recordings" data-keep-clear>
      <span class="selection-count">${plural(paths.length, 'recording')} selected</span>
      <button type="button" @click=${() => void this.pin(paths, !allPinned)}>${icon('pin')}<span>${allPinned ? 'Unpin' : 'Pin'}</span></button>
      <button type="button" @click=${() => this.exportDialog.open({ paths })}>${icon('download')}<span>Export…</span></button>
      <button type="button" @click=${() => void this.remove(paths)}>${icon('trash')}<span>Delete</span></button>
      <button type="button" class="quiet" @click=${() => this.select([])}>${icon('close')}<span>Clear</span></button>
    </div>`;
  }

  /** The days the filter shows, for an export of "the current filter" (the dialog lets them be changed). */
  private filterRange(): { from: string; to: string; number: string } {
    const { first, last } = periodDays(this.filters.period, new Date(), this.filters.range);
    return { from: first ?? '', to: last ?? '', number: '' };
  }

  private showMore(): void {
    const first = this.results[this.limit]?.item.relativePath;
    this.limit += PAGE;
    this.draw();
    if (first) this.focusRow(first);
  }

  private endObserver: IntersectionObserver | undefined;

  /**
   * Watches "Show more" (the end of the rows drawn): when it comes within GROW_MARGIN_PX of the scroll area's view,
   * more rows are drawn, and it is watched anew (a button still in view after them gives no new notice otherwise).
   * Not while it has the focus: it came into view because Tab reached it, and Enter on it draws the next rows and
   * takes the focus to the first of them.
   */
  private readonly watchEnd = (button: Element | undefined): void => {
    this.endObserver?.disconnect();
    if (!button) return;
    this.endObserver ??= new IntersectionObserver(
      (entries) => {
        const near = entries.filter((entry) => entry.isIntersecting && entry.target !== document.activeElement);
        if (near.length === 0 || this.results.length <= this.limit) return;
        this.limit += PAGE;
        this.draw();
        for (const { target } of near) this.watchEndAnew({ currentTarget: target });
      },
      { root: button.closest('.views'), rootMargin: `${GROW_MARGIN_PX}px 0px` },
    );
    this.endObserver.observe(button);
  };

  /** A fresh look at "Show more": the observer reports at once whether it is near (after more rows, or its blur). */
  private readonly watchEndAnew = ({ currentTarget }: { currentTarget: EventTarget | null }): void => {
    if (!(currentTarget instanceof Element) || !this.endObserver) return;
    this.endObserver.unobserve(currentTarget);
    if (currentTarget.isConnected) this.endObserver.observe(currentTarget);
  };

  // ---- rows: focus, selection, keys ----

  private rowElement(path: string): HTMLElement | null {
    return this.savedRoot.querySelector<HTMLElement>(`[role=row][data-path="${CSS.escape(path)}"]`);
  }

  /** The row that has the focus, or holds the element that has it. */
  private focusedRow(): string | undefined {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !this.savedRoot.contains(active)) return undefined;
    return active.closest<HTMLElement>('[role=row]')?.dataset['path'];
  }

  private drawnPaths(): string[] {
    return this.results.slice(0, this.limit).map((entry) => entry.item.relativePath);
  }

  private focusRow(path: string): void {
    this.active = path;
    this.draw();
    this.rowElement(path)?.focus();
  }

  private select(paths: readonly string[]): void {
    this.selected.clear();
    for (const path of paths) this.selected.add(path);
    this.draw();
  }

  private rowHandlers(): RowHandlers {
    return {
      click: (event, path) => this.clickRow(event, path),
      play: (path) => void this.play(path),
      openMenu: (path) => this.openMenu(path),
      dragStart: (event, path) => void this.dragOut(event, path),
      act: (action, path) => void this.act(action, path),
      playCopy: (copy, path) => {
        this.closeMenu();
        void this.player.play(copy);
        this.active = path;
      },
      menuKey: (event, path) => this.menuKey(event, path),
      noteKey: (event, path) => this.noteKey(event, path),
      noteInput: (path, text) => {
        if (this.note?.path === path) this.note.draft = text;
      },
      noteDone: (path) => void this.saveNote(path),
    };
  }

  private clickRow(event: MouseEvent, path: string): void {
    const order = this.drawnPaths();
    if (event.shiftKey && this.anchor) {
      const [a, b] = [order.indexOf(this.anchor), order.indexOf(path)].sort((x, y) => x - y);
      this.select(order.slice(Math.max(0, a ?? 0), (b ?? 0) + 1));
    } else if (event.ctrlKey || event.metaKey) {
      if (this.selected.has(path)) this.selected.delete(path);
      else this.selected.add(path);
      this.anchor = path;
    } else {
      this.select([path]);
      this.anchor = path;
    }
    this.focusRow(path);
  }

  /** How many rows fit in the list's view below the player, at least one: how far Page Up and Page Down move. */
  private rowsInView(row: HTMLElement): number {
    const scroller = row.closest('.views');
    const height = (scroller?.clientHeight ?? window.innerHeight) - this.player.element.offsetHeight;
    return Math.max(1, Math.floor(height / Math.max(1, row.offsetHeight)) - 1);
  }

  /** Arrow keys, Page Up, Page Down, Home and End inside the list (the view's handleKey does the rest). */
  private readonly onRowKey = (event: KeyboardEvent): void => {
    const target = event.target instanceof HTMLElement && event.target.getAttribute('role') === 'row' ? event.target : undefined;
    const row = target?.dataset['path'];
    if (!target || !row) return;
    let order = this.drawnPaths();
    const at = order.indexOf(row);
    const page = event.key === 'PageDown' || event.key === 'PageUp' ? this.rowsInView(target) : 0;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: this.results.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    // ↓ (or Page Down) past the last row drawn draws the next ones; End goes to the last of the whole result, drawn
    // for it, and Shift+End selects to there. Drawing them all is for End only (a keystroke in the search draws the
    // first rows): the rows out of sight are made but not laid out (content-visibility: auto in recordings.css).
    if (to >= order.length && this.results.length > this.limit) {
      this.limit = Math.max(this.limit + PAGE, to + 1);
      order = this.drawnPaths();
    }
    const next = order[Math.min(Math.max(0, to), order.length - 1)];
    if (!next) return;
    if (event.shiftKey) {
      this.anchor ??= row;
      const [a, b] = [order.indexOf(this.anchor), order.indexOf(next)].sort((x, y) => x - y);
      this.select(order.slice(a, (b ?? 0) + 1));
    } else if (!event.ctrlKey) {
      this.select([next]);
      this.anchor = next;
    }
    this.focusRow(next);
  };

  handleKey(event: KeyboardEvent): boolean {
    const target = event.target;
    const row = target instanceof HTMLElement && target.getAttribute('role') === 'row' && this.savedRoot.contains(target) ? target.dataset['path'] : undefined;
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    // The player's keys work wherever the focus is in the player (its buttons, the seek bar: arrows there move
    // 5 s, not a tenth of one), except in the speed list, which keeps its own keys.
    const forPlayer = !ownsKeys(target) || (target instanceof HTMLElement && this.player.element.contains(target) && !target.matches('select'));
    if (event.key === ' ' && plain && forPlayer && this.player.relativePath) {
      void this.player.toggle();
      return true;
    }
    if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && plain && forPlayer && this.player.relativePath) {
      this.player.skip(event.key === 'ArrowLeft' ? -SKIP_SECONDS : SKIP_SECONDS);
      return true;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a' && !event.altKey) {
      this.select(this.results.map((entry) => entry.item.relativePath));
      announce(`${plural(this.selected.size, 'recording')} selected.`);
      return true;
    }
    if (event.key === 'Escape' && this.selected.size > 1) {
      this.select(row ? [row] : []);
      return true;
    }
    if (event.key === 'Delete' && plain && (row || this.selected.size > 1)) {
      void this.remove(this.selected.size > 1 || (row && this.selected.has(row)) ? [...this.selected] : row ? [row] : []);
      return true;
    }
    if (!row) return false;
    if (event.key === 'Enter' && plain) {
      void this.play(row);
      return true;
    }
    if ((event.key === 'ContextMenu' && plain) || (event.key === 'F10' && event.shiftKey)) {
      this.openMenu(row);
      return true;
    }
    if (event.key === ' ' && event.ctrlKey) {
      if (this.selected.has(row)) this.selected.delete(row);
      else this.selected.add(row);
      this.draw();
      return true;
    }
    if (!plain) return false;
    if (event.key.toLowerCase() === 'p') {
      void this.pin(this.selected.size > 1 && this.selected.has(row) ? [...this.selected] : [row]);
      return true;
    }
    if (event.key.toLowerCase() === 'n') {
      this.editNote(row);
      return true;
    }
    return false;
  }

  // ---- the menu ----

  private openMenu(path: string): void {
    this.menuFor = path;
    this.active = path;
    this.draw();
    this.rowElement(path)?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }

  private closeMenu(focusRow = true): void {
    const path = this.menuFor;
    this.menuFor = undefined;
    this.draw();
    if (path && focusRow) this.rowElement(path)?.focus();
  }

  private menuKey(event: KeyboardEvent, path: string): void {
    const items = [...(this.rowElement(path)?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (to !== undefined) items[(to + items.length) % items.length]?.focus();
    else if (event.key === 'Escape' || event.key === 'Tab') this.closeMenu(event.key === 'Escape');
    else return;
    // Handled here: the frame and the list do not see the key.
    if (event.key !== 'Tab') event.preventDefault();
    event.stopPropagation();
  }

  private async act(action: RowAction, path: string): Promise<void> {
    this.closeMenu(action !== 'note');
    const entry = this.byPath.get(path);
    if (!entry) return;
    switch (action) {
      case 'play':
        return this.play(path);
      case 'note':
        this.editNote(path);
        return;
      case 'pin':
        return this.pin([path]);
      case 'delete':
        return this.remove([path]);
      case 'saveCopy':
        return this.saveCopy(path);
      case 'showInFolder':
        return recorder().showInFolder(path);
      case 'copyPath':
        await recorder().copyPath(path);
        this.say('The path is copied.');
        return;
      case 'erase':
        this.eraseDialog.open(otherParty(entry.item.sidecar));
        return;
    }
  }

  // ---- actions ----

  private say(message: string): void {
    this.message = message;
    this.draw();
  }

  private async play(path: string): Promise<void> {
    const entry = this.byPath.get(path);
    if (!entry) return;
    if (this.player.relativePath === path) await this.player.toggle();
    else await this.player.play(entry.item);
  }

  private editNote(path: string): void {
    const entry = this.byPath.get(path);
    if (!entry) return;
    this.note = { path, draft: entry.item.sidecar.note };
    this.active = path;
    this.draw();
    this.rowElement(path)?.querySelector<HTMLInputElement>('.note-input')?.focus();
  }

  private noteKey(event: KeyboardEvent, path: string): void {
    if (event.key === 'Enter') void this.saveNote(path);
    else if (event.key === 'Escape') {
      this.note = undefined;
      this.focusRow(path);
    } else return;
    event.preventDefault();
    event.stopPropagation();
  }

  /** Saves the note being edited (Enter, or the field left) and gives the focus back to its row. */
  private async saveNote(path: string): Promise<void> {
    const note = this.note;
    if (note?.path !== path) return;
    this.note = undefined;
    const hadFocus = this.rowElement(path)?.contains(document.activeElement) ?? false;
    const text = note.draft.trim();
    const entry = this.byPath.get(path);
    if (!entry || text === entry.item.sidecar.note) {
      if (hadFocus) this.focusRow(path);
      else this.draw();
      return;
    }
    this.patch(path, { note: text });
    if (hadFocus) this.focusRow(path);
    await recorder().setNote(path, text);
    this.confirmed(path);
    announce(text ? 'Note saved.' : 'Note removed.');
  }

  private async pin(paths: readonly string[], pinned?: boolean): Promise<void> {
    const to = pinned ?? !this.byPath.get(paths[0] ?? '')?.item.sidecar.pinned;
    for (const path of paths) this.patch(path, { pinned: to });
    for (const path of paths) {
      await recorder().setPinned(path, to);
      this.confirmed(path);
    }
    announce(`${paths.length === 1 ? 'Recording' : plural(paths.length, 'recording')} ${to ? 'pinned' : 'unpinned'}.`);
  }

  /**
   * Deletes: main holds the recordings for the Undo time, then moves them to the trash (main/host/held-deletes.ts);
   * the rows go at once and the focus moves to the next row.
   */
  private async remove(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    const order = this.drawnPaths();
    const gone = new Set(paths);
    const after = order.slice(order.indexOf(paths[0] ?? '')).find((path) => !gone.has(path)) ?? [...order].reverse().find((path) => !gone.has(path));
    const first = this.byPath.get(paths[0] ?? '');
    const what = paths.length === 1 && first ? `The recording of ${recordingTitle(first.item.sidecar)} was` : `${plural(paths.length, 'recording')} were`;
    const result = await recorder().deleteRecordings([...paths]);
    if (!result.ok) {
      this.say(result.message);
      void this.load();
      return;
    }
    this.index = this.index.filter((entry) => !gone.has(entry.item.relativePath));
    this.byPath = new Map(this.index.map((entry) => [entry.item.relativePath, entry]));
    for (const path of paths) this.selected.delete(path);
    if (this.player.relativePath && gone.has(this.player.relativePath)) this.player.close();
    this.search();
    if (after) {
      this.select([after]);
      this.focusRow(after);
    } else this.focusSearch();
    showToast({
      text: `${what} moved to the trash.`,
      action: { label: 'Undo', run: () => void this.undo(result.undoId, paths) },
    });
  }

  private async undo(undoId: string, paths: readonly string[]): Promise<void> {
    for (const path of paths) this.welcome.add(path);
    const result = await recorder().undoDelete(undoId);
    if (result.ok) announce(result.message);
    else {
      for (const path of paths) this.welcome.delete(path);
      showToast({ text: result.message });
    }
    await this.load();
  }

  private async saveCopy(path: string): Promise<void> {
    const result = await recorder().saveCopy(path);
    if (result.outcome === 'download') {
      // The preview: the browser downloads it from the player's address (its cookie lets it in).
      const link = Object.assign(document.createElement('a'), { href: result.url, download: result.fileName });
      link.click();
      this.say(`Downloading ${result.fileName}.`);
    } else if (result.outcome === 'saved' || result.outcome === 'failed') this.say(result.message);
  }

  private async dragOut(event: DragEvent, path: string): Promise<void> {
    // Main drags the file itself (webContents.startDrag): the browser's own drag of the row would carry only text.
    event.preventDefault();
    const result = await recorder().startDrag(path);
    if (!result.ok) this.say(result.message);
  }
}
