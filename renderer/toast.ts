// Short confirmations at the bottom of the window, with one optional action (Undo), gone after a while. They
// never cover what a view marks with data-keep-clear (the player, a sticky Save): they rise above it. A toast
// does not go while the focus or the pointer is in it, and the focus goes back where it came from when it closes.
// The newest toast is nearest the bottom edge and the first reached by Tab; Ctrl+Z presses its action (undoLatest).
import { html, render, type TemplateResult } from 'lit-html';
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
  /** Time left once the focus and the pointer are out of the toasts again. */
  remainingMs: number;
  /** When the running timer was started, or undefined while it is held. */
  startedAt: number | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const GAP_PX = 12;
let container: HTMLElement | undefined;
/** The toasts shown, newest first: the first in the tab order, and drawn nearest the bottom edge (base.css). */
let shown: Shown[] = [];
let nextId = 1;
/** Where the focus was before it went into a toast: it goes back there when that toast closes. */
let focusBefore: HTMLElement | undefined;
let focusInside = false;
let pointerInside = false;

/** The toasts' container, created once and placed by the frame. */
export function toastContainer(): HTMLElement {
  if (container) return container;
  const box = Object.assign(document.createElement('div'), { className: 'toasts' });
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', 'Messages');
  box.addEventListener('focusin', (event) => {
    if (!focusInside && event.relatedTarget instanceof HTMLElement && !box.contains(event.relatedTarget)) focusBefore = event.relatedTarget;
    focusInside = true;
    holdTimers();
  });
  box.addEventListener('focusout', (event) => {
    if (event.relatedTarget instanceof Node && box.contains(event.relatedTarget)) return;
    focusInside = false;
    runTimers();
  });
  box.addEventListener('pointerenter', () => {
    pointerInside = true;
    holdTimers();
  });
  box.addEventListener('pointerleave', () => {
    pointerInside = false;
    runTimers();
  });
  container = box;
  return box;
}

function holdTimers(): void {
  for (const toast of shown) {
    if (toast.startedAt === undefined) continue;
    clearTimeout(toast.timer);
    toast.remainingMs = Math.max(0, toast.remainingMs - (Date.now() - toast.startedAt));
    toast.startedAt = undefined;
  }
}

function runTimers(): void {
  if (focusInside || pointerInside) return;
  for (const toast of shown) {
    if (toast.startedAt !== undefined) continue;
    toast.startedAt = Date.now();
    toast.timer = setTimeout(() => close(toast.id, false), toast.remainingMs);
  }
}

/** How far above the window's bottom edge the toasts sit so that they cover no part marked data-keep-clear. */
function clearance(stack: DOMRect): number {
  const keep = [...document.querySelectorAll('[data-keep-clear]')]
    .map((element) => element.getBoundingClientRect())
    .filter((rect) => rect.height > 0 && rect.right > stack.left && rect.left < stack.right);
  let bottom = GAP_PX;
  // Rise above every kept part the stack would overlap where it stands, until it overlaps none.
  for (let moved = true; moved;) {
    moved = false;
    const top = window.innerHeight - bottom - stack.height;
    for (const rect of keep) {
      if (rect.bottom > top && rect.top < window.innerHeight - bottom) {
        bottom = window.innerHeight - rect.top + GAP_PX;
        moved = true;
      }
    }
  }
  return bottom;
}

/** Puts the toasts above the kept parts; runs whenever toasts come or go or the layout under them may move. */
function placeToasts(): void {
  if (!shown.length) return;
  for (const element of document.querySelectorAll('[data-keep-clear]')) resized.observe(element);
  const box = toastContainer();
  box.style.setProperty('--toasts-bottom', `${clearance(box.getBoundingClientRect())}px`);
}

// While toasts are shown the parts they avoid may move: the list scrolls, the window is resized, a view changes
// (the player appears, a kept part grows). Each change places them again at the next frame; nothing is watched
// while there is no toast.
let placing = false;
function placeSoon(): void {
  if (placing) return;
  placing = true;
  requestAnimationFrame(() => {
    placing = false;
    placeToasts();
  });
}
const resized = new ResizeObserver(placeSoon);
const changed = new MutationObserver(placeSoon);
const SCROLL = { capture: true, passive: true } as const;
function watchLayout(on: boolean): void {
  resized.disconnect();
  changed.disconnect();
  window.removeEventListener('resize', placeSoon);
  document.removeEventListener('scroll', placeSoon, SCROLL);
  if (!on) return;
  window.addEventListener('resize', placeSoon);
  document.addEventListener('scroll', placeSoon, SCROLL);
  for (const element of document.querySelectorAll('[data-keep-clear]')) resized.observe(element);
  for (const view of document.querySelectorAll('.view')) changed.observe(view, { childList: true, subtree: true, attributes: true });
}

/**
 * A phone number as people write it: digit groups (brackets allowed) joined by single spaces, dashes or dots, with
 * an optional leading +: "+36 1 234 5678", "(06) 30-123-4567". Only a number of two groups or more can break.
 */
const GROUPED_NUMBER = /\+?\(?\d[\d()]*(?:[ .-]\(?\d[\d()]*)+/g;

/** A toast's text with each phone number kept whole on one line (base.css: .toast-number), whoever wrote the text. */
function unbrokenNumbers(text: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let from = 0;
  for (const match of text.matchAll(GROUPED_NUMBER)) {
    parts.push(text.slice(from, match.index), html`<span class="toast-number">${match[0]}</span>`);
    from = match.index + match[0].length;
  }
  parts.push(text.slice(from));
  return parts;
}

function draw(): void {
  render(
    html`${repeat(
      shown,
      (toast) => toast.id,
      (toast) =>
        html`<div class="toast">
          <span class="toast-text">${unbrokenNumbers(toast.text)}</span>
          ${toast.action ? html`<button type="button" @click=${() => close(toast.id, true)}>${toast.action.label}</button>` : ''}
          <button type="button" class="icon-only" aria-label="Close the message" title="Close" @click=${() => close(toast.id, false)}>${icon('close')}</button>
        </div>`,
    )}`,
    toastContainer(),
  );
}

function close(id: number, acted: boolean): void {
  const toast = shown.find((item) => item.id === id);
  if (!toast) return;
  clearTimeout(toast.timer);
  const hadFocus = toastContainer().contains(document.activeElement);
  shown = shown.filter((item) => item.id !== id);
  draw();
  if (hadFocus && !toastContainer().contains(document.activeElement)) {
    focusInside = false;
    if (focusBefore?.isConnected) focusBefore.focus();
    runTimers();
  }
  if (shown.length) placeToasts();
  else watchLayout(false);
  if (acted) toast.action?.run();
  else toast.expired?.();
}

/** Presses the action (Undo) of the newest toast that has one; false when none has. */
export function undoLatest(): boolean {
  const latest = shown.find((toast) => toast.action);
  if (!latest) return false;
  close(latest.id, true);
  return true;
}

/** Shows a toast and announces its text; returns a function that closes it as if it expired. */
export function showToast(options: ToastOptions): () => void {
  const id = nextId++;
  shown = [{ ...options, id, remainingMs: options.durationMs ?? 10_000, startedAt: undefined, timer: undefined }, ...shown];
  draw();
  watchLayout(true);
  placeToasts();
  runTimers();
  announce(options.action ? `${options.text} ${options.action.label} is available for a few seconds.` : options.text);
  return () => close(id, false);
}
