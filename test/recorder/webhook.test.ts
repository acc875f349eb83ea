import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { allowList } from '../../main/recorder/allowed-callers.ts';
import { sameSecret } from '../../main/recorder/webhook.ts';
import { onCleanup } from '../helpers/demo.ts';
import { COMPLETED_BODY, FORM, LISTENER_SECRET, completedRequest, rawExchange, startListener, statusOf } from '../helpers/webhook.ts';

async function listener(allowedCallers = ['127.0.0.1'], onRecordCompleted?: () => Promise<void>) {
  const hook = await startListener({ allowedCallers }, onRecordCompleted);
  const send = async (path: string, options: { method?: 'GET' | 'POST' | 'PUT'; body?: string; headers?: Record<string, string> } = {}) => {
    const res = await request(`${hook.base}${path}`, {
      method: options.method ?? 'POST',
      body: options.body ?? COMPLETED_BODY,
      headers: options.headers ?? FORM,
    });
    const text = await res.body.text();
    return { status: res.statusCode, text };
  };
  return { ...hook, send, reasons: () => hook.refused.map((r) => r.reason) };
}

/** A promise the test settles by hand. */
function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('webhook listener', () => {
  it('takes a RecordCompleted with the right secret, answers 200 with an empty body and hands it on', async () => {
    const hook = await listener();
    expect(await hook.send('/ozeki/record-completed/rec1/sekret')).toEqual({ status: 200, text: '' });
    expect(hook.completed.map(([id, n]) => [id, n.callId, n.recordUrl])).toEqual([['rec1', 'abc', 'http://127.0.0.1:7780/HttpRecordings/a.mp3']]);
  });

  it('answers a RecordCompleted only once it is kept, and serves others meanwhile', async () => {
    const journaled = deferred();
    const handed = deferred();
    const hook = await listener(['127.0.0.1'], () => {
      handed.resolve();
      return journaled.promise;
    });
    let received = '';
    const exchange = rawExchange(hook.port, [completedRequest()], { onData: (chunk) => (received += chunk.toString()) });
    await handed.promise;
    // Another request goes all the way through the listener while the first one waits for its journal.
    expect((await hook.send(`/ozeki/self-test/${LISTENER_SECRET}`, { method: 'GET' })).status).toBe(200);
    expect(received).toBe('');
    journaled.resolve();
    const result = await exchange;
    expect(statusOf(result.received)).toBe(200);
    expect(hook.completed).toHaveLength(1);
  });

  it('answers 503 when the notification could not be kept, and says why in the log without the secret', async () => {
    const hook = await listener(['127.0.0.1'], () => Promise.reject(new Error('the disk is full')));
    expect(await hook.send('/ozeki/record-completed/rec1/sekret')).toEqual({ status: 503, text: 'Not saved, send it again\n' });
    expect(hook.notKept).toEqual([{ reason: 'the disk is full', from: '127.0.0.1' }]);
    expect(hook.refused).toEqual([]); // not a refusal: the PBX is asked to send it again
    expect(JSON.stringify(hook.notKept)).not.toContain('sekret');
  });

  it('answers a chunked body over 64 KiB with 413 or a closed connection at once, and keeps running', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    onCleanup(() => {
      process.off('unhandledRejection', onRejection);
    });
    const hook = await startListener({ requestTimeoutMs: 10_000 });
    const head =
      'POST /ozeki/record-completed/rec1/sekret HTTP/1.1\r\nHost: pc\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n';
    const chunk = `2000\r\n${'a'.repeat(0x2000)}\r\n`; // 8 KiB; ten of them and no last chunk
    const result = await rawExchange(hook.port, [head, ...Array<string>(10).fill(chunk)]);
    expect([413, undefined]).toContain(statusOf(result.received));
    expect(result.closedAfterMs).toBeLessThan(5000); // not left for the request timeout to close
    // The listener still serves, and by now any rejection of the refused request has been reported.
    const next = await rawExchange(hook.port, [completedRequest()]);
    expect(statusOf(next.received)).toBe(200);
    expect(rejections).toEqual([]);
    expect(hook.completed).toHaveLength(1);
  });

  it.each([
    ['a wrong secret', '/ozeki/record-completed/rec1/nope', {}, 403],
    ['an unknown recording', '/ozeki/record-completed/rec2/sekret', {}, 403],
    ['another method', '/ozeki/record-completed/rec1/sekret', { method: 'PUT' as const }, 405],
    ['a JSON body', '/ozeki/record-completed/rec1/sekret', { headers: { 'content-type': 'application/json' }, body: '{}' }, 415],
    ['a body over 64 KiB', '/ozeki/record-completed/rec1/sekret', { body: `x=${'a'.repeat(70_000)}` }, 413],
    ['an unknown path', '/other', {}, 404],
    ['a notification without RecordURL', '/ozeki/record-completed/rec1/sekret', { body: 'NotificationName=RecordCompleted' }, 400],
  ])('refuses %s', async (_, path, options, status) => {
    const hook = await listener();
    expect((await hook.send(path, options)).status).toBe(status);
    expect(hook.completed).toEqual([]);
    expect(hook.refused).toHaveLength(1);
  });

  it('refuses notifications from this machine when it is not an allowed caller', async () => {
    const hook = await listener(['192.0.2.10', '10.0.0.0/8']);
    expect((await hook.send('/ozeki/record-completed/rec1/sekret')).status).toBe(403);
    expect(hook.reasons()).toEqual(['Caller not allowed']);
  });

  it('takes CallChanged on its own path and answers the self-test from this machine', async () => {
    const hook = await listener(['192.0.2.10']);
    expect((await hook.send(`/ozeki/self-test/${LISTENER_SECRET}`, { method: 'GET' })).text).toBe('ozeki-recorder\n');
    expect((await hook.send('/ozeki/self-test/wrong', { method: 'GET' })).status).toBe(403);
    const allowed = await listener(['127.0.0.1']);
    expect((await allowed.send(`/ozeki/call-changed/${LISTENER_SECRET}`, { body: 'NotificationName=CallChanged&CallId=XzeOK&CallState=Hold' })).status).toBe(
      200,
    );
    expect(allowed.changed.map((n) => n.callId)).toEqual(['XzeOK']);
  });

  it('compares secrets of any length without throwing', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });

  it('reads allowed addresses and ranges, and refuses nonsense', () => {
    const list = allowList(['192.168.0.0/16', '::1']);
    expect(list.check('192.168.5.7', 'ipv4')).toBe(true);
    expect(list.check('10.0.0.1', 'ipv4')).toBe(false);
    expect(() => allowList(['pbx.local'])).toThrow('"pbx.local" is not an IP address or range.');
  });
});
