import type { LiveCall } from '../ozeki/live-call.ts';
import { normalizeNumber, normalizeNumberPattern } from './phone-number.ts';

/** A number pattern as written ("+36*"), and what it matches: the normalised number, `*` standing for any digits. */
export interface NumberPattern {
  written: string;
  matcher: RegExp;
}

export type AutoRecordRule = { kind: 'none' } | { kind: 'all' } | { kind: 'patterns'; patterns: NumberPattern[] };

/**
 * One pattern of the rule, or undefined when it is no number pattern. A pattern is read like a number
 * (phone-number.ts: spaces, dashes, dots, slashes, brackets and a leading + or 00 do not count), so "+36 1 234*"
 * is "361234*"; what is left must be digits, with * (any digits) and # (a code), and at least one digit: words
 * ("sometimes", "al") are no pattern.
 */
function numberPattern(written: string): NumberPattern | undefined {
  if (!/^[\d+*#\s\-.()/]+$/.test(written)) return undefined; // square brackets would read as a regular expression's
  const bare = normalizeNumberPattern(written);
  if (!/^[\d*#]+$/.test(bare) || !/\d/.test(bare)) return undefined;
  return { written, matcher: new RegExp(`^${bare.replace(/\*/g, '.*')}$`) };
}

/** Reads the setting: "none", "all", or "1000, +36*, *555*". Returns an error message for a bad pattern. */
export function parseAutoRecord(text: string): AutoRecordRule | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'none') return { kind: 'none' };
  if (trimmed.toLowerCase() === 'all') return { kind: 'all' };
  const patterns: NumberPattern[] = [];
  for (const part of trimmed.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const pattern = numberPattern(part);
    if (!pattern) return { error: `"${part}" is not a number: write all, none, or numbers like +36*, 1003 (* stands for any digits).` };
    patterns.push(pattern);
  }
  return patterns.length === 0 ? { kind: 'none' } : { kind: 'patterns', patterns };
}

/** "a", "a, and b", "a, b, and c". */
function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}, and ${items.at(-1) ?? ''}`;
}

/** What a rule does, in a sentence for the Settings view: "Records calls from or to +36…, and 1003." */
export function describeAutoRecord(rule: AutoRecordRule): string {
  if (rule.kind === 'none') return 'Records no call by itself.';
  if (rule.kind === 'all') return 'Records every call once it is answered.';
  return `Records calls from or to ${listed(rule.patterns.map((p) => p.written.replace(/\*+/g, '…')))}, once they are answered.`;
}

/** True when a call should be recorded by itself: it is in call and matches the rule. */
export function shouldAutoRecord(rule: AutoRecordRule, call: Pick<LiveCall, 'state' | 'source' | 'destination'>): boolean {
  if (call.state !== 'InCall') return false;
  if (rule.kind === 'none') return false;
  if (rule.kind === 'all') return true;
  const numbers = [normalizeNumber(call.source), normalizeNumber(call.destination)].filter(Boolean);
  return rule.patterns.some((p) => numbers.some((number) => p.matcher.test(number)));
}
