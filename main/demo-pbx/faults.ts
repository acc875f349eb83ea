/**
 * Switches that make the demo PBX misbehave on purpose, for tests. The PBX reads them at the moment they matter,
 * so a test may change any of them while it runs (`pbx.faults.dropNextDownloads = 1`).
 * - delayMs: answer every command this much later (it is carried out at once, as by a PBX that is slow to answer).
 * - dropNextDownloads: this many next downloads are cut off half-way (the connection closes).
 * - duplicateNotification: send every RecordCompleted twice.
 * - recordUrlStyle: RecordURL as an http URL on this PBX (default), as one on a foreign host, or as a file path.
 * - downloadBytesPerSecond: serve recordings this slowly (0: as fast as possible).
 * - notificationsLost: RecordCompleted is never delivered (a PBX that cannot reach the app).
 * - recordAnswerDelayMs: Record is carried out at once (the PBX records), but its answer comes this much later.
 * - refuseRecord: Record is answered with 303 InappropriateCommand (a call the PBX will not record).
 * - endlessDownloads: a recording is served as its bytes and then more, without end or length (a broken or hostile PBX).
 * - refuseAnnouncements: Speak and Play are answered with 303 InappropriateCommand (a PBX that cannot announce).
 * - announceAnswerDelayMs: Speak and Play are carried out (or refused) at once, but answered this much later.
 * - historyAnswerDelayMs: GetCallHistory is answered this much later (a PBX slow to search its history).
 */
export interface DemoFaults {
  delayMs: number;
  dropNextDownloads: number;
  downloadBytesPerSecond: number;
  duplicateNotification: boolean;
  notificationsLost: boolean;
  recordUrlStyle: 'http' | 'foreign-host' | 'file-path';
  recordAnswerDelayMs: number;
  refuseRecord: boolean;
  endlessDownloads: boolean;
  refuseAnnouncements: boolean;
  announceAnswerDelayMs: number;
  historyAnswerDelayMs: number;
}

/** A well-behaved PBX, with any switches given already set. */
export function demoFaults(set: Partial<DemoFaults> = {}): DemoFaults {
  return {
    delayMs: 0,
    dropNextDownloads: 0,
    downloadBytesPerSecond: 0,
    duplicateNotification: false,
    notificationsLost: false,
    recordUrlStyle: 'http',
    recordAnswerDelayMs: 0,
    refuseRecord: false,
    endlessDownloads: false,
    refuseAnnouncements: false,
    announceAnswerDelayMs: 0,
    historyAnswerDelayMs: 0,
    ...set,
  };
}

/** The fault that delays one command's answer more than the others', by the command's lower-cased name. */
const EXTRA_DELAY: Readonly<Record<string, (faults: Readonly<DemoFaults>) => number>> = {
  record: (f) => f.recordAnswerDelayMs,
  speak: (f) => f.announceAnswerDelayMs,
  play: (f) => f.announceAnswerDelayMs,
  getcallhistory: (f) => f.historyAnswerDelayMs,
};

/** How much later than it is carried out a command is answered. */
export function answerDelayMs(faults: Readonly<DemoFaults>, command: string): number {
  const name = command.toLowerCase();
  return faults.delayMs + (EXTRA_DELAY[name]?.(faults) ?? 0);
}

/** Whether the download starting now is to be cut off half-way; counts it against `dropNextDownloads`. */
export function takeDroppedDownload(faults: DemoFaults): boolean {
  if (faults.dropNextDownloads <= 0) return false;
  faults.dropNextDownloads--;
  return true;
}
