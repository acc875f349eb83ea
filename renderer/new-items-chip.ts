// The chip over a held list (list-hold.ts) that says how many new items wait to be shown, and shows them when
// pressed: no row moves under the user, and nothing new goes unseen. It takes no room in the page (base.css), so
// the rows under it stay where they are when it comes and goes. The Calls view offers new calls with it.
import { html, nothing, type TemplateResult } from 'lit-html';

/**
 * "2 new calls — Show", or nothing while none waits.
 * @param words the item's name, one and many ("new call", "new calls").
 */
export function newItemsChip(waiting: number, words: readonly [one: string, many: string], show: () => void): TemplateResult | typeof nothing {
  if (waiting === 0) return nothing;
  const text = `${waiting} ${waiting === 1 ? words[0] : words[1]}`;
  return html`<div class="new-items" role="status">
    <button
      type="button"
      class="new-items-chip"
      @pointerdown=${(event: PointerEvent) => event.preventDefault() /* the focus stays in the list: leaving it would let the list go before Show */}
      @click=${show}
    >
      ${text} — <strong>Show</strong>
    </button>
  </div>`;
}
