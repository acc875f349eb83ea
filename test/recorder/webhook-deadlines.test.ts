import { createHook } from 'node:async_hooks';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { onCleanup } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { COMPLETED_BODY, completedRequest, startListener, statusOf } from '../helpers/webhook.ts';

// Far beyond a test's own time limit: only the fake clock can bring them about.
const HEADERS_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 60_000;
const HEADERS = completedRequest().slice(0, completedRequest().indexOf('\r\n\r\n') + 4);

/** A raw connection to the listener: what it received, and a promise of everything once the listener closed it. */
async function connection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  onCleanup(() => {
    socket.destroy();
  });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close').then(() => received);
  await once(socket, 'connect');
  return { socket, closed };
}

/**
 * A listener on a fake clock; `arrived` resolves once a RecordCompleted's headers have been read (the listener asks
 * for the recording's secret), `handed` once its whole body has been handed on, which `release` lets it answer.
 */
async function listenerOnClock() {
  const clock = new FakeClock();
  let arrived: () => void = () => undefined;
  const headersRead = new Promise<void>((resolve) => (arrived = resolve));
  let handedOn: () => void = () => undefined;
  const handed = new Promise<void>((resolve) => (handedOn = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const secrets = {
    get rec1() {
      arrived();
      return 'sekret';
    },
  };
  const hook = await startListener(
    { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, clock },
    () => {
      handedOn();
      return released;
    },
    secrets,
  );
  return { ...hook, clock, headersRead, handed, release };
}

describe('webhook listener deadlines, each on its connection', () => {
  it('holds no timer while nobody is connected, and serves headers that arrive just within their time', async () => {
    const hook = await listenerOnClock();
    expect(hook.clock.pending).toBe(0);
    const { socket, closed } = await connection(hook.port);
    socket.write(HEADERS.slice(0, 20));
    await hook.clock.whenPending(); // the listener took the connection and set its deadline
    hook.clock.advance(HEADERS_TIMEOUT_MS - 1);
    socket.write(completedRequest().slice(20));
    await hook.handed;
    hook.release();
    expect(statusOf(await closed)).toBe(200);
    expect(hook.clock.pending).toBe(0);
  });

  it('answers 408 and closes a connection whose headers are not in by the header time', async () => {
    const hook = await listenerOnClock();
    const { socket, closed } = await connection(hook.port);
    socket.write(HEADERS.slice(0, 20));
    await hook.clock.whenPending();
    hook.clock.advance(HEADERS_TIMEOUT_MS);
    expect(statusOf(await closed)).toBe(408);
    expect(hook.clock.pending).toBe(0);
    expect(hook.completed).toEqual([]);
  });

  it('takes a body that arrives just within the request time, counted from connecting', async () => {
    const hook = await listenerOnClock();
    const { socket, closed } = await connection(hook.port);
    socket.write(HEADERS + COMPLETED_BODY.slice(0, 10));
    await hook.headersRead;
    hook.clock.advance(REQUEST_TIMEOUT_MS - 1);
    socket.write(COMPLETED_BODY.slice(10));
    await hook.handed;
    hook.release();
    expect(statusOf(await closed)).toBe(200);
  });

  it('answers 408 and closes a connection whose body is not in by the request time, and hands nothing on', async () => {
    const hook = await listenerOnClock();
    const { socket, closed } = await connection(hook.port);
    socket.write(HEADERS + COMPLETED_BODY.slice(0, 10));
    await hook.headersRead;
    hook.clock.advance(REQUEST_TIMEOUT_MS);
    expect(statusOf(await closed)).toBe(408);
    expect(hook.completed).toEqual([]);
    expect(hook.clock.pending).toBe(0);
  });

  it('lets a request that arrived in full wait for its journal as long as that takes', async () => {
    const hook = await listenerOnClock();
    const { socket, closed } = await connection(hook.port);
    socket.write(completedRequest());
    await hook.handed;
    expect(hook.clock.pending).toBe(0); // its deadline ended with its last byte
    hook.clock.advance(10 * REQUEST_TIMEOUT_MS);
    hook.release();
    expect(statusOf(await closed)).toBe(200);
  });

  it('leaves no timer ticking while it waits (Node checked its connections every second)', async () => {
    // Timers made while the listener starts; an interval of Node's carries its period in `_idleTimeout`.
    const intervals: number[] = [];
    const hook = createHook({
      init(_id, type, _trigger, resource) {
        const timer = resource as { _idleTimeout?: number; _repeat?: number | null };
        if (type === 'Timeout' && typeof timer._repeat === 'number') intervals.push(timer._idleTimeout ?? NaN);
      },
    }).enable();
    try {
      await startListener({ clock: new FakeClock() });
    } finally {
      hook.disable();
    }
    const DAY_MS = 24 * 3600 * 1000;
    expect(intervals.filter((ms) => !(ms > DAY_MS))).toEqual([]);
  });
});
