import type { ShownAnnouncement } from './announcement.ts';
import type { KeptSegment } from './segments.ts';

/** The desk that saved a recording: the name it is known by at the front desk, the computer and its user. */
export interface Desk {
  /** The desk's name from the settings, or the computer's name when none is set. */
  name: string;
  /** The computer's host name. */
  machine: string;
  /** The user signed in to the computer. */
  user: string;
}

/**
 * What the `.json` next to each recording says, so the folder stays meaningful without the app. `version` changes
 * only when a field changes its meaning or a new one becomes required; an optional field that older readers can
 * ignore (`uncutFormat`, `announcement`, `desk`) keeps version 1.
 */
export interface Sidecar {
  app: 'ozeki-recorder';
  version: 1;
  /** The audio file's name, in the same folder. */
  file: string;
  recordingId: string;
  callId: string;
  from: string;
  to: string;
  callerName: string;
  startTime: string;
  durationSeconds: number;
  keptSegments: KeptSegment[];
  pausedParts: 'remove' | 'silence';
  format: 'mp3' | 'wav';
  /**
   * Set when the call was paused but its audio format cannot be cut: the format's name. The whole file was saved,
   * paused parts included.
   */
  uncutFormat?: string;
  /**
   * Whether and how the call was announced as recorded: the text said or the file played, to whom, before or after
   * recording started, and whether it was done, failed (and why) or skipped by the user. Absent: announcements were
   * off (or the recording is older than announcements).
   */
  announcement?: ShownAnnouncement;
  sha256: string;
  note: string;
  pinned: boolean;
  savedAt: string;
  /** Which desk saved it (absent in sidecars written before desks were named). */
  desk?: Desk;
}
