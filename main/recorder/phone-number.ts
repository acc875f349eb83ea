/**
 * A phone number as people write it, reduced to what identifies it, so that "+36 (1) 234-5678", "0036 1 234 5678"
 * and "3612345678" are one number: spaces, dashes, dots, slashes and brackets go, and so does a leading + or 00
 * (the international prefix). Anything else (digits, * and # of extensions and codes, letters of a SIP name) stays,
 * lower-cased. The one way the recorder compares numbers: erasing or exporting a number's recordings, auto-record rules.
 */
export function normalizeNumber(text: string): string {
  const bare = text
    .trim()
    .toLowerCase()
    .replace(/[\s\-.()[\]{}/]/g, '');
  return bare.replace(/^(\+|00)/, '');
}

/** True when two numbers are the same number once normalised; an empty number is no number and matches nothing. */
export function sameNumber(a: string, b: string): boolean {
  const left = normalizeNumber(a);
  return left !== '' && left === normalizeNumber(b);
}

/** True when `number` is the caller's or the callee's of a call (or of its recording's sidecar). */
export function involvesNumber(call: { from: string; to: string }, number: string): boolean {
  return sameNumber(number, call.from) || sameNumber(number, call.to);
}
