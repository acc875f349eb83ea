// Short confirmations at the bottom of the window, with one optional action (Undo), gone after a while.
import { html, render } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import { announce } from './announcer.ts';
import { icon } from './icons.ts';

export interface ToastOptions {
  text: string;
  /** A button in the toast; pressing it closes the toast. */
  action?: { label: string; run: () => void };
  /** How long the toast stays, in ms (10 s by default: time enough to press Undo). */
  durationMs?: number;
  /** Called when the toast goes away without its action (the undo window closed). */
  expired?: () => void;
}

interface Shown extends ToastOptions {
  id: number;
  timer: ReturnType<typeof setTimeout>;
}

let container: HTMLElement | undefined;
let shown: Shown[] = [];
let nextId = 1;

/** The toasts' container, created once and placed by the frame. */
export function toastContainer(): HTMLElement {
  container ??= Object.assign(document.createElement('div'), { className: 'toasts' });
  return container;
}

function draw(): void {
  render(
    html`${repeat(
      shown,
      (toast) => toast.id,
      (toast) =>
        html`<div class="toast">
          <span>${toast.text}</span>
          ${toast.action ? html`<button type="button" @click=${() => close(toast.id, true)}>${toast.action.label}</button>` : ''}
          <button type="button" class="icon-only" aria-label="Close" @click=${() => close(toast.id, false)}>${icon('close')}</button>
        </div>`,
    )}`,
    toastContainer(),
  );
}

function close(id: number, acted: boolean): void {
  const toast = shown.find((item) => item.id === id);
  if (!toast) return;
  clearTimeout(toast.timer);
  shown = shown.filter((item) => item.id !== id);
  draw();
  if (acted) toast.action?.run();
  else toast.expired?.();
}

/** Shows a toast and announces its text; returns a function that closes it as if it expired. */
export function showToast(options: ToastOptions): () => void {
  const id = nextId++;
  const timer = setTimeout(() => close(id, false), options.durationMs ?? 10_000);
  shown = [...shown, { ...options, id, timer }];
  draw();
  announce(options.action ? `${options.text} ${options.action.label} is available for a few seconds.` : options.text);
  return () => close(id, false);
}
