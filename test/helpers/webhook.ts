import { connect } from 'node:net';
import type { CallChanged, RecordCompleted } from '../../main/ozeki/notifications.ts';
import { WebhookListener, type WebhookHandlers, type WebhookOptions } from '../../main/recorder/webhook.ts';
import { onCleanup } from './demo.ts';

export const LISTENER_SECRET = 'listener-secret-0123456789abcdef';
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
export const COMPLETED_BODY = 'NotificationName=RecordCompleted&CallId=abc&RecordURL=http%3A%2F%2F127.0.0.1%3A7780%2FHttpRecordings%2Fa.mp3';

/** A started listener on 127.0.0.1 that knows the recordings in `secrets` (by default rec1, secret "sekret"), and records what it hands on. */
export async function startListener(
  options: Partial<WebhookOptions> = {},
  onRecordCompleted: WebhookHandlers['onRecordCompleted'] = () => undefined,
  secrets: Record<string, string> = { rec1: 'sekret' },
  more: Pick<WebhookHandlers, 'announcementFile'> = {},
) {
  const completed: [string, RecordCompleted][] = [];
  const changed: CallChanged[] = [];
  const refused: { reason: string; from: string }[] = [];
  const notKept: { reason: string; from: string }[] = [];
  const hook = new WebhookListener(
    { host: '127.0.0.1', port: 0, allowedCallers: ['127.0.0.1'], listenerSecret: LISTENER_SECRET, ...options },
    {
      secretOf: (id) => (Object.hasOwn(secrets, id) ? secrets[id] : undefined),
      onRecordCompleted: (id, n) => {
        completed.push([id, n]);
        return onRecordCompleted(id, n);
      },
      onCallChanged: (n) => changed.push(n),
      onRefused: (reason, from) => refused.push({ reason, from }),
      onNotKept: (reason, from) => notKept.push({ reason, from }),
      ...more,
    },
  );
  const { port } = await hook.start();
  onCleanup(() => hook.stop());
  return { hook, port, base: `http://127.0.0.1:${port}`, completed, changed, refused, notKept };
}

/** A well-formed RecordCompleted request for rec1, as raw HTTP. */
export function completedRequest(secret = 'sekret', body = COMPLETED_BODY): string {
  return `POST /ozeki/record-completed/rec1/${secret} HTTP/1.1\r\nHost: pc\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

export interface RawExchange {
  /** Everything the listener sent back. */
  received: string;
  /** When the connection closed, in ms after it was opened. */
  closedAfterMs: number;
  /** The socket's error, if the connection ended with one (e.g. ECONNRESET). */
  error?: string;
}

/**
 * Sends pieces of bytes over a raw TCP connection, `pauseMs` apart, and resolves when the connection has closed
 * (the test waits for the listener to close it). `end` half-closes after the last piece; `localAddress` picks the
 * source address, e.g. 127.0.0.3 to act as a stranger. `opened` runs once connected, `onData` with each chunk received. After `giveUpMs` the test stops waiting: it closes
 * the connection itself and says so in `error`.
 */
export function rawExchange(
  port: number,
  pieces: (string | Buffer)[],
  options: { pauseMs?: number; end?: boolean; localAddress?: string; opened?: () => void; onData?: (chunk: Buffer) => void; giveUpMs?: number } = {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let error: string | undefined;
    let pending: NodeJS.Timeout | undefined;
    const socket = connect({ port, host: '127.0.0.1', ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    const writeFrom = (index: number) => {
      if (socket.destroyed) return;
      const piece = pieces[index];
      if (piece === undefined) {
        if (options.end) socket.end();
        return;
      }
      socket.write(piece);
      pending = setTimeout(() => writeFrom(index + 1), options.pauseMs ?? 0);
    };
    socket.on('connect', () => {
      options.opened?.();
      writeFrom(0);
    });
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      options.onData?.(chunk);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    const giveUp = options.giveUpMs === undefined ? undefined : setTimeout(() => socket.destroy(new Error('still open')), options.giveUpMs);
    socket.on('close', () => {
      clearTimeout(pending);
      clearTimeout(giveUp);
      resolve({ received: Buffer.concat(chunks).toString('latin1'), closedAfterMs: Date.now() - started, ...(error ? { error } : {}) });
    });
  });
}

/** The status code of the first answer in raw bytes, or undefined if none came. */
export function statusOf(received: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(received);
  return match ? Number(match[1]) : undefined;
}
