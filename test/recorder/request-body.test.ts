import { once } from 'node:events';
import { createServer, request, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readRequestBody } from '../../main/recorder/request-body.ts';
import { onCleanup } from '../helpers/demo.ts';

const LIMIT = 64 * 1024;

/** A real server on 127.0.0.1, closed after the test. */
async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onCleanup(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as AddressInfo).port;
}

/** A server that reads each body with readRequestBody and hands the outcome to the test. */
function serve(onBody: (outcome: { body: Awaited<ReturnType<typeof readRequestBody>>; socketKept: boolean }, res: ServerResponse) => void): Promise<number> {
  // Node sets req.socket to null once the connection is gone, whatever its types say.
  const kept = (socket: Socket | null) => socket !== null && !socket.destroyed;
  return listen((req, res) => void readRequestBody(req, LIMIT).then((body) => onBody({ body, socketKept: kept(req.socket) }, res)));
}

/** Sends `pieces` chunked (no Content-Length), resolving with the status, or the error when the connection broke first. */
function post(port: number, pieces: Buffer[]): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    let sent = 0;
    const next = () => {
      const piece = pieces[sent++];
      if (!piece) req.end();
      else if (req.write(piece)) setImmediate(next);
      else req.once('drain', next);
    };
    next();
  });
}

describe('readRequestBody', () => {
  it('returns the whole body under the limit', async () => {
    const port = await serve(({ body }, res) => res.writeHead(typeof body === 'object' && body.text === 'abc'.repeat(1000) ? 200 : 500).end());
    expect(await post(port, [Buffer.from('abc'.repeat(400)), Buffer.from('abc'.repeat(600))])).toBe(200);
  });

  it('stops at the limit without destroying the request, so the 413 still goes out', async () => {
    let socketKept = false;
    const port = await serve((outcome, res) => {
      socketKept = outcome.socketKept;
      res.writeHead(outcome.body === 'too large' ? 413 : 200, { Connection: 'close' }).end();
    });
    expect(
      await post(
        port,
        Array.from({ length: 20 }, () => Buffer.alloc(16 * 1024)),
      ),
    ).toBe(413);
    expect(socketKept).toBe(true);
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const port = await serve((outcome, res) => res.writeHead(outcome.body === 'too large' ? 413 : 200, { Connection: 'close' }).end());
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'Content-Length': LIMIT + 1 } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', () => undefined);
      req.flushHeaders(); // the body never comes
    });
    expect(status).toBe(413);
  });

  it("says 'cut off' when the client goes away mid-body", async () => {
    let client: ClientRequest | undefined;
    const outcome = new Promise<unknown>((resolve) => {
      void listen((req) => {
        void readRequestBody(req, LIMIT).then(resolve);
        client?.destroy(); // the request and a first piece of its body have arrived; the rest never comes
      }).then((port) => {
        client = request({ host: '127.0.0.1', port, method: 'POST', path: '/' });
        client.on('error', () => undefined);
        client.write(Buffer.alloc(100));
      });
    });
    expect(await outcome).toBe('cut off');
  });
});
