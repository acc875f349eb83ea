/**
 * Why a recording could not be saved (yet), in words for the receptionist, and whether trying again can help.
 * - folder: the recordings folder is missing, read-only or full; retried when it is back.
 * - network: the download failed or dropped; retried with backoff.
 * - refused: the RecordURL is not one we may fetch (foreign host, missing file); retrying cannot help.
 * - gone: the PBX no longer has the file (404).
 * - damaged: the file arrived but is not the audio it should be.
 * - missed: the call ended and the PBX never said the recording was ready.
 */
export type FailureKind = 'folder' | 'network' | 'refused' | 'gone' | 'damaged' | 'missed';

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

/** A file-system error about the recordings folder, as a failure the receptionist can act on. */
export function folderFailure(error: unknown, folder: string): RecordingFailure {
  const code = (error as { code?: string }).code;
  const message =
    code === 'ENOENT'
      ? `The recordings folder ${folder} is missing. Plug in the drive or choose another folder; the recording waits.`
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `Cannot write to the recordings folder ${folder}. Check its permissions; the recording waits.`
        : code === 'ENOSPC' || code === 'EDQUOT'
          ? `The disk of the recordings folder ${folder} is full. Free some space; the recording waits.`
          : `Cannot save into ${folder}: ${error instanceof Error ? error.message : String(error)}. The recording waits.`;
  return new RecordingFailure('folder', message, { cause: error });
}
