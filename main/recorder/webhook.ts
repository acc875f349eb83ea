import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BlockList, isIP, type AddressInfo } from 'node:net';
import { parseCallChanged, parseRecordCompleted, type CallChanged, type RecordCompleted } from '../ozeki/notifications.ts';

const MAX_BODY_BYTES = 64 * 1024;

export interface WebhookHandlers {
  /** The secret of a recording in flight, or undefined for an id we do not know. */
  secretOf(recordingId: string): string | undefined;
  onRecordCompleted(recordingId: string, notification: RecordCompleted): void;
  onCallChanged(notification: CallChanged): void;
  /** Something was refused: for the log, never with the secret. */
  onRefused?(reason: string, from: string): void;
}

export interface WebhookOptions {
  host: string;
  port: number;
  /** Addresses (IPs or CIDR ranges) allowed to notify us; the self-test is also allowed from loopback. */
  allowedCallers: string[];
  /** Guards the CallChanged and self-test paths, which belong to no single recording. */
  listenerSecret: string;
}

/** Constant-time comparison, also for secrets of different lengths. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** A BlockList of "10.0.0.5", "192.168.0.0/16", "::1" entries; a bad entry is an error with its text. */
export function allowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const raw of entries) {
    const [address = '', bits] = raw.trim().split('/');
    const family = isIP(address);
    if (!family || (bits !== undefined && !/^\d+$/.test(bits))) throw new Error(`"${raw}" is not an IP address or range.`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function allowed(list: BlockList, address: string): boolean {
  const plain = plainAddress(address);
  const family = isIP(plain);
  return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

const LOOPBACK = allowList(['127.0.0.0/8', '::1']);

/**
 * The local HTTP listener the PBX calls: RecordCompleted at /ozeki/record-completed/<recording id>/<secret>,
 * CallChanged at /ozeki/call-changed/<listener secret>, and a self-test at GET /ozeki/self-test/<listener secret>.
 * It answers at once (200, empty body) and hands the work on; it never downloads inside a request.
 */
export class WebhookListener {
  private server: Server | undefined;
  private readonly allowedCallers: BlockList;

  constructor(
    private readonly options: WebhookOptions,
    private readonly handlers: WebhookHandlers,
  ) {
    this.allowedCallers = allowList(options.allowedCallers);
  }

  async start(): Promise<AddressInfo> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.requestTimeout = 10_000;
    server.headersTimeout = 5_000;
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
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private refuse(res: ServerResponse, req: IncomingMessage, status: number, reason: string): void {
    this.handlers.onRefused?.(reason, plainAddress(req.socket.remoteAddress ?? ''));
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(`${reason}\n`);
    req.resume();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const from = req.socket.remoteAddress ?? '';
    const parts = (req.url ?? '/').split('?')[0]?.split('/').filter(Boolean) ?? [];
    const route = parts[0] === 'ozeki' ? parts[1] : undefined;
    if (route === 'self-test' && parts.length === 3) {
      if (req.method !== 'GET') return this.refuse(res, req, 405, 'Method not allowed');
      if (!allowed(LOOPBACK, from) && !allowed(this.allowedCallers, from)) return this.refuse(res, req, 403, 'Caller not allowed');
      if (!sameSecret(parts[2] ?? '', this.options.listenerSecret)) return this.refuse(res, req, 403, 'Wrong secret');
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ozeki-recorder\n');
      return;
    }
    const known = (route === 'record-completed' && parts.length === 4) || (route === 'call-changed' && parts.length === 3);
    if (!known) return this.refuse(res, req, 404, 'Not found');
    if (req.method !== 'POST') return this.refuse(res, req, 405, 'Method not allowed');
    if (!allowed(this.allowedCallers, from)) return this.refuse(res, req, 403, 'Caller not allowed');
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') return this.refuse(res, req, 415, 'Form-encoded body expected');
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return this.refuse(res, req, 413, 'Body too large');
    const secret = route === 'call-changed' ? parts[2] : parts[3];
    const expected = route === 'call-changed' ? this.options.listenerSecret : this.handlers.secretOf(parts[2] ?? '');
    if (expected === undefined || !sameSecret(secret ?? '', expected)) return this.refuse(res, req, 403, 'Wrong secret');
    const body = await readBody(req);
    if (body === undefined) return this.refuse(res, req, 413, 'Body too large');
    let handOn: () => void;
    try {
      if (route === 'call-changed') {
        const notification = parseCallChanged(body);
        handOn = () => this.handlers.onCallChanged(notification);
      } else {
        const notification = parseRecordCompleted(body);
        handOn = () => this.handlers.onRecordCompleted(parts[2] ?? '', notification);
      }
    } catch (error) {
      return this.refuse(res, req, 400, error instanceof Error ? error.message : 'Bad notification');
    }
    res.writeHead(200, { 'Content-Length': 0 }).end();
    setImmediate(handOn);
  }
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
