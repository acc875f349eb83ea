// The technical detail behind a sentence in plain words: a "Details" disclosure, closed at first, for whoever fixes
// the problem (a path, a code, an address). The Recordings view's failures on their way and the recorder's warnings
// both show it.
import { html, nothing } from 'lit-html';

/** "Details" with one paragraph per line; nothing when there is no line. */
export function technicalDetails(lines: readonly string[]) {
  if (lines.length === 0) return nothing;
  return html`<details class="details">
    <summary>Details</summary>
    ${lines.map((line) => html`<p>${line}</p>`)}
  </details>`;
}
