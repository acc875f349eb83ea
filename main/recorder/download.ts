import { createReadStream, createWriteStream } from 'node:fs';
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

const BATCH_BYTES = 1024 * 1024;

/**
 * Writes a response body into the part file in batches of about 1 MiB. Whatever arrived before a drop is written
 * before the error goes on, so the next attempt resumes exactly where this one stopped.
 */
async function appendBody(body: AsyncIterable<Buffer>, part: string, resumed: boolean, offset: number, onProgress: (bytes: number) => void): Promise<void> {
  const file = await open(part, resumed ? 'a' : 'w');
  let batch: Buffer[] = [];
  let batched = 0;
  let bytes = resumed ? offset : 0;
  const flush = async () => {
    if (batched === 0) return;
    const buffers = batch;
    batch = [];
    batched = 0;
    await file.writev(buffers);
  };
  try {
    for await (const chunk of body) {
      batch.push(chunk);
      batched += chunk.length;
      bytes += chunk.length;
      onProgress(bytes);
      if (batched >= BATCH_BYTES) await flush();
    }
  } finally {
    await flush().finally(() => file.close());
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
