import type { WindowRecorder } from '../preload/contract.ts';

declare global {
  interface Window {
    recorder: WindowRecorder;
  }
}

export const recorder = (): WindowRecorder => window.recorder;

type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'style'>> & { attrs?: Record<string, string> };

/** Creates an element with properties, attributes and children: the whole of this UI's templating. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props<K> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { attrs, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * Runs an async click handler. Its promise is let go on purpose: the recorder's methods answer failures as values
 * that the handler shows, and a DOM listener has nobody to hand a rejection to.
 */
export function onClick(node: HTMLElement, action: () => Promise<unknown>): void {
  node.addEventListener('click', () => void action());
}

/** Sets text or an attribute only when it changes: unchanged rows then cost no style or layout work. */
export function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function setAttr(node: HTMLElement, name: string, value: string): void {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}
