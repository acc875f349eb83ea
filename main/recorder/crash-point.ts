/**
 * Named moments where a test may kill the process, to prove that a crash there loses nothing. With
 * OZEKI_RECORDER_CRASH_AT=<name> in the environment the process kills itself with SIGKILL on reaching that point
 * (no cleanup, no flush: exactly a power cut). Without it, a crash point does nothing.
 */
export type CrashPointName =
  /** The final file name is journaled, the file not yet created. */
  | 'after-name-journaled'
  /** The final name is claimed (its placeholder created), the file not yet renamed over it. */
  | 'after-name-claimed'
  /** The final file exists under its name, the journal does not yet say it is saved. */
  | 'after-file-named'
  /** RecordCompleted is journaled, the PBX not yet answered. */
  | 'after-notification-journaled'
  /** placeFile (an export's ZIP, a file going to the trash) has made its placeholder; the file is not yet renamed over it. */
  | 'after-placeholder-made'
  /** A recording and its sidecar are in the trash folder (the CLI's and the preview's), nothing said yet. */
  | 'after-moved-to-trash';

export function crashPoint(name: CrashPointName): void {
  if (process.env['OZEKI_RECORDER_CRASH_AT'] === name) process.kill(process.pid, 'SIGKILL');
}
