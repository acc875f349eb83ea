// The recorder's warnings (StateView.warnings: a data folder that could not be made private, damaged journal lines
// set aside, a listener that could not start, a refused notification…) as one calm banner under the header: the
// newest in full, the earlier ones folded, and Dismiss. Dismissed warnings stay hidden until the warnings change;
// that is remembered for this window session only, so a new window shows them again.
import { html, nothing, type TemplateResult } from 'lit-html';
import { icon } from './icons.ts';

export class WarningsBar {
  /** Newest first. */
  private shown: readonly string[] = [];
  /** The warnings as they were when dismissed (one key for the whole list). */
  private dismissed: string | undefined;

  /** Takes the state's warnings (oldest first, as main keeps them); true when what the bar shows changed. */
  update(warnings: readonly string[]): boolean {
    const next = [...warnings].reverse();
    if (next.length === this.shown.length && next.every((warning, i) => warning === this.shown[i])) return false;
    this.shown = next;
    return true;
  }

  /** Hides the warnings shown now, until they change. */
  dismiss(): void {
    this.dismissed = JSON.stringify(this.shown);
  }

  /** The banner, or nothing while there is no warning or these were dismissed. */
  template(onDismiss: () => void): TemplateResult | typeof nothing {
    const [newest, ...earlier] = this.shown;
    if (newest === undefined || this.dismissed === JSON.stringify(this.shown)) return nothing;
    return html`<div class="banner warn warnings" role="status" aria-label="Warnings">
      ${icon('alert')}
      <div class="banner-text">
        <p><strong>Tell your administrator:</strong> ${newest}</p>
        ${
          earlier.length > 0
            ? html`<details>
                <summary>${earlier.length === 1 ? '1 earlier warning' : `${earlier.length} earlier warnings`}</summary>
                <ul>
                  ${earlier.map((warning) => html`<li>${warning}</li>`)}
                </ul>
              </details>`
            : nothing
        }
      </div>
      <button type="button" class="quiet" @click=${onDismiss}>Dismiss</button>
    </div>`;
  }
}
