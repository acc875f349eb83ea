// The Calls view's filter: a name without its accents or case, a number without its spaces, dashes or brackets.
import type { CallView } from '../../../preload/contract.ts';
import { fold } from '../../search-text.ts';

const compact = (text: string) => text.replace(/[\s\-().+/]/g, '');

/** True when the call's caller name, number or destination holds what was typed. */
export function matchesFilter(call: CallView, typed: string): boolean {
  const wanted = fold(typed).trim();
  if (!wanted) return true;
  const text = fold(`${call.callerId} ${call.source} ${call.destination}`);
  const bare = compact(wanted);
  return text.includes(wanted) || (bare !== '' && compact(text).includes(bare));
}
