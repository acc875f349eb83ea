import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onCleanup } from '../helpers/demo.ts';
import { COMPLETED_BODY, LISTENER_SECRET, completedRequest, rawExchange, startListener, statusOf } from '../helpers/webhook.ts';

const HEADERS_TIMEOUT_MS = 300;
const REQUEST_TIMEOUT_MS = 600;
/** The request timeout (each connection's own timer), plus room for a busy machine. */
const ENDS_WITHIN_MS = REQUEST_TIMEOUT_MS + 1500;
const STRANGER = '127.0.0.3';

/** A secret that is not the right one as the listener reads a path (a query after it is not part of it). */
const wrongSecret = fc
  .oneof(
    fc.constantFrom('sekre', 'sekret1', 'SEKRET', 'sekret%20', '%73ekret', ' sekret', `${LISTENER_SECRET}x`, LISTENER_SECRET.slice(1), ''),
    fc.string({ maxLength: 40 }),
  )
  .filter((s) => !['sekret', LISTENER_SECRET].includes(s.split('?')[0] ?? ''));

const path = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom('rec1', 'rec2', '', '..', 'rec1/x'), wrongSecret).map(([id, secret]) => `/ozeki/record-completed/${id}/${secret}`),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('call-changed', 'self-test', 'Call-Changed'), wrongSecret).map(([route, secret]) => `/ozeki/${route}/${secret}`),
  },
  fc.constantFrom('/', '*', '/ozeki', '/ozeki/record-completed', '//ozeki//record-completed//rec1', 'http://127.0.0.1/ozeki/self-test/x', '/%2e%2e/etc/passwd'),
  fc.string({ maxLength: 60 }),
);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'HEAD', 'OPTIONS', 'DELETE', 'CONNECT', 'TRACE', 'PATCH', 'post', 'BREW', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

const header = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'Content-Type: application/x-www-form-urlencoded',
      'Content-Type: application/x-www-form-urlencoded; charset=utf-8',
      'Content-Type: text/plain',
      'Content-Type:',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Transfer-Encoding: identity',
      'Content-Length: -1',
      'Content-Length: 99999999999999999999',
      'Content-Length: 10, 20',
      'Expect: 100-continue',
      'Expect: nonsense',
      'Connection: keep-alive',
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Host: pc',
      `X-Long: ${'x'.repeat(20_000)}`,
      ' folded: line',
    ),
  },
  fc.nat({ max: 70_000 }).map((n) => `Content-Length: ${n}`),
  fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 })).map(([name, value]) => `${name}: ${value}`),
);

const body = fc.oneof(
  fc.constant(''),
  fc.constant(COMPLETED_BODY),
  fc.string({ maxLength: 200 }),
  fc.nat({ max: 70_000 }).map((n) => `x=${'a'.repeat(n)}`),
);

/** How the body is framed: as the headers say, with a Content-Length of its own, or in chunks (perhaps unfinished). */
const framing = fc.constantFrom('as-is', 'content-length', 'chunked', 'chunked-unfinished');

function frame(kind: string, text: string): { headers: string[]; bytes: string } {
  if (kind === 'content-length') return { headers: [`Content-Length: ${Buffer.byteLength(text)}`], bytes: text };
  if (kind === 'as-is') return { headers: [], bytes: text };
  const chunks = text.match(/[\s\S]{1,4096}/g) ?? [];
  const encoded = chunks.map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`).join('');
  return { headers: ['Transfer-Encoding: chunked'], bytes: kind === 'chunked' ? `${encoded}0\r\n\r\n` : encoded };
}

function request(r: { method: string; path: string; headers: string[]; framing: string; body: string }): Buffer {
  const framed = frame(r.framing, r.body);
  return Buffer.from(`${r.method} ${r.path} HTTP/1.1\r\n${[...r.headers, ...framed.headers].map((h) => `${h}\r\n`).join('')}\r\n${framed.bytes}`);
}

/** A recording the fuzzer knows the secret of: its requests get as far as the body and the handler. */
const FUZZ_ID = 'fuzz';
const FUZZ_PATH = `/ozeki/record-completed/${FUZZ_ID}/fuzz-secret`;

/** Looks like the PBX's notification: with a wrong secret, or the fuzzer's own, and a body perhaps too long or unfinished. */
const plausible = fc
  .record({ path: fc.oneof({ weight: 3, arbitrary: path }, { weight: 1, arbitrary: fc.constant(FUZZ_PATH) }), framing, body })
  .map((r) => request({ ...r, method: 'POST', headers: ['Host: pc', 'Content-Type: application/x-www-form-urlencoded'] }));

/** Anything in the shape of an HTTP request. Node answers 400 to one without a Host: most have one, to get further. */
const anyRequest = fc
  .record({ method, path, host: fc.boolean(), form: fc.boolean(), headers: fc.array(header, { maxLength: 4 }), framing, body })
  .map((r) =>
    request({ ...r, headers: [...(r.host ? ['Host: pc'] : []), ...(r.form ? ['Content-Type: application/x-www-form-urlencoded'] : []), ...r.headers] }),
  );

/** Cuts bytes into pieces at the given fractions of their length. */
function cut(bytes: Buffer, fractions: number[]): Buffer[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b);
  return [0, ...points].map((start, i) => bytes.subarray(start, points[i] ?? bytes.length)).filter((piece) => piece.length > 0);
}

const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

const connection = fc.record({
  bytes: fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 3, arbitrary: anyRequest },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
  ),
  fractions,
  // A few slow writers, most write at once.
  pauseMs: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 20, max: 80 }) }),
  // Most callers half-close once they have written; the others wait for the listener to close.
  end: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  stranger: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

describe('webhook listener under random input', () => {
  it('never fails the process, ends every connection in time, and hands on only the one right request, once', async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown) => crashes.push(error);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    onCleanup(() => {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    });
    const hook = await startListener({ headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS }, undefined, {
      rec1: 'sekret',
      [FUZZ_ID]: 'fuzz-secret',
    });

    await fc.assert(
      fc.asyncProperty(fc.array(connection, { minLength: 1, maxLength: 5 }), fc.nat(), fractions, async (garbage, at, validCuts) => {
        crashes.length = 0;
        hook.completed.length = 0;
        hook.changed.length = 0;
        const send = (c: (typeof garbage)[number]) =>
          rawExchange(hook.port, cut(c.bytes, c.fractions), {
            pauseMs: c.pauseMs,
            end: c.end,
            giveUpMs: ENDS_WITHIN_MS,
            ...(c.stranger ? { localAddress: STRANGER } : {}),
          });
        // The valid request starts somewhere among the others, and all run at once.
        const before = garbage.slice(0, at % (garbage.length + 1)).map(send);
        const valid = rawExchange(hook.port, cut(Buffer.from(completedRequest()), validCuts), { giveUpMs: ENDS_WITHIN_MS });
        const after = garbage.slice(before.length).map(send);
        const results = await Promise.all([...before, ...after]);
        const answer = await valid;

        expect(crashes).toEqual([]);
        for (const result of [...results, answer]) expect(result.error, `a connection still open after ${ENDS_WITHIN_MS} ms`).not.toBe('still open');
        // A stranger is dropped unanswered, whatever it sends.
        for (const [i, c] of garbage.entries()) if (c.stranger) expect(results[i]?.received).toBe('');
        expect(statusOf(answer.received)).toBe(200);
        // Only the valid request and the fuzzer's own (with the right secret) may reach the handler.
        const ids = hook.completed.map(([id]) => id);
        expect(ids.filter((id) => id === 'rec1')).toEqual(['rec1']);
        expect(ids.filter((id) => id !== 'rec1').length).toBeLessThanOrEqual(garbage.filter((c) => !c.stranger && c.bytes.includes(FUZZ_PATH)).length);
        expect(ids.every((id) => id === 'rec1' || id === FUZZ_ID)).toBe(true);
        expect(hook.changed).toEqual([]);
      }),
      // A failure found late is still reported if the time runs out while it is being shrunk.
      { numRuns: 100, plugins: [fc.interruptAfterTimeLimit(10_000)] },
    );
  });
});
