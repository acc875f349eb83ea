// Which way a live call goes, seen from this front desk: in, out or internal, from its numbers and my extension.
import type { LiveCall } from '../ozeki/live-call.ts';
import { normalizeNumber, sameNumber } from './phone-number.ts';

export type CallDirection = 'in' | 'out' | 'internal';

/**
 * An extension of this PBX: a short number (up to six digits, * and #) written without an international prefix.
 * Anything longer, or written with + or 00, is a number outside the PBX.
 */
export function isExtension(number: string, myExtension = ''): boolean {
  if (myExtension !== '' && sameNumber(number, myExtension)) return true;
  const written = number.trim();
  return !/^(\+|00)/.test(written) && /^[\d*#]{1,6}$/.test(normalizeNumber(written));
}

/** Internal when both ends are extensions; out when only the caller is; in otherwise (a caller from outside). */
export function callDirection(call: Pick<LiveCall, 'source' | 'destination'>, myExtension: string): CallDirection {
  const fromInside = isExtension(call.source, myExtension);
  const toInside = isExtension(call.destination, myExtension);
  if (fromInside && toInside) return 'internal';
  return fromInside ? 'out' : 'in';
}

/** True when my extension is one end of the call. */
export function isMine(call: Pick<LiveCall, 'source' | 'destination'>, myExtension: string): boolean {
  return myExtension.trim() !== '' && (sameNumber(call.source, myExtension) || sameNumber(call.destination, myExtension));
}
