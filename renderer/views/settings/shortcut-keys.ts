// The shortcut setting as a key-capture field: what a key pressed in it means. The keys pressed become the Electron
// accelerator that is stored ("CommandOrControl+Alt+R"), shown as the platform writes it (acceleratorText: Ctrl+Alt+R,
// or ⌘⌥R on a Mac). Backspace or Delete clears the shortcut, Escape puts back what the field held when the focus
// came in, and Tab, Shift+Tab and Enter do what they do in any field.
import { acceleratorText } from '../../../preload/display.ts';

/** What a key pressed in the shortcut field does. */
export type KeyPress =
  | { kind: 'shortcut'; accelerator: string }
  | { kind: 'clear' }
  | { kind: 'undo' }
  /** The browser does with it what it does in any field: Tab moves on, Enter saves, a modifier alone waits. */
  | { kind: 'pass' }
  | { kind: 'refused'; problem: string };

/** The parts of a keydown (KeyboardEvent) the field reads. */
export interface KeyDown {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** The example the field's words give, in the platform's writing. */
export const EXAMPLE_SHORTCUT = 'CommandOrControl+Alt+R';

const ARROWS: Readonly<Record<string, string>> = { ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right' };
const NAMED_KEYS = new Set(['Space', 'Insert', 'Delete', 'Home', 'End', 'PageUp', 'PageDown']);
const MODIFIER_KEYS = new Set(['Control', 'Alt', 'AltGraph', 'Shift', 'Meta', 'OS']);

/**
 * The accelerator's name of the key pressed, if it can make a shortcut: the name Electron's globalShortcut will
 * listen for, which is not the same on every platform.
 *
 * On Windows and Linux, globalShortcut listens for the key that types the accelerator's letter in the layout in use
 * (Windows' virtual-key codes and X11's keysyms follow the layout): a German or Hungarian keyboard's Z key is
 * "Z" there, though it sits where a US keyboard has Y, and an AZERTY keyboard's A key is "A". So a Latin letter
 * the key types (`key`) names it. Where the key types no Latin letter — a Cyrillic or Greek layout, or a letter
 * typed with AltGr (Ctrl+Alt on Windows: Ctrl+Alt+Q types @ on a German keyboard) — its place (`code`) is its
 * only Latin name, and it is the name those layouts answer to (Windows gives their letter keys a US keyboard's codes).
 * Digits are always the number row's place (`Digit1`): the accelerator's "1" is that key on every layout, also
 * where the row types digits only with Shift (AZERTY: & é " …), and a digit typed on the number pad is another
 * key (Electron's num1), which the field does not take.
 *
 * On macOS, globalShortcut listens for a key's place on a US keyboard, whatever the layout (Carbon hot keys are
 * key positions: electron/electron#19747, #26125), so there the place is the name that makes the keys pressed work
 * — and Option turns letters into other characters anyway (⌥R types ®).
 */
function keyName(event: KeyDown, platform: string): string | undefined {
  const code = event.code;
  if (platform !== 'darwin' && /^[a-z]$/i.test(event.key)) return event.key.toUpperCase();
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit\d$/.test(code)) return code.slice(5);
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  return ARROWS[code] ?? (NAMED_KEYS.has(code) ? code : undefined);
}

/** What the field says under it: how to set the shortcut, in the platform's writing. */
export function shortcutHint(platform: string): string {
  return `Click here and press the keys, like ${acceleratorText(EXAMPLE_SHORTCUT, platform)}. Backspace: no shortcut.`;
}

/** Which keys to hold, in the platform's words, and the example: said when a key is pressed without them. */
export function shortcutAdvice(platform: string): string {
  const hold = platform === 'darwin' ? '⌘, ⌥ or ⌃' : 'Ctrl or Alt';
  return `Hold ${hold} while you press a letter, a digit or F1–F24, like ${acceleratorText(EXAMPLE_SHORTCUT, platform)}.`;
}

/** What the key pressed means: the accelerator of the keys held with it, or what the field does instead. */
export function readKeyPress(event: KeyDown, platform: string): KeyPress {
  const mac = platform === 'darwin';
  const held = event.ctrlKey || event.altKey || event.metaKey;
  if (MODIFIER_KEYS.has(event.key) || (!held && event.key === 'Tab')) return { kind: 'pass' }; // Tab and Shift+Tab move on
  if (!held && !event.shiftKey) {
    if (event.key === 'Enter') return { kind: 'pass' };
    if (event.key === 'Escape') return { kind: 'undo' };
    if (event.key === 'Backspace' || event.key === 'Delete') return { kind: 'clear' };
  }
  const key = keyName(event, platform);
  // Shift alone is not enough: a shortcut of Shift and a letter would take that capital letter from every program.
  if (!key || !held) return { kind: 'refused', problem: shortcutAdvice(platform) };
  const parts = [
    (mac ? event.metaKey : event.ctrlKey) && 'CommandOrControl',
    mac && event.ctrlKey && 'Control',
    !mac && event.metaKey && 'Super',
    event.altKey && 'Alt',
    event.shiftKey && 'Shift',
    key,
  ];
  return { kind: 'shortcut', accelerator: parts.filter(Boolean).join('+') };
}
