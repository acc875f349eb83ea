import { TrimError } from './trim/trim-error.ts';

/**
 * Why a recording could not be saved (yet), in words for the receptionist, and whether trying again can help.
 * - folder: the recordings folder is missing, read-only or full; retried when it is back.
 * - network: the download failed or dropped; retried with backoff.
 * - refused: the RecordURL is not one we may fetch (foreign host, missing file); retrying cannot help.
 * - gone: the PBX no longer has the file (404).
 * - damaged: the file arrived but is not the audio it should be.
 * - missed: the call ended and the PBX never said the recording was ready.
 * - internal: a fault of the app itself (a bug); logged, not retried by itself, the recording kept for Retry.
 */
export type FailureKind = 'folder' | 'network' | 'refused' | 'gone' | 'damaged' | 'missed' | 'internal';

export class RecordingFailure extends Error {
  override readonly name = 'RecordingFailure';
  constructor(
    readonly kind: FailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get retryable(): boolean {
    return this.kind === 'folder' || this.kind === 'network';
  }
}

/**
 * Any error from saving a recording, as a failure: our own failures as they are, a damaged file from the trimmer,
 * and anything unexpected as `internal` (never as a network problem that would be retried for ever).
 */
export function asRecordingFailure(error: unknown): RecordingFailure {
  if (error instanceof RecordingFailure) return error;
  if (error instanceof TrimError) return new RecordingFailure('damaged', `The recording from the PBX is damaged: ${error.message}`, { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new RecordingFailure('internal', `Internal error: ${detail}. The recording is kept; press Retry, and report it if it happens again.`, {
    cause: error,
  });
}

/** What a file-system error means for a place being written into; undefined for anything else. */
export type FileProblem = 'missing' | 'denied' | 'full';

export function fileProblemOf(error: unknown): FileProblem | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'denied';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  return undefined;
}

/** A file-system error about the recordings folder, as a failure the receptionist can act on. */
export function folderFailure(error: unknown, folder: string): RecordingFailure {
  const problem = fileProblemOf(error);
  const message = problem
    ? {
        missing: `The recordings folder ${folder} is missing. Plug in the drive or choose another folder; the recording waits.`,
        denied: `Cannot write to the recordings folder ${folder}. Check its permissions; the recording waits.`,
        full: `The disk of the recordings folder ${folder} is full. Free some space; the recording waits.`,
      }[problem]
    : `Cannot save into ${folder}: ${error instanceof Error ? error.message : String(error)}. The recording waits.`;
  return new RecordingFailure('folder', message, { cause: error });
}
