import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { RecordCompleted } from '../../main/ozeki/notifications.ts';
import { allowList, sameSecret, WebhookListener } from '../../main/recorder/webhook.ts';
import { onCleanup } from '../helpers/demo.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const BODY = 'NotificationName=RecordCompleted&CallId=abc&RecordURL=http%3A%2F%2F127.0.0.1%3A7780%2FHttpRecordings%2Fa.mp3';

async function listener(allowedCallers = ['127.0.0.1']) {
  const completed: [string, RecordCompleted][] = [];
  const changed: string[] = [];
  const refused: string[] = [];
  const hook = new WebhookListener(
    { host: '127.0.0.1', port: 0, allowedCallers, listenerSecret: 'listener-secret-0123456789abcdef' },
    {
      secretOf: (id) => (id === 'rec1' ? 'sekret' : undefined),
      onRecordCompleted: (id, n) => completed.push([id, n]),
      onCallChanged: (n) => changed.push(n.callId),
      onRefused: (reason) => refused.push(reason),
    },
  );
  const { port } = await hook.start();
  onCleanup(() => hook.stop());
  const base = `http://127.0.0.1:${port}`;
  const send = async (path: string, options: { method?: 'GET' | 'POST' | 'PUT'; body?: string; headers?: Record<string, string> } = {}) => {
    const res = await request(`${base}${path}`, { method: options.method ?? 'POST', body: options.body ?? BODY, headers: options.headers ?? FORM });
    const text = await res.body.text();
    return { status: res.statusCode, text };
  };
  return { send, completed, changed, refused };
}

describe('webhook listener', () => {
  it('takes a RecordCompleted with the right secret, answers 200 with an empty body and hands it on', async () => {
    const hook = await listener();
    expect(await hook.send('/ozeki/record-completed/rec1/sekret')).toEqual({ status: 200, text: '' });
    await new Promise((r) => setImmediate(r));
    expect(hook.completed.map(([id, n]) => [id, n.callId, n.recordUrl])).toEqual([['rec1', 'abc', 'http://127.0.0.1:7780/HttpRecordings/a.mp3']]);
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
    await new Promise((r) => setTimeout(r, 20));
    expect(hook.completed).toEqual([]);
    expect(hook.refused).toHaveLength(1);
  });

  it('refuses callers outside the allowed addresses', async () => {
    const hook = await listener(['192.0.2.10', '10.0.0.0/8']);
    expect((await hook.send('/ozeki/record-completed/rec1/sekret')).status).toBe(403);
    expect(hook.refused).toEqual(['Caller not allowed']);
  });

  it('takes CallChanged on its own path and answers the self-test from this machine', async () => {
    const hook = await listener(['192.0.2.10']);
    expect((await hook.send('/ozeki/self-test/listener-secret-0123456789abcdef', { method: 'GET' })).text).toBe('ozeki-recorder\n');
    expect((await hook.send('/ozeki/self-test/wrong', { method: 'GET' })).status).toBe(403);
    const allowed = await listener(['127.0.0.1']);
    expect((await allowed.send('/ozeki/call-changed/listener-secret-0123456789abcdef', { body: 'NotificationName=CallChanged&CallId=XzeOK&CallState=Hold' })).status).toBe(200);
    await new Promise((r) => setImmediate(r));
    expect(allowed.changed).toEqual(['XzeOK']);
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
