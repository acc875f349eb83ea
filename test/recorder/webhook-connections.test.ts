import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_LIVE_CALLS } from '../../main/recorder/monitor.ts';
import { onCleanup } from '../helpers/demo.ts';
import { LISTENER_SECRET, completedRequest, rawExchange, startListener, statusOf } from '../helpers/webhook.ts';

// 127.0.0.3 is a loopback address but not one of this machine's interfaces: a client bound to it is a stranger.
const STRANGER = '127.0.0.3';
const SELF_TEST = `GET /ozeki/self-test/${LISTENER_SECRET} HTTP/1.1\r\nHost: pc\r\n\r\n`;

describe('webhook listener connections', () => {
  it('drops a stranger as it connects, without an answer, and says so once in the log', async () => {
    const hook = await startListener({ allowedCallers: ['127.0.0.1'] });
    for (const request of [completedRequest(), SELF_TEST, completedRequest()]) {
      const result = await rawExchange(hook.port, [request], { localAddress: STRANGER });
      expect(result.received).toBe('');
    }
    expect(hook.completed).toEqual([]);
    expect(hook.changed).toEqual([]);
    expect(hook.refused).toEqual([{ reason: 'Caller not allowed', from: STRANGER }]);
    // The same address, once allowed, is served: it is the allow-list that dropped it.
    const allowed = await startListener({ allowedCallers: [STRANGER] });
    expect(statusOf((await rawExchange(allowed.port, [completedRequest()], { localAddress: STRANGER })).received)).toBe(200);
  });

  it('answers the self-test from this machine though only the PBX may notify, and closes each connection after its answer', async () => {
    const hook = await startListener({ allowedCallers: ['192.0.2.10'], headersTimeoutMs: 10_000, requestTimeoutMs: 10_000 });
    const result = await rawExchange(hook.port, [SELF_TEST]);
    expect(statusOf(result.received)).toBe(200);
    expect(result.received).toMatch(/\r\n\r\nozeki-recorder\n$/);
    expect(result.closedAfterMs).toBeLessThan(2000); // closed by the listener after answering, not by a timeout
  });

  it('answers an Expect it does not know with 417 and closes the connection', async () => {
    const hook = await startListener({ headersTimeoutMs: 10_000, requestTimeoutMs: 10_000 });
    const result = await rawExchange(hook.port, [completedRequest().replace('Host: pc\r\n', 'Host: pc\r\nExpect: nonsense\r\n')]);
    expect(statusOf(result.received)).toBe(417);
    expect(result.closedAfterMs).toBeLessThan(2000);
    expect(hook.completed).toEqual([]);
  });

  it('closes a connection that sends its headers slowly once the header time is up', async () => {
    const headersTimeoutMs = 300;
    const hook = await startListener({ headersTimeoutMs, requestTimeoutMs: 600 });
    const lines = Array.from({ length: 200 }, (_, i) => `X-Slow-${i}: 1\r\n`); // 10 s of headers at 50 ms a line
    const result = await rawExchange(hook.port, [`GET /ozeki/self-test/${LISTENER_SECRET} HTTP/1.1\r\n`, ...lines], { pauseMs: 50 });
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(headersTimeoutMs);
    // Within the header time (the connection's own timer), plus room for a busy machine.
    expect(result.closedAfterMs).toBeLessThan(headersTimeoutMs + 1500);
    expect([408, undefined]).toContain(statusOf(result.received));
  });

  it('takes a notification for every followed call at once (a PBX ending all its calls together)', async () => {
    // Every notification is held until all have arrived, so all connections are open at the same moment.
    let arrived = 0;
    let allArrived: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (allArrived = resolve));
    const hold = () => {
      if (++arrived === MAX_LIVE_CALLS) allArrived();
      return barrier;
    };
    const hook = await startListener({ headersTimeoutMs: 15_000, requestTimeoutMs: 15_000 }, hold);
    const answers = await Promise.all(Array.from({ length: MAX_LIVE_CALLS }, () => rawExchange(hook.port, [completedRequest()], { giveUpMs: 5000 })));
    expect(answers.map((a) => statusOf(a.received)).filter((s) => s !== 200)).toEqual([]);
    expect(hook.completed).toHaveLength(MAX_LIVE_CALLS);
  });

  it('refuses connection 65 while 64 are open when the cap is 64, and serves again once they go', async () => {
    const hook = await startListener({ headersTimeoutMs: 15_000, requestTimeoutMs: 15_000, maxConnections: 64 });
    const held: Socket[] = [];
    let heldClosed = 0;
    onCleanup(() => {
      for (const socket of held) socket.destroy();
    });
    for (let i = 0; i < 64; i++) {
      const socket = connect(hook.port, '127.0.0.1');
      socket.on('close', () => heldClosed++);
      held.push(socket);
      await once(socket, 'connect');
    }
    const extra = await rawExchange(hook.port, [SELF_TEST]);
    expect(extra.received).toBe('');
    expect(heldClosed).toBe(0); // nothing closed one of the 64 to make room
    await Promise.all(
      held.map((socket) => {
        socket.destroy();
        return once(socket, 'close');
      }),
    );
    // The listener learns of the closes on its own time: ask until it answers.
    const deadline = Date.now() + 5000;
    let status: number | undefined;
    while (status !== 200 && Date.now() < deadline) status = statusOf((await rawExchange(hook.port, [SELF_TEST])).received);
    expect(status).toBe(200);
  });
});
