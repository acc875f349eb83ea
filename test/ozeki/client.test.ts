import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { OzekiClient } from '../../main/ozeki/client.ts';
import { OzekiError } from '../../main/ozeki/errors.ts';
import { clientFor, onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { startHttpServer } from '../helpers/http-server.ts';
import { fixture } from '../helpers/fixtures.ts';

/** A raw TCP server on 127.0.0.1, for connections a well-behaved HTTP server never makes; closed after the test. */
async function startTcpServer(onConnection: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Calls `onRequest` with each whole HTTP request (head and body) that arrives on `socket`, in order. */
function onHttpRequests(socket: Socket, onRequest: (head: string, body: string) => void): void {
  let buffered = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
      const head = buffered.slice(0, end);
      const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      const body = buffered.slice(end + 4, end + 4 + length);
      buffered = buffered.slice(end + 4 + length);
      onRequest(head, body);
    }
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('OzekiClient against the demo PBX', () => {
  it('lists the active calls with their numbers kept as strings', async () => {
    const pbx = await startDemoPbx();
    const before = Date.now();
    const ringing = pbx.addCall({ source: '+36 1 111 111', destination: '0012', callerId: 'Kovács & Társa' });
    const talking = pbx.addCall({ source: '1000', destination: '1001', callerId: 'John Smith', state: 'InCall' });
    const calls = await clientFor(pbx.url).listActiveCalls();
    expect(calls.map((c) => [c.callId, c.state, c.source, c.destination, c.callerId])).toEqual([
      [ringing, 'Ringing', '+36 1 111 111', '0012', 'Kovács & Társa'],
      [talking, 'InCall', '1000', '1001', 'John Smith'],
    ]);
    for (const call of calls) {
      expect(call.startTime.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(call.startTime.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it('gives an empty list when no call is active', async () => {
    const pbx = await startDemoPbx();
    expect(await clientFor(pbx.url).listActiveCalls()).toEqual([]);
  });

  it('starts a recording and the PBX keeps the format and FinishedURL', async () => {
    const pbx = await startDemoPbx();
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await clientFor(pbx.url).record(callId, { format: 'wav', finishedUrl: 'http://127.0.0.1:7781/ozeki/record-completed/x/y' });
    expect(pbx.recordingsOf(callId)).toMatchObject([{ format: 'wav', finishedUrl: 'http://127.0.0.1:7781/ozeki/record-completed/x/y' }]);
    expect(pbx.received.at(-1)).toMatchObject({ command: 'Record', params: { callid: callId, format: 'wav' } });
  });

  it('reports an unknown call with code 601 and the PBX message', async () => {
    const pbx = await startDemoPbx();
    const error = await failure(clientFor(pbx.url).record('g67th7'));
    expect(error).toBeInstanceOf(OzekiError);
    expect(error).toMatchObject({ code: 601, codeName: 'CallNotFound', message: "Call not found with ID 'g67th7' (Ozeki code 601)" });
  });

  it('reports a bad format with code 302, and a second Record on the same call with 303', async () => {
    const pbx = await startDemoPbx();
    const client = clientFor(pbx.url);
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    expect(await failure(client.command('Record', { CallId: callId, Format: 'ogg' }))).toMatchObject({
      code: 302,
      pbxMessage: "Missing or invalid parameter 'Format' for command 'Record'",
    });
    await client.record(callId);
    expect(await failure(client.record(callId))).toMatchObject({ code: 303 });
  });

  it('holds, unholds and hangs up a call', async () => {
    const pbx = await startDemoPbx();
    const client = clientFor(pbx.url);
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await client.hold(callId);
    expect((await client.listActiveCalls())[0]?.state).toBe('Hold');
    expect(await failure(client.hold(callId))).toMatchObject({ code: 303 });
    await client.unhold(callId);
    expect((await client.listActiveCalls())[0]?.state).toBe('InCall');
    await client.hangup(callId);
    expect(await client.listActiveCalls()).toEqual([]);
    expect(await failure(client.hangup(callId))).toMatchObject({ code: 601 });
  });

  it('speaks and plays into a call', async () => {
    const pbx = await startDemoPbx();
    const client = clientFor(pbx.url);
    const callId = pbx.addCall({ source: '1000', destination: '1001', state: 'InCall' });
    await client.speak(callId, 'hello world', { party: 'caller' });
    await client.play(callId, 'welcome.wav', { repeat: true });
    expect(pbx.received.slice(-2).map((r) => [r.command, r.params['text'] ?? r.params['audiofile'], r.params['party']])).toEqual([
      ['Speak', 'hello world', 'caller'],
      ['Play', 'welcome.wav', 'all'],
    ]);
    expect(await failure(client.command('Speak', { CallId: callId }))).toMatchObject({ code: 302 });
  });

  it('reads the call history with filters and pages', async () => {
    const pbx = await startDemoPbx();
    const client = clientFor(pbx.url);
    const first = pbx.addCall({ source: '+44 20 7946 0018', destination: '1001', state: 'InCall' });
    const second = pbx.addCall({ source: '1003', destination: '1002' });
    await pbx.endCall(first, 'CallerHangUp');
    await pbx.endCall(second, 'Cancelled');
    const all = await client.getCallHistory({ pageNumber: 0, rowsPerPage: 20 });
    expect(all.calls.map((c) => [c.callId, c.state, c.source])).toEqual([
      [first, 'CallerHangUp', '+44 20 7946 0018'],
      [second, 'Cancelled', '1003'],
    ]);
    const filtered = await client.getCallHistory({ callId: second, from: new Date(2000, 0, 1) });
    expect(filtered.calls.map((c) => c.callId)).toEqual([second]);
    const page = await client.getCallHistory({ pageNumber: 1, rowsPerPage: 1 });
    expect(page).toMatchObject({ numberOfCalls: 2, calls: [{ callId: second }] });
  });

  it('sends any other command through command(), and the PBX says what it does not implement', async () => {
    const pbx = await startDemoPbx();
    expect(await failure(clientFor(pbx.url).command('SendSms', { Recipient: '+36201234567', Message: 'hi' }))).toMatchObject({
      code: 301,
      message: "Not implemented command: 'SendSms' (Ozeki code 301)",
    });
  });

  it('works over GET as well as POST', async () => {
    const pbx = await startDemoPbx();
    pbx.addCall({ source: '1000', destination: '1001' });
    expect(await clientFor(pbx.url, { method: 'GET' }).listActiveCalls()).toHaveLength(1);
  });
});

describe('authentication', () => {
  const auth = { username: 'reception', password: 's3cret&=?' };

  it('works with the right username and password', async () => {
    const pbx = await startDemoPbx({ auth });
    pbx.addCall({ source: '1000', destination: '1001' });
    expect(await clientFor(pbx.url, auth).listActiveCalls()).toHaveLength(1);
  });

  it('reports a wrong password with code 305', async () => {
    const pbx = await startDemoPbx({ auth });
    const error = await failure(clientFor(pbx.url, { ...auth, password: 'nope' }).listActiveCalls());
    expect(error).toMatchObject({ code: 305, isAuthentication: true, message: 'Authentication failed, bad username or password (Ozeki code 305)' });
  });

  it('reports missing credentials with code 304', async () => {
    const pbx = await startDemoPbx({ auth });
    expect(await failure(clientFor(pbx.url).listActiveCalls())).toMatchObject({ code: 304, message: 'Authentication required (Ozeki code 304)' });
  });

  it('is ignored by a PBX without authentication', async () => {
    const pbx = await startDemoPbx();
    expect(await clientFor(pbx.url, auth).listActiveCalls()).toEqual([]);
  });

  it('sends the password in the POST body, never in the URL', async () => {
    const server = await startHttpServer((_, res) => res.end(fixture('ozeki/list-active-calls.xml')));
    onCleanup(server.close);
    await clientFor(server.url, auth).listActiveCalls();
    const [request] = server.seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(request?.body)).toEqual(new URLSearchParams({ command: 'ListActiveCalls', Username: 'reception', Password: 's3cret&=?' }));
  });

  it('refuses to send a password over GET', () => {
    expect(() => new OzekiClient({ baseUrl: 'http://127.0.0.1:7780', method: 'GET', ...auth })).toThrow(expect.objectContaining({ kind: 'misconfigured' }));
  });
});

describe('transport failures', () => {
  it('says the PBX refused the connection', async () => {
    const pbx = await startDemoPbx();
    await pbx.refuseConnections();
    const error = await failure(clientFor(pbx.url).listActiveCalls());
    expect(error).toMatchObject({ kind: 'unreachable', message: `Cannot reach the PBX at ${pbx.url}: connection refused.`, mayHaveArrived: false });
    await pbx.acceptConnections();
    expect(await clientFor(pbx.url).listActiveCalls()).toEqual([]);
  });

  it('gives up at the deadline when the PBX is slow', async () => {
    const pbx = await startDemoPbx();
    pbx.faults.delayMs = 2500;
    const started = Date.now();
    const error = await failure(clientFor(pbx.url, { timeoutMs: 400 }).listActiveCalls());
    expect(error).toMatchObject({ kind: 'timeout', message: `No answer from the PBX at ${pbx.url} within 0.4 s.`, mayHaveArrived: true });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('says the PBX may have received a command whose connection closed after it was sent', async () => {
    const server = await startHttpServer((_, res) => res.socket?.destroy()); // the whole request read, then no answer
    onCleanup(server.close);
    const error = await failure(clientFor(server.url).record('c1', { format: 'wav' }));
    expect(error).toMatchObject({ kind: 'unreachable', message: `Cannot reach the PBX at ${server.url}: the connection was closed.`, mayHaveArrived: true });
    expect(server.seen.map((r) => new URLSearchParams(r.body).get('command'))).toEqual(['Record']);
  });

  it('sends a request again on a fresh connection when the PBX closed the idle keep-alive one it went out on', async () => {
    // Like a PBX whose keep-alive ran out: each connection answers one request, then is closed when the next arrives.
    const answered: { connection: number; command: string | null }[] = [];
    const cut: number[] = [];
    let connections = 0;
    const address = await startTcpServer((socket) => {
      const connection = ++connections;
      let requests = 0;
      onHttpRequests(socket, (_, body) => {
        if (requests++ > 0) {
          cut.push(connection);
          socket.destroy();
          return;
        }
        const command = new URLSearchParams(body).get('command');
        answered.push({ connection, command });
        const xml = command === 'Record' ? '<Response><Code>200</Code><Message>Recording started</Message></Response>' : fixture('ozeki/list-active-calls.xml');
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nConnection: keep-alive\r\nContent-Length: ${Buffer.byteLength(xml)}\r\n\r\n${xml}`);
      });
    });
    const client = clientFor(`http://${address}`);
    const first = await client.listActiveCalls();
    expect(await client.listActiveCalls()).toEqual(first);
    await client.record('c1', { format: 'wav' });
    expect(answered).toEqual([
      { connection: 1, command: 'ListActiveCalls' },
      { connection: 2, command: 'ListActiveCalls' },
      { connection: 3, command: 'Record' },
    ]);
    // Record went out on a connection of its own, not on the pooled one the PBX would have cut.
    expect(cut).toEqual([1]);
  });

  it('says a command stuck in the TLS handshake was not sent, and one waiting for its answer may have been', async () => {
    const silent = await startTcpServer((socket) => socket.resume()); // accepts and reads, never answers
    const overTls = await failure(clientFor(`https://${silent}`, { timeoutMs: 300 }).record('c1', { format: 'wav' }));
    expect(overTls).toMatchObject({ kind: 'unreachable', mayHaveArrived: false });
    const plain = await failure(clientFor(`http://${silent}`, { timeoutMs: 300 }).record('c1', { format: 'wav' }));
    expect(plain).toMatchObject({ kind: 'timeout', mayHaveArrived: true });
  });

  it('reports an HTTP status other than 200', async () => {
    const server = await startHttpServer((_, res) => res.writeHead(503).end('busy'));
    onCleanup(server.close);
    expect(await failure(clientFor(server.url).listActiveCalls())).toMatchObject({
      kind: 'bad-response',
      message: `The PBX at ${server.url} answered with HTTP status 503 instead of its XML.`,
    });
  });

  it('stops reading an answer without end at 4 MB and says it is too large', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const server = await startHttpServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      const more = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more);
      };
      more();
    });
    onCleanup(server.close);
    expect(await failure(clientFor(server.url, { timeoutMs: 20_000 }).listActiveCalls())).toMatchObject({
      kind: 'bad-response',
      message: `The PBX at ${server.url} sent an answer that is too large.`,
    });
  });

  it('says the connection was closed when the PBX hangs up in the middle of its answer', async () => {
    const server = await startHttpServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write('<?xml version="1.0"?><Response><Code>200</Code><ActiveCalls>', () => res.socket?.destroy());
    });
    onCleanup(server.close);
    expect(await failure(clientFor(server.url).listActiveCalls())).toMatchObject({
      kind: 'unreachable',
      message: `Cannot reach the PBX at ${server.url}: the connection was closed.`,
    });
  });

  it('reports an answer that is not XML', async () => {
    const server = await startHttpServer((_, res) => res.end('<html><body>Router login</body></html>'));
    onCleanup(server.close);
    expect(await failure(clientFor(server.url).listActiveCalls())).toMatchObject({ kind: 'bad-response' });
  });

  it.each([
    ['not a URL', 'pbx.local:7780'],
    ['another scheme', 'ftp://10.0.0.5'],
    ['credentials in the URL', 'http://admin:pw@10.0.0.5:7780'],
  ])('refuses a PBX address that is %s', (_, url) => {
    expect(() => new OzekiClient({ baseUrl: url })).toThrow(expect.objectContaining({ kind: 'misconfigured' }));
  });
});
