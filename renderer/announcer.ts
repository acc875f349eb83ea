// One polite live region for the whole window: what a screen reader says when something happens that the user
// did not just do with the focused control (recording started, paused, saved, failed; a row deleted).

let region: HTMLElement | undefined;

/** The region, created once and placed by the frame. */
export function announcerRegion(): HTMLElement {
  region ??= Object.assign(document.createElement('div'), { className: 'visually-hidden', id: 'announcer' });
  region.setAttribute('aria-live', 'polite');
  return region;
}

/** Sentences said in this task, not yet in the region. */
let pending: string[] = [];

/**
 * Says a sentence once. The same sentence twice in a row is said twice (the text is cleared first). Sentences said
 * in one task (several updates read from one chunk of the preview's stream) are said together, none lost.
 */
export function announce(text: string): void {
  const target = announcerRegion();
  pending.push(text);
  if (pending.length > 1) return; // already on its way, now with this sentence too
  target.textContent = '';
  // A separate microtask, so screen readers see a change even when the text is the same as before.
  queueMicrotask(() => {
    target.textContent = pending.join(' ');
    pending = [];
  });
}
