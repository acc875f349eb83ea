import type { RecordFormat } from '../ozeki/client.ts';

/** What a download of a recording may take; one that breaks a limit is stopped and fails with the reason. */
export interface DownloadLimits {
  /** The most bytes the file may have (see sizeCapFor). */
  maxBytes: number;
  /** The longest wait for the answer's headers and, once the body flows, for its next bytes. */
  bodyTimeoutMs: number;
  /** The slowest transfer accepted, averaged over each throughputWindowMs of a body. */
  minBytesPerSecond: number;
  throughputWindowMs: number;
  /** The whole download, every attempt within it included. A later attempt resumes where this one stopped. */
  deadlineMs: number;
}

/** The bytes per second of the richest audio a PBX could plausibly write in each format. */
const HIGHEST_BYTES_PER_SECOND: Record<RecordFormat, number> = {
  wav: 48_000 * 4 * 2, // PCM at 48 kHz, 32 bits, stereo; telephony is 8 kHz, 16 bits, mono: 24 times less
  mp3: 448_000 / 8, // the highest bitrate MPEG audio has (layer I); layer III stops at 320 kbit/s
};
/** The call's length as we measure it is a little off the PBX's: its end is seen by polling, its start by Record's answer. */
const SLACK_MS = 2 * 60_000;
/** Headers and tags (an ID3 tag may carry a picture). */
const HEADER_SLACK_BYTES = 1024 * 1024;
/** Whatever the call's length: a WAV cannot be larger (its sizes are 32 bits), and no MP3 of a call comes close. */
export const HARD_CAP_BYTES = 4 * 1024 ** 3;

/** The largest file a recording of a call from `startedAt` to `endedAt` (epoch ms) can plausibly be. */
export function sizeCapFor(format: RecordFormat, startedAt: number, endedAt: number): number {
  const seconds = (Math.max(0, endedAt - startedAt) + SLACK_MS) / 1000;
  return Math.min(HARD_CAP_BYTES, Math.ceil(seconds * HIGHEST_BYTES_PER_SECOND[format]) + HEADER_SLACK_BYTES);
}

export const DEFAULT_LIMITS: Omit<DownloadLimits, 'maxBytes'> = {
  bodyTimeoutMs: 30_000,
  minBytesPerSecond: 4096,
  throughputWindowMs: 20_000,
  deadlineMs: 30 * 60_000,
};
