// Text from the PBX (caller ids, numbers, messages, file names built from them) reaches terminals and log files.
// A control character in it could move the cursor, erase a line or start a new one, and so forge output such as
// a "saved" line; a bidi override could make a line read differently from what it holds.

// C0 controls, DEL, C1 controls, the Unicode line and paragraph separators, and the bidi marks, embeddings,
// overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const graphemes = new Intl.Segmenter();

/** The characters a person sees, in order: a flag, an emoji sequence or a letter with its accents is one. */
export function characters(text: string): string[] {
  return Array.from(graphemes.segment(text), ({ segment }) => segment);
}

const hex = (c: string, digits: number) => (c.codePointAt(0) ?? 0).toString(16).padStart(digits, '0');

/**
 * The text as one plain line: every character a terminal would act on is shown as an escape instead
 * (ESC → `\x1b`, newline → `\n`, U+202E → `\u202e`). Backslashes are left alone, so applying it twice changes
 * nothing.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => SHORT[c] ?? (c <= '\u00ff' ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/**
 * One line of JSON that is as safe to print as `printable` text: JSON.stringify already escapes C0 controls;
 * this also escapes the rest (DEL, C1, separators, bidi) the JSON way, so a parser reads back the same value.
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => `\\u${hex(c, 4)}`);
}
