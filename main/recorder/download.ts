import { closeSync, createReadStream, createWriteStream, openSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { request, type Dispatcher } from 'undici';
import { folderFailure, RecordingFailure } from './errors.ts';
import type { RecordSource } from './record-source.ts';

export interface DownloadOptions {
  dispatcher: Dispatcher;
  /** The recordings folder, for messages about it. */
  folder: string;
  signal?: AbortSignal;
  onProgress?: (bytes: number, total: number | undefined) => void;
  /** Attempts within one call before giving up with a retryable failure. */
  attempts?: number;
  /** Pause before attempt n (n ≥ 1). */
  backoffMs?: (attempt: number) => number;
}

const FOLDER_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

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
 * Range; network errors and 5xx answers are retried with backoff; the length is checked; the file is fsynced.
 */
export async function download(source: RecordSource, part: string, options: DownloadOptions): Promise<number> {
  if (source.kind === 'file') return copyLocal(source.path, part, options);
  const attempts = options.attempts ?? 5;
  const backoff = options.backoffMs ?? ((n) => Math.min(10_000, 500 * 2 ** (n - 1)));
  let lastProblem = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, backoff(attempt)));
    options.signal?.throwIfAborted();
    const offset = await sizeOf(part);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(source.url, {
        dispatcher: options.dispatcher,
        signal: options.signal,
        headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
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
    try {
      await appendBody(body, part, resumed, offset, (bytes) => options.onProgress?.(bytes, total));
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const code = (error as NodeJS.ErrnoException).code;
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
  throw new RecordingFailure('network', `The download from the PBX failed (${lastProblem}). It will be tried again.`);
}

/**
 * Writes a response body into the part file as it arrives. The body flows (no buffering of its own) and each chunk
 * is written at once with a synchronous write into the page cache (microseconds; the fsync at the end is
 * asynchronous), so when the connection drops, everything that arrived is in the file and the next attempt resumes
 * exactly there. (Reading it with an async loop lost the chunks still buffered when the stream was destroyed.)
 */
async function appendBody(body: Readable, part: string, resumed: boolean, offset: number, onProgress: (bytes: number) => void): Promise<void> {
  const fd = openSync(part, resumed ? 'a' : 'w');
  let bytes = resumed ? offset : 0;
  try {
    await new Promise<void>((resolve, reject) => {
      body.on('data', (chunk: Buffer) => {
        try {
          for (let written = 0; written < chunk.length; ) written += writeSync(fd, chunk, written);
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

async function copyLocal(path: string, part: string, options: DownloadOptions): Promise<number> {
  try {
    await pipeline(createReadStream(path), createWriteStream(part, { flags: 'w' }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && FOLDER_CODES.has(code) && (await sizeOf(path)) > 0) throw folderFailure(error, options.folder);
    throw new RecordingFailure('refused', `Cannot read the recording at ${path}.`, { cause: error });
  }
  return finish(part, await sizeOf(part), options);
}
