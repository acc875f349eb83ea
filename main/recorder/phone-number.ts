/** What people put between the digits of a phone number: spaces, dashes, dots, slashes and brackets. */
const PUNCTUATION = /[\s\-.()[\]{}/]/g;
/** Text that is written as a phone number: digits (and * or # of codes and extensions), a leading +, punctuation. */
const PHONE_LIKE = /^\+?[\d*#\s\-.()[\]{}/]*$/;
/**
 * This many digits or more after a leading 00 make it the international prefix; fewer are a short code or extension.
 * The rule is said in words in preload/number-words.ts (this layer may not import it; a test holds the two together).
 */
const SHORTEST_INTERNATIONAL = 7;

const digitsIn = (text: string) => text.replace(/\D/g, '').length;

/**
 * A phone number as people write it, reduced to what identifies it, so that "+36 (1) 234-5678", "0036 1 234 5678"
 * and "3612345678" are one number. Only text written as a number is reduced: punctuation goes, and so does a
 * leading + or a leading 00 before a full international number (more than 6 digits after it: "0012" stays a short
 * number). Any other text (a SIP name such as "j.smith") is compared as written, ignoring case: "j.smith" is not
 * "jsmith". The one way the recorder compares numbers: erasing or exporting a number's recordings, auto-record
 * rules, call direction.
 */
export function normalizeNumber(text: string): string {
  const written = text.trim().toLowerCase();
  if (!PHONE_LIKE.test(written)) return written;
  const bare = written.replace(PUNCTUATION, '');
  if (bare.startsWith('+')) return bare.slice(1);
  return bare.startsWith('00') && digitsIn(bare.slice(2)) >= SHORTEST_INTERNATIONAL ? bare.slice(2) : bare;
}

/**
 * An auto-record pattern ("0036*", "+36*", "1003") normalised as the numbers it is matched against: a `*` may
 * stand for the rest of a full international number, so a leading 00 before one is the international prefix too.
 */
export function normalizeNumberPattern(written: string): string {
  const bare = normalizeNumber(written);
  return bare.startsWith('00') && bare.includes('*') ? bare.slice(2) : bare;
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
