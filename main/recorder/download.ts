// One download of a recording into the work folder: the HTTP attempt loop with Range resume, the body writer with its
// size and throughput limits, and the local copy. (Over 250 lines: the three share the limits, the deadline and the
// part file's rules, and splitting them would pass that state around instead of keeping it in view.)
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { backoffDelay, DOWNLOAD_RETRY } from './backoff.ts';
import { sleep, systemClock, type Clock } from './clock.ts';
import type { Dispatcher } from 'undici';
import { DEFAULT_LIMITS, HARD_CAP_BYTES, type DownloadLimits } from './download-limits.ts';
import { folderFailure, RecordingFailure } from './errors.ts';
import { checkFolder, formatBytes, type FreeBytes } from './folder.ts';
import { openLocalRecording, type RecordSource } from './record-source.ts';
import { WORK_FILE_MODE } from './work-folder.ts';

export interface DownloadOptions {
  dispatcher: Dispatcher;
  /** The recordings folder, for messages about it and its free space. */
  folder: string;
  signal?: AbortSignal;
  onProgress?: (bytes: number, total: number | undefined) => void;
  /** Attempts within one call before giving up with a retryable failure. */
  attempts?: number;
  /** Pause before attempt n (n ≥ 1). */
  backoffMs?: (attempt: number) => number;
  /** A next attempt is to come after this pause, for the log. */
  onRetry?: (delayMs: number, problem: string) => void;
  /** Size, time and throughput limits; maxBytes defaults to the hard cap, the rest to DEFAULT_LIMITS. */
  limits?: Partial<DownloadLimits>;
  /** Reads the folder's free space (tests give a small volume). */
  freeBytes?: FreeBytes;
  /** The deadline, the pauses between attempts and the throughput windows run on it; the system clock by default. */
  clock?: Clock;
}

const FOLDER_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

const retryLater = (problem: string) => new RecordingFailure('network', `${problem} It will be tried again, from where it stopped.`);

function tooLarge(maxBytes: number): RecordingFailure {
  return new RecordingFailure(
    'damaged',
    `The file from the PBX is larger than a recording of this call can be (over ${formatBytes(maxBytes)}). Nothing was saved.`,
  );
}

function duration(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} minutes`;
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

function totalFrom(headers: Record<string, string | string[] | undefined>, statusCode: number, offset: number): number | undefined {
  if (statusCode === 206) {
    const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(headers['content-range'] ?? ''));
    if (!match || Number(match[1]) !== offset) return undefined;
    return match[3] === '*' ? undefined : Number(match[3]);
  }
  const length = Number(headers['content-length']);
  return Number.isFinite(length) && headers['content-length'] !== undefined ? length : undefined;
}

/**
 * Brings the recording into `part`, streaming. A partial `part` from an earlier drop or run is resumed with
 * Range; dropped connections and 5xx answers are retried with backoff; the length is checked; the file is fsynced.
 * Limits: a file larger than `maxBytes` fails as 'damaged' (its part is useless); a body that stalls, a transfer
 * slower than the minimum or past the deadline fails at once as retryable 'network', so that its download slot
 * goes to the next recording and this one resumes later.
 */
export async function download(source: RecordSource, part: string, options: DownloadOptions): Promise<number> {
  const limits: DownloadLimits = { ...DEFAULT_LIMITS, maxBytes: HARD_CAP_BYTES, ...options.limits };
  const stop = new AbortController();
  const cancelDeadline = (options.clock ?? systemClock).after(limits.deadlineMs, () =>
    stop.abort(retryLater(`The download from the PBX took longer than ${duration(limits.deadlineMs)}.`)),
  );
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  try {
    return source.kind === 'file'
      ? await copyLocal(source.path, part, options, limits, signal)
      : await fetchOver(source.url, part, options, limits, signal, (failure) => stop.abort(failure));
  } catch (error) {
    // A limit stopped it: say which, rather than the abort the stop caused.
    if (stop.signal.aborted && !options.signal?.aborted) throw stop.signal.reason;
    throw error;
  } finally {
    cancelDeadline();
  }
}

async function fetchOver(
  url: URL,
  part: string,
  options: DownloadOptions,
  limits: DownloadLimits,
  signal: AbortSignal,
  abort: (failure: RecordingFailure) => void,
): Promise<number> {
  const attempts = options.attempts ?? 5;
  const backoff = options.backoffMs ?? ((n) => backoffDelay(DOWNLOAD_RETRY, n) ?? DOWNLOAD_RETRY.capMs);
  let lastProblem = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) {
      const delayMs = backoff(attempt);
      options.onRetry?.(delayMs, lastProblem || 'the file is fetched again from its start');
      await sleep(options.clock ?? systemClock, delayMs, signal);
    }
    signal.throwIfAborted();
    const offset = await sizeOf(part);
    let response: Dispatcher.ResponseData;
    try {
      // Loaded here, at the first download, not at the start (lazy-agent.ts says why).
      const { request } = await import('undici');
      response = await request(url, {
        dispatcher: options.dispatcher,
        signal,
        headersTimeout: limits.bodyTimeoutMs,
        bodyTimeout: limits.bodyTimeoutMs,
        headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      });
    } catch (error) {
      if (signal.aborted) throw error;
      if ((error as { code?: string }).code === 'UND_ERR_HEADERS_TIMEOUT')
        throw retryLater(`The PBX did not answer the download within ${duration(limits.bodyTimeoutMs)}.`);
      lastProblem = error instanceof Error ? error.message : String(error);
      continue;
    }
    const { statusCode, headers, body } = response;
    if (statusCode === 416 && offset > 0) {
      await body.dump();
      const total = Number(/\*\/(\d+)/.exec(String(headers['content-range'] ?? ''))?.[1]);
      if (total === offset) return finish(part, offset, options);
      await open(part, 'w').then((f) => f.close()); // the part is longer than the file: start over
      continue;
    }
    if (statusCode === 404 || statusCode === 410) {
      await body.dump();
      throw new RecordingFailure('gone', `The PBX no longer has this recording (HTTP ${statusCode}).`);
    }
    if (statusCode >= 400 && statusCode < 500) {
      await body.dump();
      throw new RecordingFailure('refused', `The PBX refused the download (HTTP ${statusCode}).`);
    }
    if (statusCode !== 200 && statusCode !== 206) {
      await body.dump();
      lastProblem = `HTTP ${statusCode}`;
      continue;
    }
    const resumed = statusCode === 206;
    const total = totalFrom(headers, statusCode, offset);
    if (resumed && total === undefined) {
      // a range we did not ask for: start over from the beginning
      await body.dump();
      await open(part, 'w').then((f) => f.close());
      continue;
    }
    if (total !== undefined && total > limits.maxBytes) {
      await body.dump(); // reads at most a little of it, then closes the connection
      throw tooLarge(limits.maxBytes);
    }
    // The body must be read from now on (a body left waiting loses what it buffered when the peer hangs up), so
    // the disk's room for it is checked while it flows: a disk too small stops it, with a message saying so.
    let written = resumed ? offset : 0;
    const room =
      total === undefined
        ? undefined
        : checkFolder(options.folder, { neededBytes: () => total - written, freeBytes: options.freeBytes }).then(
            () => undefined,
            (error: unknown) => {
              const failure = error instanceof RecordingFailure ? error : folderFailure(error, options.folder);
              abort(failure);
              return failure;
            },
          );
    try {
      const onProgress = (bytes: number) => {
        written = bytes;
        options.onProgress?.(bytes, total);
      };
      await appendBody(body, part, resumed, offset, limits, abort, onProgress, options.clock ?? systemClock);
      const noRoom = await room; // a small body may be in before the verdict: it holds all the same
      if (noRoom) throw noRoom;
    } catch (error) {
      if (signal.aborted) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'UND_ERR_BODY_TIMEOUT') throw retryLater(`The PBX stopped sending the recording: nothing came for ${duration(limits.bodyTimeoutMs)}.`);
      if (code && FOLDER_CODES.has(code)) throw folderFailure(error, options.folder);
      lastProblem = 'the connection dropped';
      continue;
    }
    const size = await sizeOf(part);
    if (total !== undefined && size !== total) {
      lastProblem = `got ${size} of ${total} bytes`;
      if (size > total) await open(part, 'w').then((f) => f.close());
      continue;
    }
    return finish(part, size, options);
  }
  throw retryLater(`The download from the PBX failed (${lastProblem}).`);
}

/**
 * Writes a response body into the part file as it arrives. The body flows (no buffering of its own) and each chunk
 * is written at once with a synchronous write into the page cache (microseconds; the fsync at the end is
 * asynchronous), so when the connection drops, everything that arrived is in the file and the next attempt resumes
 * exactly there. (Reading it with an async loop lost the chunks still buffered when the stream was destroyed.)
 * A body that would pass `maxBytes`, or flows slower than the minimum over a window, is stopped through `abort`.
 */
async function appendBody(
  body: Readable,
  part: string,
  resumed: boolean,
  offset: number,
  limits: DownloadLimits,
  abort: (failure: RecordingFailure) => void,
  onProgress: (bytes: number) => void,
  clock: Clock,
): Promise<void> {
  const fd = openSync(part, resumed ? 'a' : 'w', WORK_FILE_MODE);
  let bytes = resumed ? offset : 0;
  let windowStart = bytes;
  const checkWindow = () => {
    const rate = ((bytes - windowStart) * 1000) / limits.throughputWindowMs;
    windowStart = bytes;
    if (rate < limits.minBytesPerSecond) {
      abort(
        retryLater(
          `The download from the PBX is too slow (${formatBytes(Math.round(rate))}/s; at least ${formatBytes(limits.minBytesPerSecond)}/s is needed).`,
        ),
      );
    } else {
      cancelWatchdog = clock.after(limits.throughputWindowMs, checkWindow);
    }
  };
  let cancelWatchdog = clock.after(limits.throughputWindowMs, checkWindow);
  try {
    await new Promise<void>((resolve, reject) => {
      body.on('data', (chunk: Buffer) => {
        if (bytes + chunk.length > limits.maxBytes) {
          abort(tooLarge(limits.maxBytes));
          return;
        }
        try {
          for (let written = 0; written < chunk.length;) written += writeSync(fd, chunk, written);
        } catch (error) {
          body.destroy(error as Error);
          return;
        }
        bytes += chunk.length;
        onProgress(bytes);
      });
      body.once('end', resolve);
      body.once('error', reject);
    });
  } finally {
    cancelWatchdog();
    closeSync(fd);
  }
}

async function finish(part: string, bytes: number, options: DownloadOptions): Promise<number> {
  const file = await open(part, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
  options.onProgress?.(bytes, bytes);
  return bytes;
}

/** Copies a local recording (already checked by recordSource) into the part, under the same size and space rules. */
async function copyLocal(path: string, part: string, options: DownloadOptions, limits: DownloadLimits, signal: AbortSignal): Promise<number> {
  const file = await openLocalRecording(path);
  try {
    const { size } = await file.stat();
    if (size > limits.maxBytes) throw tooLarge(limits.maxBytes);
    await checkFolder(options.folder, { neededBytes: size, freeBytes: options.freeBytes });
    await pipeline(file.createReadStream({ autoClose: false }), createWriteStream(part, { flags: 'w', mode: WORK_FILE_MODE }), { signal });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof RecordingFailure || signal.aborted) throw error;
    if (code && FOLDER_CODES.has(code)) throw folderFailure(error, options.folder);
    throw new RecordingFailure('refused', `Cannot read the recording at ${path}.`, { cause: error });
  } finally {
    await file.close();
  }
  return finish(part, await sizeOf(part), options);
}
