import { access, chmod, mkdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Dispatcher } from 'undici';
import { checkAudioSignature } from './audio-signature.ts';
import { systemClock, type Clock } from './clock.ts';
import { crashPoint } from './crash-point.ts';
import { download } from './download.ts';
import { sizeCapFor, type DownloadLimits } from './download-limits.ts';
import { folderFailure, RecordingFailure } from './errors.ts';
import { checkFolder, type FreeBytes } from './folder.ts';
import type { Journal, JournalEntry } from './journal.ts';
import { sidecarPath, writeSidecar } from './library.ts';
import { freeName, placeFile, renderTemplate } from './naming.ts';
import { recordSource } from './record-source.ts';
import { keepsEverything } from './segments.ts';
import type { RecorderSettings } from './settings.ts';
import type { Sidecar } from './sidecar.ts';
import { shownAnnouncement } from './announcement.ts';
import { fileDigest, inspectRecording, trimRecording, type TrimResult } from './trim/index.ts';
import { discardOutputs, discardWork, openWorkFolder, outputPath, partPath } from './work-folder.ts';

export interface SaveContext {
  journal: Journal;
  settings: RecorderSettings;
  pbxUrl: URL;
  dispatcher: Dispatcher;
  signal: AbortSignal;
  /** Download progress, often; not journaled. */
  onProgress: (bytes: number, total: number | undefined) => void;
  /** The download is tried again after this pause (a dropped connection…), for the log. */
  onRetry?: (delayMs: number, problem: string) => void;
  /** Moves the recording by the life-cycle table (journaled); undefined when the table refuses the move. */
  move(event: 'download-started' | 'downloaded' | 'saved', change?: Partial<JournalEntry>): Promise<Readonly<JournalEntry> | undefined>;
  /** The journal state changed. */
  onStep(): void;
  /** Download time and throughput limits (the size cap comes from the call's length); defaults otherwise. */
  limits?: Partial<Omit<DownloadLimits, 'maxBytes'>>;
  /** Reads the folder's free space; the disk's own by default. */
  freeBytes?: FreeBytes;
  /** The download's timers and the sidecar's savedAt; the system clock by default. */
  clock?: Clock;
}

/**
 * Saved recordings are the user's ordinary files, with the mode any new file in their folder gets (0666 less the
 * umask); only the work folder's files are private (0600) while they are being made.
 * Node marks reading the umask this way deprecated (it sets the umask and back, racing another thread that creates
 * a file meanwhile) and offers no other way to read it; it is read once, as the module loads.
 */
// eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
const NEW_FILE_MODE = 0o666 & ~process.umask();

/**
 * The second half of a recording's life: completed → downloading → saving → saved. Each step is journaled
 * before it is acted on, so a restart picks up where this stopped: a partial download is resumed; the final name
 * is journaled (with the file's size and sha256) before the file is created there, so a file found under that
 * name after a crash is recognised as this recording's and only finished (sidecar), never saved a second time.
 * Throws RecordingFailure (or TrimError) with the reason; the caller records it. Whatever fails, no half-written
 * output stays behind, and a failure that retrying cannot mend also removes the download.
 * Returns the saved file's path.
 */
export async function saveRecording(id: string, context: SaveContext): Promise<string> {
  const { journal, settings } = context;
  const folder = settings.folder;
  const entry = journal.get(id);
  if (!entry?.recordUrl) throw new Error(`Recording ${id} has no file to save yet.`);
  await checkFolder(folder, { freeBytes: context.freeBytes });
  await openWorkFolder(folder);
  try {
    const saved: { path: string; audio?: SavedAudio } =
      (entry.savedPath ? { path: entry.savedPath } : await recogniseClaim(id, journal)) ?? (await fetchTrimAndPlace(id, context));
    const done = journal.get(id) ?? entry;
    if (
      !(await access(sidecarPath(saved.path)).then(
        () => true,
        () => false,
      ))
    ) {
      const audio = saved.audio ?? (await inspectRecording(saved.path, done.format).catch(() => undefined));
      await writeSidecar(saved.path, sidecarFor(done, saved.path, audio, settings.pausedParts, (context.clock ?? systemClock).now()));
    }
    await rm(partPath(folder, id), { force: true });
    await discardOutputs(folder, id); // a crash between placing the file and removing its work copy leaves one
    await step(context, 'saved', { failure: undefined });
    return saved.path;
  } catch (error) {
    await discardOutputs(folder, id);
    if (!context.signal.aborted && !(error instanceof RecordingFailure && error.retryable)) await discardWork(folder, id);
    throw error;
  }
}

/**
 * After a crash between naming the file and journaling it saved: if the claimed name holds exactly the file this
 * recording was to be (size and sha256 as journaled), it is this recording's, and its path is journaled as saved.
 * Anything else there is someone else's file: undefined, and a new name will be claimed.
 */
async function recogniseClaim(id: string, journal: Journal): Promise<{ path: string } | undefined> {
  const { claimedPath, claimedBytes, sha256 } = journal.get(id) ?? {};
  if (!claimedPath || claimedBytes === undefined || !sha256) return undefined;
  const bytes = await stat(claimedPath).then(
    (s) => (s.isFile() ? s.size : undefined),
    () => undefined,
  );
  if (bytes !== claimedBytes || (await fileDigest(claimedPath)).sha256 !== sha256) return undefined;
  await journal.update(id, { savedPath: claimedPath });
  return { path: claimedPath };
}

/** One step of the save, by the table; a refused step (the user dismissed it meanwhile…) ends the save. */
async function step(context: SaveContext, event: 'download-started' | 'downloaded' | 'saved', change: Partial<JournalEntry>): Promise<Readonly<JournalEntry>> {
  const entry = await context.move(event, change);
  if (!entry) throw new Error(`the recording could not move on to "${event}"`);
  return entry;
}

/** What the sidecar says of the saved audio: its length, and the format's name when it could not be cut. */
type SavedAudio = Pick<TrimResult, 'durationMs' | 'uncutFormat'>;

async function fetchTrimAndPlace(id: string, context: SaveContext): Promise<{ path: string; audio: SavedAudio }> {
  const { journal, settings } = context;
  const folder = settings.folder;
  const clock = context.clock ?? systemClock;
  let entry = journal.get(id) as Readonly<JournalEntry>;
  const source = await recordSource(entry.recordUrl ?? '', {
    pbxUrl: context.pbxUrl,
    recordingsOrigin: settings.recordingsOrigin,
    pbxRecordingsDir: settings.pbxRecordingsDir,
  });
  entry = await step(context, 'download-started', { failure: undefined });
  context.onStep();
  const part = partPath(folder, id);
  const bytes = await download(source, part, {
    dispatcher: context.dispatcher,
    folder,
    signal: context.signal,
    onProgress: context.onProgress,
    onRetry: context.onRetry,
    freeBytes: context.freeBytes,
    clock,
    limits: { ...context.limits, maxBytes: sizeCapFor(entry.format, entry.requestedAt, entry.endedAt ?? clock.now()) },
  });
  await checkAudioSignature(part, entry.format);
  entry = await step(context, 'downloaded', { downloadedBytes: bytes, totalBytes: bytes });
  context.onStep();
  const segments = entry.segments.length > 0 ? entry.segments : [{ startMs: 0 }];
  const ready = await keptAudio(id, part, bytes, entry.format, segments, context);
  const base = renderTemplate(settings.fileNameTemplate, {
    start: new Date(entry.call.startTime),
    from: entry.call.source,
    to: entry.call.destination,
    callerName: entry.call.callerId,
    callId: entry.callId,
    format: entry.format,
  });
  const inFolder = <T>(action: Promise<T>): Promise<T> =>
    action.catch((error: unknown) => {
      throw folderFailure(error, folder);
    });
  await inFolder(chmod(ready.path, NEW_FILE_MODE));
  await inFolder(mkdir(dirname(join(folder, base)), { recursive: true }));
  // Intent, then act: the name is journaled before the file is created under it.
  for (;;) {
    const target = await inFolder(freeName(folder, base, entry.format));
    await journal.update(id, { claimedPath: target, claimedBytes: ready.bytes, sha256: ready.sha256, segments });
    crashPoint('after-name-journaled');
    if (!(await inFolder(placeFile(ready.path, target)))) continue; // taken between the check and the move: the next name
    crashPoint('after-file-named');
    await journal.update(id, { savedPath: target });
    return { path: target, audio: ready };
  }
}

/**
 * The audio to save, in the work folder. Nothing paused: the download itself, moved into place later (no copy,
 * so no second file's worth of disk). Otherwise the kept parts written into an output file, after checking there
 * is room for it.
 */
async function keptAudio(
  id: string,
  part: string,
  bytes: number,
  format: 'wav' | 'mp3',
  segments: JournalEntry['segments'],
  context: SaveContext,
): Promise<TrimResult & { path: string }> {
  if (keepsEverything(segments)) return { path: part, ...(await inspectRecording(part, format)) };
  const folder = context.settings.folder;
  await checkFolder(folder, { neededBytes: bytes, freeBytes: context.freeBytes });
  const out = outputPath(folder, id, format);
  await rm(out, { force: true });
  const trimmed = await trimRecording(part, out, format, segments, context.settings.pausedParts).catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code ? folderFailure(error, folder) : error;
  });
  return { path: out, ...trimmed };
}

/**
 * The sidecar of a saved recording; `audio` is unknown only when the saved file cannot be read. A format that cannot
 * be cut is named only when something was paused: then the paused parts are still in the file.
 */
function sidecarFor(
  entry: Readonly<JournalEntry>,
  savedPath: string,
  audio: SavedAudio | undefined,
  pausedParts: 'remove' | 'silence',
  savedAt: number,
): Sidecar {
  const durationMs = audio?.durationMs;
  const uncut = audio?.uncutFormat !== undefined && entry.segments.length > 0 && !keepsEverything(entry.segments) ? { uncutFormat: audio.uncutFormat } : {};
  return {
    app: 'ozeki-recorder',
    version: 1,
    file: basename(savedPath),
    recordingId: entry.id,
    callId: entry.callId,
    from: entry.call.source,
    to: entry.call.destination,
    callerName: entry.call.callerId,
    startTime: entry.call.startTime,
    durationSeconds: durationMs === undefined ? 0 : Math.round(durationMs / 100) / 10,
    keptSegments: entry.segments,
    pausedParts,
    format: entry.format,
    ...uncut,
    ...(entry.announcement ? { announcement: shownAnnouncement(entry.announcement) } : {}),
    sha256: entry.sha256 ?? '',
    note: '',
    pinned: false,
    savedAt: new Date(savedAt).toISOString(),
  };
}
