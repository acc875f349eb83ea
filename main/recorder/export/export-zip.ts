import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { access, constants, lstat, readdir, realpath, rm, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { Clock } from '../clock.ts';
import { diskFreeBytes, formatBytes, SPACE_MARGIN_BYTES, type FreeBytes } from '../folder.ts';
import { realFileInside, scanLibrary, sidecarPath, type LibraryItem } from '../library.ts';
import { localDay } from '../local-day.ts';
import { nameFreeFor, placeFile } from '../naming.ts';
import { asExportFailure, ExportFailure, targetFailure } from './export-failure.ts';
import { csvIndex } from './index-csv.ts';
import { htmlIndex } from './index-html.ts';
import type { ExportedRecording } from './index-rows.ts';
import { selectForExport, type ExportSelection } from './selection.ts';

export interface ExportProgress {
  doneBytes: number;
  totalBytes: number;
}

export interface ExportOptions {
  /** The recordings folder. */
  folder: string;
  selection: ExportSelection;
  /** The ZIP to write. */
  target: string;
  /** Replace a file already there (a save dialog asked the user); otherwise such a file is a failure. */
  overwrite?: boolean;
  clock: Clock;
  /** Reads the free space of the target's disk; the disk's own by default (tests give a small volume). */
  freeBytes?: FreeBytes;
  /** Told how far the ZIP is written, at most once per whole percent. */
  onProgress?: (progress: ExportProgress) => void;
  /** Stops the export; nothing of it stays on the disk. */
  signal?: AbortSignal;
}

export interface ExportResult {
  file: string;
  count: number;
  bytes: number;
}

/** Where the recordings go inside the ZIP, beside index.csv and index.html. */
export const RECORDINGS_IN_ZIP = 'recordings';

/** Chunks of 1 MiB: far fewer trips through the streams than the default 64 KiB, and still a flat memory. */
const READ_CHUNK_BYTES = 1024 * 1024;

/** A file of a recording to put into the ZIP: where it really is (links resolved), its name there, its size. */
interface ZipInput {
  real: string;
  name: string;
  size: number;
  mtime: Date;
}

/** A name for the ZIP a save dialog proposes: "calls-2026-11-20.zip", "calls-2026-11-01-to-2026-11-30.zip". */
export function exportFileName(selection: ExportSelection, now: Date): string {
  if (selection.kind === 'filter' && (selection.from || selection.to)) {
    const from = selection.from ?? 'start';
    const to = selection.to ?? localDay(now);
    return `calls-${from === to ? from : `${from}-to-${to}`}.zip`;
  }
  return `calls-${localDay(now)}.zip`;
}

/** The recordings a selection names, oldest first, from the folder's sidecars; a failure in words when there are none. */
export async function recordingsToExport(folder: string, selection: ExportSelection): Promise<LibraryItem[]> {
  if (!folder) throw new ExportFailure('source', 'No recordings folder is set. Choose one in the settings.');
  try {
    await access(folder, constants.R_OK);
  } catch {
    throw new ExportFailure('source', `The recordings folder ${folder} is missing or cannot be read. Plug in its drive, or choose it again.`);
  }
  return selectForExport(await scanLibrary(folder), selection);
}

/** How many recordings a selection names and the bytes of their files (about the size of the ZIP). */
export async function summarizeExport(folder: string, selection: ExportSelection): Promise<{ count: number; bytes: number }> {
  const { inputs, recordings } = await zipInputs(folder, await recordingsToExport(folder, selection));
  return { count: recordings.length, bytes: inputs.reduce((sum, input) => sum + input.size, 0) };
}

/** "1 recording", "12 recordings, 340 MB". */
export function describeRecordings(count: number, bytes?: number): string {
  const recordings = count === 1 ? '1 recording' : `${count} recordings`;
  return bytes === undefined ? recordings : `${recordings}, ${formatBytes(bytes)}`;
}

/** What a person is told when an export is written: "Exported 12 recordings (340 MB) to /home/anna/calls.zip". */
export function describeExport(result: ExportResult): string {
  return `Exported ${describeRecordings(result.count)} (${formatBytes(result.bytes)}) to ${result.file}`;
}

/** The audio file and the description of each recording, refused when a link leads out of the recordings folder. */
async function zipInputs(folder: string, items: readonly LibraryItem[]): Promise<{ inputs: ZipInput[]; recordings: ExportedRecording[] }> {
  const root = await realpath(folder);
  const inputs: ZipInput[] = [];
  const recordings: ExportedRecording[] = [];
  for (const item of items) {
    const files = [item.path, sidecarPath(item.path)];
    const [audio, description] = await Promise.all(files.map((path) => fileInZip(root, folder, path)));
    if (!audio || !description)
      throw new ExportFailure('source', `The recording ${item.relativePath} is not a file inside the recordings folder; it cannot be exported.`);
    inputs.push(audio, description);
    recordings.push({ sidecar: item.sidecar, audio: audio.name, description: description.name });
  }
  return { inputs, recordings };
}

async function fileInZip(root: string, folder: string, path: string): Promise<ZipInput | undefined> {
  const real = await realFileInside(root, path);
  if (!real) return undefined;
  const { size, mtime } = await stat(real);
  return { real, name: `${RECORDINGS_IN_ZIP}/${relative(folder, path).split('\\').join('/')}`, size, mtime };
}

/**
 * Writes the recordings a selection names into one ZIP at `target`: their audio files stored as they are, their
 * descriptions (sidecars), index.csv and index.html. Streamed: each file is read in chunks while the ZIP is
 * written, never whole. The ZIP is written under a temporary name beside the target and renamed only when it is
 * complete; on any failure (full disk, a recording that vanished or changed meanwhile, a stop) it is removed.
 */
export async function exportRecordings(options: ExportOptions): Promise<ExportResult> {
  const { folder, target, clock } = options;
  const targetDir = dirname(target);
  const items = await recordingsToExport(folder, options.selection);
  const { inputs, recordings } = await zipInputs(folder, items);
  const now = new Date(clock.now());

  const abort = new AbortController();
  const fail = (error: unknown) => {
    if (!abort.signal.aborted) abort.abort(error);
  };
  const stop = () => fail(new ExportFailure('internal', 'The export was stopped; nothing was written.'));
  options.signal?.addEventListener('abort', stop, { once: true });
  const reading = new Set<ReadStream>();
  let temp: string | undefined;
  try {
    // Everything is stored, not deflated: audio does not compress, and with every size known the ZIP's own size
    // is known before a byte is written (checked against the free space first).
    const zip = new ZipFile();
    const meta = { mtime: now, mode: 0o100644, compress: false };
    zip.addBuffer(Buffer.from(htmlIndex(recordings, now)), 'index.html', meta);
    zip.addBuffer(Buffer.from(csvIndex(recordings)), 'index.csv', meta);
    for (const input of inputs) {
      zip.addReadStreamLazy(input.name, { ...meta, size: input.size, mtime: input.mtime }, (give) => {
        const stream = createReadStream(input.real, { highWaterMark: READ_CHUNK_BYTES });
        reading.add(stream);
        // yazl pipes the stream without listening for its errors: a recording that cannot be read fails the export here.
        stream.on('error', (error) => fail(new ExportFailure('source', `Could not read ${input.name}: ${error.message}`, { cause: error })));
        stream.on('close', () => reading.delete(stream));
        give(null, stream);
      });
    }
    zip.on('error', (error: Error) =>
      // yazl's one error of its own while writing: a file whose size changed after it was listed.
      fail(new ExportFailure('source', `A recording changed while it was being exported (${error.message}). Try again.`, { cause: error })),
    );
    const totalBytes = await new Promise<number>((resolve) => zip.end({ forceZip64Format: false, comment: '' }, (size?: number) => resolve(size ?? -1)));
    await checkTarget(targetDir, totalBytes, options);
    if (abort.signal.aborted) throw abort.signal.reason;
    temp = join(targetDir, `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
    await writeFile(temp, '', { flag: 'wx', mode: 0o600 });
    await clearCrashedExports(targetDir, temp);
    if (!options.overwrite && !(await nameFreeFor(target, temp))) throw nameTaken(target);
    await pipeline(zip.outputStream, progressCounter(totalBytes, options.onProgress), createWriteStream(temp, { flags: 'r+', flush: true }), {
      signal: abort.signal,
    });
    // Without overwrite the name is claimed without ever replacing a file that appeared there meanwhile.
    if (options.overwrite) await rename(temp, target);
    else if (!(await placeFile(temp, target))) throw nameTaken(target);
    return { file: target, count: recordings.length, bytes: totalBytes };
  } catch (error) {
    for (const stream of reading) stream.destroy();
    if (temp) await rm(temp, { force: true });
    const cause: unknown = abort.signal.aborted ? abort.signal.reason : error;
    throw cause instanceof ExportFailure ? cause : isFileSystemError(cause) ? targetFailure(cause, targetDir) : asExportFailure(cause);
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
}

const isFileSystemError = (error: unknown) =>
  typeof (error as { code?: unknown } | null)?.code === 'string' && (error as { syscall?: unknown }).syscall !== undefined;

/** The target's folder exists, is writable and has room for the whole ZIP. */
async function checkTarget(targetDir: string, totalBytes: number, options: ExportOptions): Promise<void> {
  let free: number;
  try {
    const dir = await stat(targetDir);
    if (!dir.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    await access(targetDir, constants.W_OK);
    free = await (options.freeBytes ?? diskFreeBytes)(targetDir);
  } catch (error) {
    throw targetFailure(error, targetDir);
  }
  const needed = totalBytes + SPACE_MARGIN_BYTES;
  if (free < needed)
    throw new ExportFailure(
      'target',
      `The disk of ${targetDir} is full: the export needs ${formatBytes(needed)} and ${formatBytes(Math.max(0, free))} is free. Free some space or choose another place; nothing was exported.`,
    );
}

/** A ZIP being written beside its target: `.<name>.zip.<12 hex digits>.part`. */
const PART_NAME = /^\..+\.zip\.[0-9a-f]{12}\.part$/;
/**
 * An export writes its .part all along, so one not written for this long before this export began is what an
 * export killed mid-way left (a crash, a power cut). The margin spares an export into the same folder that is
 * running now and stalls for a while (a slow share); a leftover younger than that goes at a later export.
 */
const CRASHED_PART_AGE_MS = 10 * 60_000;

/**
 * Removes what exports killed mid-way left in `dir`: their .part files, older than this export's own `own` by the
 * margin (times read from the same disk, so a share's clock that differs from this computer's does not matter).
 * The placeholder such an export may have left at its target then names a file that is gone, and placeFile takes
 * that name again (naming.ts). Best effort: a leftover that cannot be removed does not stop this export.
 */
async function clearCrashedExports(dir: string, own: string): Promise<void> {
  try {
    const before = (await stat(own)).mtimeMs - CRASHED_PART_AGE_MS;
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      if (!PART_NAME.test(name) || path === own) continue;
      const found = await lstat(path).catch(() => undefined);
      if (found?.isFile() && found.mtimeMs < before) await rm(path, { force: true });
    }
  } catch {
    // Nothing more to clear now; the next export tries again.
  }
}

function nameTaken(target: string): ExportFailure {
  return new ExportFailure('target', `${target} already exists. Choose another name, or delete that file first.`);
}

/** Passes the ZIP through, counting its bytes, and tells `onProgress` each time another whole percent is written. */
function progressCounter(totalBytes: number, onProgress: ExportOptions['onProgress']): Transform {
  let doneBytes = 0;
  let told = -1;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      doneBytes += chunk.length;
      const percent = totalBytes > 0 ? Math.floor((doneBytes * 100) / totalBytes) : 100;
      if (onProgress && percent > told) {
        told = percent;
        onProgress({ doneBytes, totalBytes });
      }
      callback(null, chunk);
    },
  });
}
