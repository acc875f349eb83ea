import { access, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Dispatcher } from 'undici';
import { download } from './download.ts';
import { folderFailure } from './errors.ts';
import type { Journal, JournalEntry } from './journal.ts';
import { sidecarPath, writeSidecar } from './library.ts';
import type { Sidecar } from './sidecar.ts';
import { moveToUniqueName, renderTemplate } from './naming.ts';
import { recordSource } from './record-source.ts';
import { checkFolder, WORK_DIR } from './folder.ts';
import type { RecorderSettings } from './settings.ts';
import { trimRecording } from './trim/index.ts';

export interface SaveContext {
  journal: Journal;
  settings: RecorderSettings;
  pbxUrl: URL;
  dispatcher: Dispatcher;
  signal: AbortSignal;
  /** Download progress, often; not journaled. */
  onProgress(bytes: number, total: number | undefined): void;
  /** The journal state changed. */
  onStep(): void;
}

/**
 * The second half of a recording's life: completed → downloading → saving → saved. Each step is journaled
 * before it is acted on, so a restart picks up where this stopped: a partial download is resumed, a file already
 * named only gets its sidecar. Throws RecordingFailure (or TrimError) with the reason; the caller records it.
 * Returns the saved file's path.
 */
export async function saveRecording(id: string, context: SaveContext): Promise<string> {
  const { journal, settings } = context;
  const folder = settings.folder;
  let entry = journal.get(id);
  if (!entry?.recordUrl) throw new Error(`Recording ${id} has no file to save yet.`);
  await checkFolder(folder);
  const workDir = join(folder, WORK_DIR);
  await mkdir(workDir, { recursive: true }).catch((error: unknown) => {
    throw folderFailure(error, folder);
  });
  const part = join(workDir, `${id}.part`);
  if (entry.savedPath) {
    // A restart after the file was named: only its sidecar may be missing.
    const path = entry.savedPath;
    if (!(await access(sidecarPath(path)).then(() => true, () => false))) await writeSidecar(path, sidecarFor(entry, path, undefined, settings.pausedParts));
  } else {
    const source = await recordSource(entry.recordUrl, context.pbxUrl);
    entry = await journal.update(id, { state: 'downloading', failure: undefined });
    context.onStep();
    const bytes = await download(source, part, { dispatcher: context.dispatcher, folder, signal: context.signal, onProgress: context.onProgress });
    entry = await journal.update(id, { state: 'saving', downloadedBytes: bytes, totalBytes: bytes });
    context.onStep();
    const out = join(workDir, `${id}.out.${entry.format}`);
    await rm(out, { force: true });
    const segments = entry.segments.length > 0 ? entry.segments : [{ startMs: 0 }];
    const trimmed = await trimRecording(part, out, entry.format, segments, settings.pausedParts).catch((error: unknown) => {
      throw (error as NodeJS.ErrnoException).code ? folderFailure(error, folder) : error;
    });
    const base = renderTemplate(settings.fileNameTemplate, {
      start: new Date(entry.call.startTime),
      from: entry.call.source,
      to: entry.call.destination,
      callerName: entry.call.callerId,
      callId: entry.callId,
      format: entry.format,
    });
    const savedPath = await mkdir(dirname(join(folder, base)), { recursive: true })
      .then(() => moveToUniqueName(out, folder, base, entry?.format ?? 'mp3'))
      .catch((error: unknown) => {
        throw folderFailure(error, folder);
      });
    entry = await journal.update(id, { savedPath, sha256: trimmed.sha256, segments }); // the name is taken
    await writeSidecar(savedPath, sidecarFor(entry, savedPath, trimmed.durationMs, settings.pausedParts));
  }
  await rm(part, { force: true });
  await journal.update(id, { state: 'saved', failure: undefined });
  return entry.savedPath ?? '';
}

/** The sidecar of a saved recording; `durationMs` is unknown only when rebuilt after a crash. */
function sidecarFor(entry: Readonly<JournalEntry>, savedPath: string, durationMs: number | undefined, pausedParts: 'remove' | 'silence'): Sidecar {
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
    sha256: entry.sha256 ?? '',
    note: '',
    pinned: false,
    savedAt: new Date().toISOString(),
  };
}
