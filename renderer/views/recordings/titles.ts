// How a recording is named in the view: the caller's name when the PBX gave one, the numbers always.
import type { SidecarView } from '../../../preload/contract.ts';

/** "Kovács Zoltán +36 1 234 5678 → 1001", or "+36 1 234 5678 → 1001" without a name. */
export function recordingTitle(s: Pick<SidecarView, 'callerName' | 'from' | 'to'>): string {
  return `${s.callerName && s.callerName !== s.from ? `${s.callerName} ` : ''}${s.from} → ${s.to}`;
}
