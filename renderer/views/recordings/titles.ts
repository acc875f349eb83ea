// How a recording is named in the view: the caller's name when the PBX gave one, the numbers always.
import { html, nothing, type TemplateResult } from 'lit-html';
import type { SidecarView } from '../../../preload/contract.ts';

/** "Kovács Zoltán +36 1 234 5678 → 1001", or "+36 1 234 5678 → 1001" without a name. */
export function recordingTitle(s: Pick<SidecarView, 'callerName' | 'from' | 'to'>): string {
  return `${s.callerName && s.callerName !== s.from ? `${s.callerName} ` : ''}${s.from} → ${s.to}`;
}

/**
 * The same, as a row shows it: the name, the number and the destination side by side (in an element of class `who`,
 * whose styles let a long name give way and keep the numbers whole).
 */
export function recordingParties(s: Pick<SidecarView, 'callerName' | 'from' | 'to'>): TemplateResult {
  // The spaces between the parts are for screen readers and copied text; the row's flex layout sets its own gaps.
  return html`${s.callerName && s.callerName !== s.from ? html`<span class="name">${s.callerName}</span> ` : nothing}<span class="number">${s.from}</span>
    <span class="to">→ ${s.to}</span>`;
}
