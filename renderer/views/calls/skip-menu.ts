// The small menu beside a call's toggle while announcements may be skipped: "Record without announcement", one
// secondary action kept out of the row's one big button. A popover in the top layer, so the row's clipping does not
// cut it; reached with Tab from the toggle, opened with Enter or Space, closed with Escape or a click elsewhere.
import { html } from 'lit-html';
import type { CallView } from '../../../preload/contract.ts';
import { icon } from '../../icons.ts';

/** Places the open menu under its button, its right edge at the button's, inside the window. */
function placeUnder(menu: HTMLElement, button: HTMLElement): void {
  const anchor = button.getBoundingClientRect();
  const width = menu.offsetWidth;
  menu.style.left = `${Math.max(8, Math.min(anchor.right - width, window.innerWidth - width - 8))}px`;
  menu.style.top = `${anchor.bottom + 4}px`;
}

export function skipMenu(call: CallView, whoId: string, choose: () => void) {
  const menuId = `call-${call.callId}-more`;
  return html`<button
      type="button"
      class="icon-only quiet call-more"
      popovertarget=${menuId}
      aria-label="More ways to record"
      aria-describedby=${whoId}
      title="More ways to record"
    >
      ${icon('more')}
    </button>
    <div
      id=${menuId}
      class="call-menu"
      popover="auto"
      @toggle=${(event: ToggleEvent) => {
        if (event.newState !== 'open') return;
        const menu = event.target as HTMLElement;
        const button = document.querySelector<HTMLElement>(`[popovertarget="${CSS.escape(menuId)}"]`);
        if (button) placeUnder(menu, button);
        menu.querySelector('button')?.focus();
      }}
    >
      <button
        type="button"
        class="quiet"
        aria-describedby=${whoId}
        @click=${(event: Event) => {
          const menu = (event.currentTarget as HTMLElement).closest<HTMLElement>('[popover]');
          // The focus goes to the row's toggle, which stays where this menu's button goes away.
          const toggle = menu?.closest('.call-row')?.querySelector<HTMLElement>('.call-toggle');
          menu?.hidePopover();
          toggle?.focus();
          choose();
        }}
      >
        ${icon('record')}Record without announcement
      </button>
    </div>`;
}
