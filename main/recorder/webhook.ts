/**
 * The local HTTP listener the PBX calls: RecordCompleted at /ozeki/record-completed/<recording id>/<secret>,
 * CallChanged at /ozeki/call-changed/<listener secret>, a self-test at GET /ozeki/self-test/<listener secret>, and
 * the announcement file of a Play at GET /ozeki/announcement/<offer id>/<secret>.<wav|mp3> while it is offered
 * (announcement-files.ts).
 *
 * What a caller must get past, in this order; the first check that fails answers (or drops), and nothing after it
 * runs:
 *  1. connection: a peer that is neither an allowed caller nor this machine is dropped as it connects, unanswered;
 *     at most `maxConnections` at once; headers within `headersTimeoutMs`, the whole request within
 *     `requestTimeoutMs`, or the connection is closed (408);
 *  2. route: one of the three paths above, else 404;
 *  3. method: POST (GET for the self-test and an announcement file), else 405;
 *  4. caller: an allowed caller (this machine also for the self-test), else 403; an announcement file offered under
 *     that id and secret, else 404, or it is streamed (200) and its offer ends once it went out in full;
 *  5. type: a form-encoded body, else 415;
 *  6. size: a declared Content-Length over 64 KiB, 413;
 *  7. secret: the recording's own secret (the listener's for the other paths), compared in constant time, else 403;
 *  8. body: at most 64 KiB (413 and the connection closed as soon as it passes that), a readable notification, else 400;
 *  9. journal: a RecordCompleted is answered only once onRecordCompleted has settled (the service resolves it when
 *     the journal holds it on disk); 503 if that failed, so the PBX may send it again;
 * 10. 200 with an empty body.
 * Every answer closes its connection: the PBX sends a notification now and then, and no idle connection may
 * hold one of the few slots. Nothing slow (no download) happens inside a request.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { parseCallChanged, parseRecordCompleted, type CallChanged, type RecordCompleted } from '../ozeki/notifications.ts';
import { AllowedCallers, plainAddress } from './allowed-callers.ts';
import { systemClock, type Clock } from './clock.ts';
import { MAX_LIVE_CALLS } from './monitor.ts';
import { readRequestBody } from './request-body.ts';
import { enforceRequestDeadlines, NO_CONNECTIONS_CHECK_MS } from './request-deadlines.ts';
import { MAX_BODY_BYTES, routeOf } from './webhook-request.ts';

export interface WebhookHandlers {
  /** The secret of a recording in flight, or undefined for an id we do not know. */
  secretOf(recordingId: string): string | undefined;
  /** Answered 200 once this has settled (journaled), 503 if it throws or rejects. */
  onRecordCompleted(recordingId: string, notification: RecordCompleted): Promise<void> | void;
  onCallChanged(notification: CallChanged): void;
  /** The announcement file offered under this id and secret, if any (AnnouncementFiles.find). */
  announcementFile?(id: string, secret: string): OfferedFileLike | undefined;
  /** Something was refused or went wrong: for the log, never with the secret. */
  onRefused?(reason: string, from: string): void;
  /** A RecordCompleted could not be kept (onRecordCompleted failed): answered 503, so the PBX sends it again. Never with the secret. */
  onNotKept?(reason: string, from: string): void;
}

export interface WebhookOptions {
  host: string;
  port: number;
  /** Addresses (IPs or CIDR ranges) allowed to notify us; this machine's own addresses may also run the self-test. */
  allowedCallers: string[];
  /** Guards the CallChanged and self-test paths, which belong to no single recording. */
  listenerSecret: string;
  /** How long a caller may take to send a request's headers (default 3 s), and the whole request (default 5 s). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Connections open at once; more are closed as they come (default MAX_CONNECTIONS). */
  maxConnections?: number;
  /** The clock of those timeouts (default the system's). */
  clock?: Clock;
}

/**
 * Connections the listener holds at once. Strangers are dropped as they connect, so only allowed callers count; the
 * PBX may end every followed call at once and notify each recording at the same moment, so the cap leaves room for
 * one notification per followed call: a lower cap (64 was tried) lost notifications in such a burst.
 */
export const MAX_CONNECTIONS = MAX_LIVE_CALLS + 32;

/** Constant-time comparison, also for secrets of different lengths. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The listener; see the top of this file for what a caller must get past. */
export class WebhookListener {
  private server: Server | undefined;
  private readonly callers: AllowedCallers;

  constructor(
    private readonly options: WebhookOptions,
    private readonly handlers: WebhookHandlers,
  ) {
    this.callers = new AllowedCallers(options.allowedCallers, (reason, from) => this.handlers.onRefused?.(reason, from));
  }

  async start(): Promise<AddressInfo> {
    const headersTimeoutMs = this.options.headersTimeoutMs ?? 3000;
    const server = createServer(
      {
        // Node checks its own timeouts only every connectionsCheckingInterval (30 s by default: a caller sending a
        // header line a second would keep its connection that long), and its timer for that ticks while nobody is
        // connected: an idle listener woke the process every second. Each connection has its own deadlines instead.
        headersTimeout: 0,
        requestTimeout: 0,
        connectionsCheckingInterval: NO_CONNECTIONS_CHECK_MS,
      },
      (req, res) => this.serve(req, res),
    );
    server.maxConnections = this.options.maxConnections ?? MAX_CONNECTIONS;
    server.on('connection', (socket) => this.callers.admit(socket));
    enforceRequestDeadlines(
      server,
      { headersTimeoutMs, requestTimeoutMs: Math.max(this.options.requestTimeoutMs ?? 5000, headersTimeoutMs) },
      this.options.clock ?? systemClock,
    );
    // Node's own answer to an unknown Expect header would keep the connection open; ours closes it.
    server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => this.refuse(res, callerOf(req), 417, 'Expectation failed'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  get address(): AddressInfo | undefined {
    return this.server?.address() as AddressInfo | undefined;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A request still arriving is cut: stopping must not wait for a slow sender. One being journaled is not
    // answered, which the PBX sees as a failed delivery — the journal has it all the same.
    server.closeAllConnections();
    await closed;
  }

  /** Runs one request; whatever goes wrong is reported and ends that request, never the process. */
  private serve(req: IncomingMessage, res: ServerResponse): void {
    const from = callerOf(req); // taken now: once the connection is gone, req.socket is null
    this.handle(req, res, from).then(
      (refusal) => {
        if (refusal) this.refuse(res, from, refusal.status, refusal.reason);
      },
      (error: unknown) => {
        this.refuse(res, from, 500, `Internal error: ${messageOf(error)}`);
      },
    );
  }

  private answer(res: ServerResponse, status: number, text: string): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), Connection: 'close' }).end(text);
  }

  private refuse(res: ServerResponse, from: string, status: number, reason: string): void {
    this.handlers.onRefused?.(reason, from);
    this.answer(res, status, `${reason}\n`);
  }

  /** Answers an accepted request itself; returns why a request is refused, for serve to answer. */
  private async handle(req: IncomingMessage, res: ServerResponse, from: string): Promise<Refusal | undefined> {
    const refuse = (status: number, reason: string): Refusal => ({ status, reason });
    const route = routeOf(req.url);
    if (!route) return refuse(404, 'Not found');
    const selfTest = route.kind === 'self-test';
    if (req.method !== (selfTest || route.kind === 'announcement' ? 'GET' : 'POST')) return refuse(405, 'Method not allowed');
    if (!(selfTest ? this.callers.mayConnect(from) : this.callers.allows(from))) return refuse(403, 'Caller not allowed');
    if (route.kind === 'self-test') {
      if (!sameSecret(route.secret, this.options.listenerSecret)) return refuse(403, 'Wrong secret');
      this.answer(res, 200, 'ozeki-recorder\n');
      return undefined;
    }
    if (route.kind === 'announcement') {
      req.resume();
      const file = this.handlers.announcementFile?.(route.id, route.secret);
      if (!file) return refuse(404, 'No announcement file is offered there (any more)');
      await streamFile(res, file);
      return undefined;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') return refuse(415, 'Form-encoded body expected');
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuse(413, 'Body too large');
    const expected = route.kind === 'record-completed' ? this.handlers.secretOf(route.id) : this.options.listenerSecret;
    if (expected === undefined || !sameSecret(route.secret, expected)) return refuse(403, 'Wrong secret');
    const body = await readRequestBody(req, MAX_BODY_BYTES);
    if (body === 'too large') return refuse(413, 'Body too large');
    if (body === 'cut off') return refuse(400, 'The connection closed before the whole notification arrived');
    if (route.kind === 'call-changed') {
      const notification = parsed(parseCallChanged, body.text);
      if (notification instanceof Error) return refuse(400, notification.message);
      this.answer(res, 200, '');
      this.handlers.onCallChanged(notification);
      return undefined;
    }
    const notification = parsed(parseRecordCompleted, body.text);
    if (notification instanceof Error) return refuse(400, notification.message);
    try {
      await this.handlers.onRecordCompleted(route.id, notification);
    } catch (error) {
      this.handlers.onNotKept?.(messageOf(error), from);
      this.answer(res, 503, 'Not saved, send it again\n');
      return undefined;
    }
    this.answer(res, 200, '');
    return undefined;
  }
}

/**
 * Streams an offered file as the whole answer; the offer ends once the last byte went out. A file that cannot be
 * read any more is a 404 (nothing sent yet) or a cut connection (part sent): the PBX then sees the Play fail. An
 * answer that fails before any byte of the file went out gives the offer back, so the PBX may fetch it again.
 */
async function streamFile(res: ServerResponse, file: OfferedFileLike): Promise<void> {
  let handle;
  try {
    handle = await open(file.path, 'r');
  } catch {
    file.unsent();
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('The announcement file cannot be read\n');
    return;
  }
  const progress = { sentAny: false }; // set from the stream's first chunk
  try {
    const { size } = await handle.stat();
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': size, 'Cache-Control': 'no-store', Connection: 'close' });
    if (size === 0) res.end();
    else {
      const stream = handle.createReadStream({ start: 0, end: size - 1, autoClose: false });
      stream.once('data', () => (progress.sentAny = true));
      await pipeline(stream, res);
    }
    file.served();
  } catch {
    if (!progress.sentAny) file.unsent();
    res.destroy();
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A file offered once (AnnouncementFiles.find's OfferedFile): taken for this answer, then served or given back. */
interface OfferedFileLike {
  path: string;
  contentType: string;
  served(): void;
  unsent(): void;
}

/** Why a request was refused: the status and the reason, which the caller is told and the log keeps. */
interface Refusal {
  status: number;
  reason: string;
}

function callerOf(req: IncomingMessage): string {
  return plainAddress(req.socket.remoteAddress ?? '');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The notification, or the parser's error (its message says what is wrong, for the caller and the log). */
function parsed<T>(parse: (text: string) => T, text: string): T | Error {
  try {
    return parse(text);
  } catch (error) {
    return error instanceof Error ? error : new Error(messageOf(error));
  }
}
