import type { LiveCall } from '../ozeki/live-call.ts';

export type AutoRecordRule = { kind: 'none' } | { kind: 'all' } | { kind: 'patterns'; patterns: RegExp[] };

/** Reads the setting: "none", "all", or "1000, +36*, *555*". Returns an error message for a bad pattern. */
export function parseAutoRecord(text: string): AutoRecordRule | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'none') return { kind: 'none' };
  if (trimmed.toLowerCase() === 'all') return { kind: 'all' };
  const parts = trimmed
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = parts.find((p) => !/^[\w+*#. ()-]+$/.test(p));
  if (bad) return { error: `"${bad}" is not a number pattern; use digits, +, spaces and * (for example 1000, +36*).` };
  const escaped = parts.map((p) => new RegExp(`^${p.replace(/[.+()]/g, '\\$&').replace(/\*/g, '.*')}$`));
  return { kind: 'patterns', patterns: escaped };
}

/** True when a call should be recorded by itself: it is in call and matches the rule. */
export function shouldAutoRecord(rule: AutoRecordRule, call: Pick<LiveCall, 'state' | 'source' | 'destination'>): boolean {
  if (call.state !== 'InCall') return false;
  if (rule.kind === 'none') return false;
  if (rule.kind === 'all') return true;
  return rule.patterns.some((p) => p.test(call.source) || p.test(call.destination));
}
