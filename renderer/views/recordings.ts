import type { SavedRecording, StateView } from '../../preload/contract.ts';
import { formatDuration } from '../../preload/display.ts';
import { el, onClick, recorder } from '../dom.ts';
import type { View } from '../view.ts';
import './recordings.css';

/** Saved recordings (newest first, searchable, playable, with note, pin and delete) and those still on their way. */
export class RecordingsView implements View {
  readonly element: HTMLElement;
  private readonly search = el('input', { type: 'search', placeholder: 'Search by number, name, date or note', attrs: { 'aria-label': 'Search recordings' } });
  private readonly inFlight = el('ul', { className: 'in-flight', attrs: { 'aria-label': 'Recordings on their way' } });
  private readonly list = el('ul', { className: 'recordings', attrs: { 'aria-label': 'Saved recordings' } });
  private readonly status = el('p', { className: 'note', attrs: { role: 'status' } });
  private query = '';

  constructor() {
    this.search.addEventListener('input', () => {
      this.query = this.search.value;
      void this.refresh();
    });
    this.element = el(
      'section',
      {},
      el('h2', { textContent: 'On their way' }),
      this.inFlight,
      el('h2', { textContent: 'Saved' }),
      this.search,
      this.status,
      this.list,
    );
    recorder().on('libraryChanged', () => void this.refresh());
  }

  shown(): void {
    void this.refresh();
  }

  mayLeave(): Promise<boolean> {
    return Promise.resolve(true);
  }

  focusSearch(): boolean {
    this.search.focus();
    return true;
  }

  handleKey(): boolean {
    return false;
  }

  update(state: StateView): void {
    const items = state.inFlight.map((r) => {
      const progress = r.state === 'downloading' && r.totalBytes ? ` ${Math.round(((r.downloadedBytes ?? 0) / r.totalBytes) * 100)}%` : '';
      const text = r.failure ? r.failure.message : `${r.state}${progress}`;
      const li = el(
        'li',
        { className: `in-flight-item ${r.state}` },
        el('span', { textContent: `${r.callerName && r.callerName !== r.from ? `${r.callerName} ` : ''}${r.from} → ${r.to}` }),
        el('span', { className: 'reason', textContent: text }),
      );
      // Retry only where it can work (the PBX sent the file's address); Dismiss clears a failed or missed one.
      if (r.canRetry) {
        const retry = el('button', { type: 'button', textContent: 'Retry' });
        onClick(retry, async () => {
          this.status.textContent = (await recorder().retry(r.id)).message;
        });
        li.append(retry);
      }
      if (r.canDismiss) {
        const dismiss = el('button', { type: 'button', textContent: 'Dismiss', attrs: { 'aria-label': `Dismiss the recording of ${r.from} → ${r.to}` } });
        onClick(dismiss, async () => {
          this.status.textContent = (await recorder().dismiss(r.id)).message;
        });
        li.append(dismiss);
      }
      return li;
    });
    this.inFlight.replaceChildren(...(items.length ? items : [el('li', { className: 'empty', textContent: 'Nothing on its way.' })]));
  }

  private async refresh(): Promise<void> {
    const saved = await recorder().library(this.query);
    this.list.replaceChildren(
      ...(saved.length
        ? saved.map((item) => this.item(item))
        : [el('li', { className: 'empty', textContent: this.query ? 'No recording matches.' : 'No recordings saved yet.' })]),
    );
  }

  private item(item: SavedRecording): HTMLLIElement {
    const s = item.sidecar;
    const when = new Date(s.startTime);
    const title = `${s.callerName && s.callerName !== s.from ? `${s.callerName} ` : ''}${s.from} → ${s.to}`;
    const note = el('input', { type: 'text', value: s.note, placeholder: 'Note', attrs: { 'aria-label': `Note for ${title}` } });
    note.addEventListener('change', () => void recorder().setNote(item.relativePath, note.value));
    const play = el('button', { type: 'button', textContent: 'Play' });
    const li = el(
      'li',
      { className: `recording${s.pinned ? ' pinned' : ''}`, attrs: { role: 'listitem' } },
      el('span', { className: 'title', textContent: `${s.pinned ? '📌 ' : ''}${title}` }),
      el('span', { className: 'when', textContent: `${when.toLocaleString()} · ${formatDuration(s.durationSeconds)} · ${s.format.toUpperCase()}` }),
      note,
    );
    // a format the recorder cannot cut was saved whole: say so, with the format's name
    if (s.uncutFormat !== undefined)
      li.insertBefore(el('span', { className: 'uncut', textContent: `Paused parts could not be removed (format: ${s.uncutFormat}).` }), note);
    onClick(play, async () => {
      const audio = el('audio', { controls: true, src: await recorder().playbackUrl(item.relativePath) });
      play.replaceWith(audio);
      void audio.play().catch(() => undefined);
    });
    const button = (label: string, action: () => Promise<unknown>) => {
      const b = el('button', { type: 'button', textContent: label });
      onClick(b, action);
      return b;
    };
    li.append(
      el(
        'span',
        { className: 'actions' },
        play,
        button('Show in folder', () => recorder().showInFolder(item.relativePath)),
        button('Copy path', async () => {
          await recorder().copyPath(item.relativePath);
          this.status.textContent = 'Path copied.';
        }),
        button(s.pinned ? 'Unpin' : 'Pin', () =>
          recorder()
            .setPinned(item.relativePath, !s.pinned)
            .then(() => this.refresh()),
        ),
        button('Delete', async () => {
          if (!window.confirm(`Delete the recording of ${title}? This cannot be undone.`)) return;
          await recorder().deleteRecordings([item.relativePath]);
          await this.refresh();
        }),
      ),
    );
    return li;
  }
}
