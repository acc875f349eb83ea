// Export to one ZIP: the selected recordings, or every recording of a range of days and, if given, of one number.
// What would be exported is said as the choice is made (exportSummary); main asks where to save (a save dialog in
// the app, the preview's exports folder) and says how far the ZIP is written (exportProgress).
import { html, nothing, render } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { ExportProgressView, ExportSelectionView, ExportSummaryView } from '../../../preload/contract.ts';
import { announce } from '../../announcer.ts';
import { recorder } from '../../dom.ts';
import { icon } from '../../icons.ts';
import { showToast } from '../../toast.ts';

/** The range and number the dialog opens with (the view's current filter). */
export interface ExportRange {
  from: string;
  to: string;
  number: string;
}

export class ExportDialog {
  readonly element = document.createElement('dialog');
  /** The selected recordings to export; undefined: the range and number typed. */
  private paths: string[] | undefined;
  private range: ExportRange = { from: '', to: '', number: '' };
  private summary: ExportSummaryView | undefined;
  /** Answers to an older summary question are dropped. */
  private asked = 0;
  private progress: ExportProgressView | undefined;
  private writing = false;
  private problem = '';

  constructor() {
    this.element.className = 'export-dialog';
    this.element.setAttribute('aria-labelledby', 'export-title');
    this.element.addEventListener('close', () => {
      this.problem = '';
    });
    recorder().on('exportProgress', (progress) => {
      if (!this.writing) return;
      this.progress = progress;
      this.draw();
    });
  }

  /** Opens on the selected recordings (`paths`), or on a range and number to edit. */
  open(what: { paths: string[] } | { range: ExportRange }): void {
    this.paths = 'paths' in what ? what.paths : undefined;
    if ('range' in what) this.range = what.range;
    this.summary = undefined;
    this.progress = undefined;
    this.problem = '';
    this.draw();
    if (!this.element.open) this.element.showModal();
    void this.summarize();
  }

  private selection(): ExportSelectionView {
    if (this.paths) return { kind: 'recordings', relativePaths: this.paths };
    const { from, to, number } = this.range;
    return { kind: 'filter', ...(from ? { from } : {}), ...(to ? { to } : {}), ...(number.trim() ? { number: number.trim() } : {}) };
  }

  private async summarize(): Promise<void> {
    const asked = ++this.asked;
    const summary = await recorder().exportSummary(this.selection());
    if (asked !== this.asked) return;
    this.summary = summary;
    this.draw();
  }

  private change(change: Partial<ExportRange>): void {
    this.range = { ...this.range, ...change };
    this.problem = '';
    this.draw();
    void this.summarize();
  }

  private async export(): Promise<void> {
    if (this.writing || !this.summary?.ok) return;
    this.writing = true;
    this.problem = '';
    this.progress = undefined;
    this.draw();
    const result = await recorder().exportRecordings(this.selection());
    this.writing = false;
    this.progress = undefined;
    if (result.ok) {
      this.element.close();
      showToast({ text: result.message });
    } else if (!result.cancelled) {
      this.problem = result.message;
      announce(result.message);
    }
    this.draw();
  }

  private draw(): void {
    const summary = this.summary;
    const percent = this.progress && this.progress.totalBytes > 0 ? Math.floor((this.progress.doneBytes / this.progress.totalBytes) * 100) : 0;
    const field = (key: keyof ExportRange, label: string, type: string) =>
      html`<label class="field"
        ><span>${label}</span
        ><input
          type=${type}
          name=${key}
          inputmode=${key === 'number' ? 'tel' : nothing}
          placeholder=${key === 'number' ? 'Any number' : nothing}
          .value=${live(this.range[key])}
          ?disabled=${this.writing}
          @input=${(event: Event) => this.change({ [key]: (event.target as HTMLInputElement).value })}
      /></label>`;
    render(
      html`<h2 id="export-title">${this.paths ? 'Export the selected recordings' : 'Export recordings'}</h2>
        ${
          this.paths
            ? nothing
            : html`<p class="hint">Every recording of these days (both included) and, if given, of one number, as caller or callee.</p>
                <div class="export-fields">${field('from', 'From', 'date')} ${field('to', 'To', 'date')} ${field('number', 'Number', 'text')}</div>`
        }
        <p class="export-summary" role="status">
          ${summary ? (summary.ok ? `One ZIP of ${summary.message}: the audio, their descriptions and an index.` : summary.message) : 'Counting…'}
        </p>
        ${this.writing ? html`<progress max="100" .value=${percent} aria-label="Export written"></progress>` : nothing}
        ${this.problem ? html`<p class="error" role="alert">${icon('alert')}<span>${this.problem}</span></p>` : nothing}
        <div class="dialog-buttons">
          <button type="button" @click=${() => this.element.close()}>${this.writing ? 'Close' : 'Cancel'}</button>
          <button type="button" class="primary" ?disabled=${!summary?.ok} aria-busy=${this.writing ? 'true' : 'false'} @click=${() => void this.export()}>
            ${icon('download')}<span>${this.writing ? 'Exporting…' : 'Export…'}</span>
          </button>
        </div>`,
      this.element,
    );
  }
}
