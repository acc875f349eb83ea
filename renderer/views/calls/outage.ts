// What the Calls view says when the PBX is not answering: what is wrong, since when, and what to do about it.
import type { LinkView } from '../../../preload/contract.ts';
import { formatClockTime } from '../../../preload/display.ts';

/** Link states in which the calls shown are only the last ones known. */
export function linkDown(link: LinkView): boolean {
  return link.status === 'unreachable' || link.status === 'auth-failed' || link.status === 'misconfigured' || link.status === 'paused';
}

/** Why a toggle is not offered while the link is down, in a few words. */
export function unavailableReason(link: LinkView): string {
  switch (link.status) {
    case 'auth-failed':
      return 'the PBX refused the login';
    case 'misconfigured':
      return 'the PBX settings need a look';
    case 'paused':
      return 'monitoring is paused';
    default:
      return 'the PBX is not answering';
  }
}

/** "12 s ago", "3 min ago", "2 h ago": how old the last good update is. */
export function ago(sinceMs: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - sinceMs) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

/** "Last update from the PBX at 10:42 (12 s ago)." or that none came since the recorder started. */
export function lastUpdate(link: LinkView, now: number): string {
  return link.lastContactAt === undefined
    ? 'No update from the PBX since Ozeki Recorder started.'
    : `Last update from the PBX at ${formatClockTime(new Date(link.lastContactAt))} (${ago(link.lastContactAt, now)}).`;
}
