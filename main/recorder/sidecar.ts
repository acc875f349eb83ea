import type { KeptSegment } from './segments.ts';

/** What the `.json` next to each recording says, so the folder stays meaningful without the app. */
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
  sha256: string;
  note: string;
  pinned: boolean;
  savedAt: string;
}
