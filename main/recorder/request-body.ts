import type { IncomingMessage } from 'node:http';

/**
 * The body of a request to one of our servers, or undefined once it grows past `limit` bytes. Unlike reading with
 * `for await`, stopping early does not destroy the request: the connection stays up so the caller can still answer
 * 413 (with `Connection: close`, which ends it afterwards). Rejects when the client goes away mid-body.
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
      req.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onClose = () => {
      stop();
      reject(new Error('The request was cut off before its body ended.'));
    };
    req.on('data', onData).once('end', onEnd).once('close', onClose).once('error', onClose);
  });
}
