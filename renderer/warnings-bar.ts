// The recorder's warnings (StateView.warnings: a data folder that could not be made private, damaged journal lines
// set aside, a refused notification…) as one calm banner under the header, each said once: the kinds a view shows
// already are left out, and the same words given again are one line whose Details say each time; the newest in
// full, the earlier ones folded, each with its technical detail behind "Details", and Dismiss. Dismissed warnings stay hidden until
// the warnings change; that is remembered for this window session only, so a new window shows them again.
import { html, nothing, type TemplateResult } from 'lit-html';
import type { WarningView } from '../preload/contract.ts';
import { formatClockTime } from '../preload/display.ts';
import { technicalDetails } from './details.ts';
import { icon } from './icons.ts';

/**
 * The kinds a view already shows, where the user looks for them: an auto-record failure on its call's row, the
 * listener that could not start and the first retention sweep waiting in the Calls view's banners (the sweep in
 * Settings too). The banner would only say them twice.
 */
const SHOWN_BY_A_VIEW: ReadonlySet<WarningView['kind']> = new Set(['auto-record-failed', 'listener-not-started', 'retention-waiting']);

/** One warning as the banner says it: its words once, and each time it was given, newest first. */
interface ShownWarning {
  message: string;
  times: readonly { at: number; detail?: string | undefined }[];
}

export class WarningsBar {
  /** Newest first. */
  private shown: readonly ShownWarning[] = [];
  private shownKey = '[]';
  /** The warnings as they were when dismissed (one key for the whole list). */
  private dismissed: string | undefined;

  /** Takes the state's warnings (oldest first, as main keeps them); true when what the bar shows changed. */
  update(warnings: readonly WarningView[]): boolean {
    const next = said(warnings);
    const key = JSON.stringify(next);
    if (key === this.shownKey) return false;
    this.shown = next;
    this.shownKey = key;
    return true;
  }

  /** Hides the warnings shown now, until they change. */
  dismiss(): void {
    this.dismissed = this.shownKey;
  }

  /** The banner, or nothing while there is no warning to show or these were dismissed. */
  template(onDismiss: () => void): TemplateResult | typeof nothing {
    const [newest, ...earlier] = this.shown;
    if (newest === undefined || this.dismissed === this.shownKey) return nothing;
    return html`<div class="banner warn warnings" role="status" aria-label="Warnings">
      ${icon('alert')}
      <div class="banner-text">
        <p><strong>Tell your administrator:</strong> ${newest.message}</p>
        ${details(newest)}
        ${
          earlier.length > 0
            ? html`<details class="earlier">
                <summary>${earlier.length === 1 ? '1 earlier warning' : `${earlier.length} earlier warnings`}</summary>
                <ul>
                  ${earlier.map(
                    (warning) =>
                      html`<li>
                        <p>${warning.message}</p>
                        ${details(warning)}
                      </li>`,
                  )}
                </ul>
              </details>`
            : nothing
        }
      </div>
      <button type="button" class="quiet" @click=${onDismiss}>Dismiss</button>
    </div>`;
  }
}

/** What the banner says, newest first: the kinds no view shows, the same words given again merged into the newest. */
function said(warnings: readonly WarningView[]): ShownWarning[] {
  const byWords = new Map<string, { message: string; times: { at: number; detail?: string | undefined }[] }>();
  for (const warning of [...warnings].reverse()) {
    if (SHOWN_BY_A_VIEW.has(warning.kind)) continue;
    const key = `${warning.kind}\n${warning.message}`;
    const entry = byWords.get(key) ?? { message: warning.message, times: [] };
    entry.times.push({ at: warning.at, detail: warning.detail });
    byWords.set(key, entry);
  }
  return [...byWords.values()];
}

/** The technical detail of each time it was given, with its time when it was given more than once. */
function details(warning: ShownWarning) {
  const many = warning.times.length > 1;
  const lines = warning.times.flatMap(({ at, detail }) => (detail === undefined ? [] : [many ? `${formatClockTime(new Date(at))} ${detail}` : detail]));
  return technicalDetails(lines);
}
