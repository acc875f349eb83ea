// One polite live region for the whole window: what a screen reader says when something happens that the user
// did not just do with the focused control (recording started, paused, saved, failed; a row deleted).

let region: HTMLElement | undefined;

/** The region, created once and placed by the frame. */
export function announcerRegion(): HTMLElement {
  region ??= Object.assign(document.createElement('div'), { className: 'visually-hidden', id: 'announcer' });
  region.setAttribute('aria-live', 'polite');
  return region;
}

/** Says a sentence once. The same sentence twice in a row is said twice (the text is cleared first). */
export function announce(text: string): void {
  const target = announcerRegion();
  target.textContent = '';
  // A separate task, so screen readers see a change even when the text is the same as before.
  queueMicrotask(() => (target.textContent = text));
}
