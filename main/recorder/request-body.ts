import type { IncomingMessage } from 'node:http';

/**
 * The body of a request to one of our servers as text; 'too large' as soon as it passes `limit` bytes (or its
 * Content-Length says it will), 'cut off' when the client went away first. Unlike reading with `for await`,
 * stopping early does not destroy the request: that would take its socket, and the answer, with it. The caller
 * answers 413 with `Connection: close`, which ends the connection afterwards.
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<{ text: string } | 'too large' | 'cut off'> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve('too large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: { text: string } | 'too large' | 'cut off') => {
      req.off('data', onData).off('end', onEnd).off('close', onCutOff).off('error', onCutOff);
      req.pause(); // what is left of a body too large is not read
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else finish('too large');
    };
    const onEnd = () => finish({ text: Buffer.concat(chunks).toString('utf8') });
    const onCutOff = () => finish('cut off');
    req.on('data', onData).once('end', onEnd).once('close', onCutOff).once('error', onCutOff);
  });
}
