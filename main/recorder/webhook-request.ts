/** Reading a request to the webhook listener: which of its paths it is for, and its body within the limit. */
import type { IncomingMessage } from 'node:http';

/** The most a notification's body may hold; the PBX's forms are a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

type Route = { kind: 'record-completed'; id: string; secret: string } | { kind: 'call-changed'; secret: string } | { kind: 'self-test'; secret: string };

/** Which of the listener's paths a request is for, with the secret (and recording id) it carries. */
export function routeOf(url: string | undefined): Route | undefined {
  const parts = (url ?? '/').split('?')[0]?.split('/').filter(Boolean) ?? [];
  const [root, kind, first = '', second = ''] = parts;
  if (root !== 'ozeki') return undefined;
  if (kind === 'record-completed' && parts.length === 4) return { kind, id: first, secret: second };
  if (kind === 'call-changed' && parts.length === 3) return { kind, secret: first };
  if (kind === 'self-test' && parts.length === 3) return { kind, secret: first };
  return undefined;
}

/**
 * The body as text; 'too large' as soon as it passes the limit (the rest is not kept, and the answer closes the
 * connection), 'cut off' if the caller went away first. The request is never destroyed here: that would take
 * its socket, and the answer, with it.
 */
export function readBody(req: IncomingMessage): Promise<{ text: string } | 'too large' | 'cut off'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      resolve('too large');
    };
    req.on('data', onData);
    req.once('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8') }));
    req.once('close', () => resolve('cut off'));
    req.once('error', () => resolve('cut off'));
  });
}
