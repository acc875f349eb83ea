import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Dispatcher } from 'undici';
import { checkAudioSignature } from './audio-signature.ts';
import { claimName, releaseClaim, resumeClaim, whoseName } from './claim.ts';
import { systemClock, type Clock } from './clock.ts';
import { crashPoint } from './crash-point.ts';
import { download } from './download.ts';
import { sizeCapFor, type DownloadLimits } from './download-limits.ts';
import { folderFailure, RecordingFailure } from './errors.ts';
import { checkFolder, type FreeBytes } from './folder.ts';
import type { Journal, JournalEntry } from './journal.ts';
import { ensureSidecar, readSidecar, sidecarPath } from './library.ts';
import { freeName, renderTemplate } from './naming.ts';
import { recordSource } from './record-source.ts';
import { keepsEverything } from './segments.ts';
import type { RecorderSettings } from './settings.ts';
import type { Desk, Sidecar } from './sidecar.ts';
import { shownAnnouncement } from './announcement.ts';
import { fileDigest, inspectRecording, trimRecording, type TrimResult } from './trim/index.ts';
import { discardOutputs, discardWork, openWorkFolder, outputPath, partPath } from './work-folder.ts';

/** The life-cycle events of a save. */
export type SaveEvent = 'download-started' | 'downloaded' | 'saved' | 'queued';

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
  move(event: SaveEvent, change?: Partial<JournalEntry>): Promise<Readonly<JournalEntry> | undefined>;
  /** The journal state changed. */
  onStep(): void;
  /** Download time and throughput limits (the size cap comes from the call's length); defaults otherwise. */
  limits?: Partial<Omit<DownloadLimits, 'maxBytes'>>;
  /** Reads the folder's free space; the disk's own by default. */
  freeBytes?: FreeBytes;
  /** The download's timers and the sidecar's savedAt; the system clock by default. */
  clock?: Clock;
  /** The desk saving it, named in the sidecar. */
  desk: Desk;
  /**
   * The local queue (a folder in the data folder): where the finished recording is kept while the recordings
   * folder cannot be reached. Without one, the recording waits for the folder.
   */
  queueDir?: string;
}

/** Where a save ended: the file's path, in the recordings folder (saved) or in the local queue (queued). */
export interface SaveOutcome {
  path: string;
  queued: boolean;
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
 * is journaled (with the file's size and sha256) before it is claimed (claim.ts), so a name found claimed or
 * filled after a crash is recognised as this recording's and only finished (sidecar), never saved a second time.
 * When the recordings folder cannot be reached and there is a local queue, the same steps run there and end in
 * `queued` (local-queue.ts moves the file on later).
 * Throws RecordingFailure (or TrimError) with the reason; the caller records it. Whatever fails, no half-written
 * output stays behind, and a failure that retrying cannot mend also removes the download.
 */
export async function saveRecording(id: string, context: SaveContext): Promise<SaveOutcome> {
  const { journal, settings } = context;
  const entry = journal.get(id);
  if (!entry?.recordUrl) throw new Error(`Recording ${id} has no file to save yet.`);
  const folder = await saveRoot(entry, context);
  const queued = folder !== settings.folder;
  await openWorkFolder(folder);
  try {
    const found = entry.savedPath ? { path: entry.savedPath } : await recogniseClaim(id, journal, folder);
    const saved: { path: string; audio?: SavedAudio } = found && 'path' in found ? found : await fetchTrimAndPlace(id, context, folder, found?.held);
    const done = journal.get(id) ?? entry;
    await ensureSidecar(saved.path, id, async () => {
      const audio = saved.audio ?? (await inspectRecording(saved.path, done.format).catch(() => undefined));
      const savedAt = (context.clock ?? systemClock).now();
      return sidecarFor(done, saved.path, audio, { pausedParts: settings.pausedParts, savedAt, desk: context.desk });
    });
    await rm(partPath(folder, id), { force: true });
    await discardOutputs(folder, id); // a crash between placing the file and removing its work copy leaves one
    if (queued) await step(context, 'queued', { failure: undefined, queuedPath: saved.path, savedPath: undefined, claimedPath: undefined });
    else {
      if (context.queueDir) await discardWork(context.queueDir, id); // a download begun while the folder was away
      await step(context, 'saved', { failure: undefined });
    }
    return { path: saved.path, queued };
  } catch (error) {
    await discardOutputs(folder, id);
    if (!context.signal.aborted && !(error instanceof RecordingFailure && error.retryable)) await discardWork(folder, id);
    throw error;
  }
}

/** Whether `path` lies inside `folder`. */
export function isInside(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && !isAbsolute(inside) && inside.split(sep)[0] !== '..';
}

/** Whether the save of `entry` has journaled a name (claimed, or filled) inside `folder`. */
export function namedIn(entry: Readonly<JournalEntry>, folder: string): boolean {
  const named = entry.savedPath ?? entry.claimedPath;
  return named !== undefined && isInside(folder, named);
}

/**
 * Where this save runs: the recordings folder, or the local queue when the folder cannot be reached (missing,
 * unmounted, no access: not when it is full, or not set) — or when the save had already named its file there.
 * A save that already named its file in the recordings folder waits for that folder instead: its file, or its
 * claim, is there (a crash after naming it), and a copy kept on this computer would be saved a second time under
 * another name while that name stayed taken.
 */
async function saveRoot(entry: Readonly<JournalEntry>, context: SaveContext): Promise<string> {
  const { settings, queueDir } = context;
  if (queueDir && namedIn(entry, queueDir)) return queueDir;
  try {
    await checkFolder(settings.folder, { freeBytes: context.freeBytes });
    return settings.folder;
  } catch (error) {
    if (!queueDir || !cannotReach(error) || namedIn(entry, settings.folder)) throw error;
    await mkdir(queueDir, { recursive: true, mode: 0o700 }); // private, like the data folder it is in
    await checkFolder(queueDir, { freeBytes: context.freeBytes });
    return queueDir;
  }
}

/**
 * A folder failure that means the folder cannot be reached now (missing, unmounted, no access, a share that
 * dropped), as opposed to one that is full or not chosen: only then is a recording kept on this computer.
 */
export function cannotReach(error: unknown): boolean {
  if (!(error instanceof RecordingFailure) || error.kind !== 'folder') return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code !== 'ENOSPC' && code !== 'EDQUOT';
}

/**
 * After a crash between naming the file and journaling it saved, what its journaled name holds:
 * - this recording's claim (claim.ts): `held`, the name to fill;
 * - exactly the file this recording was to be (size and sha256 as journaled), its sidecar's name not someone
 *   else's: it is this recording's, and its path is journaled as saved;
 * - anything else is someone else's (another desk may have saved the same PBX file under that name): undefined,
 *   and a new name will be claimed.
 */
export async function recogniseClaim(id: string, journal: Journal, folder: string): Promise<{ path: string } | { held: string } | undefined> {
  const { claimedPath, claimedBytes, sha256 } = journal.get(id) ?? {};
  if (!claimedPath || !isInside(folder, claimedPath)) return undefined;
  if (await resumeClaim(claimedPath, id)) return { held: claimedPath };
  if (claimedBytes === undefined || !sha256) return undefined;
  const bytes = await stat(claimedPath).then(
    (s) => (s.isFile() ? s.size : undefined),
    () => undefined,
  );
  if (bytes !== claimedBytes || (await fileDigest(claimedPath)).sha256 !== sha256) return undefined;
  if ((await whoseName(sidecarPath(claimedPath), id)) === 'other' && (await readSidecar(claimedPath))?.recordingId !== id) return undefined;
  await journal.update(id, { savedPath: claimedPath });
  return { path: claimedPath };
}

/** One step of the save, by the table; a refused step (the user dismissed it meanwhile…) ends the save. */
async function step(context: SaveContext, event: SaveEvent, change: Partial<JournalEntry>): Promise<Readonly<JournalEntry>> {
  const entry = await context.move(event, change);
  if (!entry) throw new Error(`the recording could not move on to "${event}"`);
  return entry;
}

/** What the sidecar says of the saved audio: its length, and the format's name when it could not be cut. */
export type SavedAudio = Pick<TrimResult, 'durationMs' | 'uncutFormat'>;

async function fetchTrimAndPlace(id: string, context: SaveContext, folder: string, held: string | undefined): Promise<{ path: string; audio: SavedAudio }> {
  const { journal, settings } = context;
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
  const ready = await keptAudio(id, part, bytes, entry.format, segments, folder, context);
  const base = nameBase(entry, settings.fileNameTemplate);
  const path = await placeUnderFreeName(id, journal, { folder, base, ext: entry.format, ready, held, claim: { segments } });
  return { path, audio: ready };
}

/** The recording's name from the file name template: a relative path without extension. */
export function nameBase(entry: Readonly<JournalEntry>, template: string): string {
  return renderTemplate(template, {
    start: new Date(entry.call.startTime),
    from: entry.call.source,
    to: entry.call.destination,
    callerName: entry.call.callerId,
    callId: entry.callId,
    format: entry.format,
  });
}

export interface Placement {
  /** The folder the file goes into. */
  folder: string;
  /** Its name from the template, without extension; `/` makes sub-folders. */
  base: string;
  ext: string;
  /** The finished file, in the folder's work folder (same disk: placing it is a rename), its size and sha256. */
  ready: { path: string; bytes: number; sha256: string };
  /** A name this recording already holds (a claim taken up after a crash); it is filled first. */
  held?: string | undefined;
  /** More to journal with the name. */
  claim?: Partial<JournalEntry>;
}

/**
 * Gives a finished file its final name: the first free of `<base>.<ext>`, `<base> (2).<ext>`…, journaled before it
 * is claimed (intent, then act) and claimed exclusively with its sidecar's name (claim.ts), so another desk saving
 * into the same folder at the same moment takes the next one. The file is then renamed over its own claim, and
 * the name journaled as saved. Returns the final path; its sidecar's name holds the claim until it is written.
 */
export async function placeUnderFreeName(id: string, journal: Journal, placement: Placement): Promise<string> {
  const { folder, base, ext, ready } = placement;
  const inFolder = <T>(action: Promise<T>): Promise<T> =>
    action.catch((error: unknown) => {
      throw folderFailure(error, folder);
    });
  await inFolder(chmod(ready.path, NEW_FILE_MODE));
  await inFolder(mkdir(dirname(join(folder, base)), { recursive: true }));
  const named = { claimedBytes: ready.bytes, sha256: ready.sha256, ...placement.claim };
  let target = placement.held;
  if (target) await journal.update(id, { claimedPath: target, ...named });
  while (target === undefined) {
    const candidate = await inFolder(freeName(folder, base, ext));
    await journal.update(id, { claimedPath: candidate, ...named });
    crashPoint('after-name-journaled');
    if (!(await inFolder(claimName(candidate, id)))) continue; // taken between the check and the claim: the next name
    crashPoint('after-name-claimed');
    target = candidate;
  }
  const claimed = target;
  await inFolder(
    rename(ready.path, claimed).catch(async (error: unknown) => {
      // The share dropped, or the file is gone: the placeholders go (if the folder still answers), so no name stays
      // taken by a file that never came. A claim that could not be removed is taken up at the next try.
      await releaseClaim(claimed, id).catch(() => undefined);
      throw error;
    }),
  );
  crashPoint('after-file-named');
  await journal.update(id, { savedPath: target });
  return target;
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
  folder: string,
  context: SaveContext,
): Promise<TrimResult & { path: string }> {
  if (keepsEverything(segments)) return { path: part, ...(await inspectRecording(part, format)) };
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
export function sidecarFor(
  entry: Readonly<JournalEntry>,
  savedPath: string,
  audio: SavedAudio | undefined,
  saving: { pausedParts: 'remove' | 'silence'; savedAt: number; desk: Desk },
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
    pausedParts: saving.pausedParts,
    format: entry.format,
    ...uncut,
    ...(entry.announcement ? { announcement: shownAnnouncement(entry.announcement) } : {}),
    sha256: entry.sha256 ?? '',
    note: '',
    pinned: false,
    savedAt: new Date(saving.savedAt).toISOString(),
    desk: saving.desk,
  };
}
