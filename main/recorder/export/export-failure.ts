import { fileProblemOf } from '../errors.ts';

/**
 * Why an export did not happen, in words for the receptionist. Nothing is left behind when it fails: no part of
 * the ZIP stays on the disk, and the recordings are only read.
 * - selection: the dates or the number cannot be read, nothing matches, or a chosen recording is gone.
 * - target: the place chosen for the ZIP is missing, not writable, full, or already holds a file.
 * - source: a recording could not be read, or changed while it was being exported.
 * - internal: a fault of the app itself.
 */
export type ExportFailureKind = 'selection' | 'target' | 'source' | 'internal';

export class ExportFailure extends Error {
  override readonly name = 'ExportFailure';
  constructor(
    readonly kind: ExportFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A file-system error while writing the ZIP into `folder`, as a failure saying what to do. */
export function targetFailure(error: unknown, folder: string): ExportFailure {
  const problem = fileProblemOf(error);
  const message = problem
    ? {
        missing: `The folder ${folder} does not exist. Choose another place for the export.`,
        denied: `Cannot write into ${folder}. Choose another place for the export.`,
        full: `The disk of ${folder} is full. Free some space or choose another place; nothing was exported.`,
      }[problem]
    : `Cannot write the export into ${folder}: ${error instanceof Error ? error.message : String(error)}.`;
  return new ExportFailure('target', message, { cause: error });
}

/** Any error of an export as a failure: ours as they are, anything unexpected as internal. */
export function asExportFailure(error: unknown): ExportFailure {
  if (error instanceof ExportFailure) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ExportFailure('internal', `The export failed: ${detail}. Nothing was written; try again, and report it if it happens again.`, {
    cause: error,
  });
}
