import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Clock } from './clock.ts';

/** What Node itself answers a request that took too long, before it closes the connection. */
const REQUEST_TIMEOUT = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';

/**
 * Node enforces a server's `headersTimeout` and `requestTimeout` with a timer that wakes the process every
 * `connectionsCheckingInterval` for as long as the server listens, connections or not. With this interval a server
 * leaves those checks to {@link enforceRequestDeadlines}; it is the longest a timer may wait (about 25 days).
 */
export const NO_CONNECTIONS_CHECK_MS = 2 ** 31 - 1;

export interface RequestDeadlines {
  /** From connecting to the last header line. */
  headersTimeoutMs: number;
  /** From connecting to the last byte of the request's body. */
  requestTimeoutMs: number;
}

/**
 * Gives every connection to `server` its own deadlines, on `clock`: its request's headers within `headersTimeoutMs`
 * of connecting, and the whole request within `requestTimeoutMs`; else it is answered 408 (if nothing was answered
 * yet) and closed, as Node does. The timer exists only while a connection is open, so a server waiting for a
 * notification sets none. Once the request has arrived in full, answering it takes as long as it takes.
 */
export function enforceRequestDeadlines(server: Server, deadlines: RequestDeadlines, clock: Clock): void {
  const open = new WeakMap<Socket, { connectedAt: number; cancel: () => void }>();
  const expire = (socket: Socket, res: ServerResponse | undefined) => {
    if (socket.writable && !res?.headersSent) socket.write(REQUEST_TIMEOUT);
    socket.destroy();
  };
  server.on('connection', (socket: Socket) => {
    if (socket.destroyed) return; // a stranger, dropped as it connected
    const connection = { connectedAt: clock.now(), cancel: clock.after(deadlines.headersTimeoutMs, () => expire(socket, undefined)) };
    open.set(socket, connection);
    socket.once('close', () => connection.cancel());
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const connection = open.get(req.socket);
    if (!connection) return;
    connection.cancel();
    const left = connection.connectedAt + deadlines.requestTimeoutMs - clock.now();
    connection.cancel = clock.after(left, () => expire(req.socket, res));
    req.once('end', () => connection.cancel());
  });
}
