import type { Sidecar } from '../sidecar.ts';
import { localDay, localTime } from '../local-day.ts';

/** One exported recording as its index lists it: the sidecar, and where its files are inside the ZIP. */
export interface ExportedRecording {
  sidecar: Sidecar;
  /** The audio file's path inside the ZIP, with `/`. */
  audio: string;
  /** The sidecar's path inside the ZIP, with `/`. */
  description: string;
}

/** Whether the other party was told the call is recorded: announced, failed (why), skipped; empty when announcements were off. */
function announcementText({ announcement }: Sidecar): string {
  if (!announcement) return '';
  if (announcement.outcome === 'failed') return `failed${announcement.problem ? `: ${announcement.problem}` : ''}`;
  return announcement.outcome === 'pending' ? 'unknown' : announcement.outcome;
}

/** The columns both indexes show, in order, with each recording's value as text. */
export const INDEX_COLUMNS: readonly { title: string; value: (r: ExportedRecording) => string }[] = [
  { title: 'Date', value: (r) => localDay(new Date(r.sidecar.startTime)) },
  { title: 'Time', value: (r) => localTime(new Date(r.sidecar.startTime)) },
  { title: 'Seconds', value: (r) => String(r.sidecar.durationSeconds) },
  { title: 'From', value: (r) => r.sidecar.from },
  { title: 'To', value: (r) => r.sidecar.to },
  { title: 'Caller name', value: (r) => r.sidecar.callerName },
  { title: 'Note', value: (r) => r.sidecar.note },
  { title: 'Pinned', value: (r) => (r.sidecar.pinned ? 'yes' : '') },
  { title: 'Announcement', value: (r) => announcementText(r.sidecar) },
  { title: 'Desk', value: (r) => r.sidecar.desk?.name ?? '' },
  { title: 'Audio file', value: (r) => r.audio },
  { title: 'Description file', value: (r) => r.description },
  { title: 'Call ID', value: (r) => r.sidecar.callId },
];
