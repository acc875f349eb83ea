import http from 'node:http';
import https from 'node:https';

// One request and its whole answer, on Node's own HTTP client. The PBX is polled once a second for ten hours a day:
// here a poll sets one deadline timer and nothing ticks between polls (undici's pool woke the process every half
// second), and undici's megabyte of code stays off the start of `run` (it is loaded at the first download).

/** The answer did not come in full before the deadline. `connected`: the PBX had the request (it may have acted on it). */
export class DeadlineExceeded extends Error {
  constructor(readonly connected: boolean) {
    super('deadline exceeded');
  }
}

export interface Exchange {
  method: 'POST' | 'GET';
  headers: http.OutgoingHttpHeaders;
  body: string | undefined;
  agent: http.Agent;
  /** From sending to the last byte of the answer. */
  timeoutMs: number;
  /** Abandons the exchange: it then rejects with the signal's reason. */
  signal: AbortSignal | undefined;
  /** A longer answer is not read: `text` is then undefined. */
  maxBytes: number;
}

export interface Answer {
  status: number;
  /** The body as UTF-8; undefined when it was longer than maxBytes. */
  text: string | undefined;
}

/** A keep-alive pool for `url`'s scheme that closes idle connections before a PBX's own 5 s keep-alive would. */
export function keepAliveAgent(url: URL): http.Agent {
  const options = { keepAlive: true, timeout: 4000, maxSockets: 8 };
  return url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}

export function exchange(url: URL, options: Exchange): Promise<Answer> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? https.request : http.request;
    const req = send(url, { method: options.method, headers: options.headers, agent: options.agent });
    const onAbort = () => req.destroy(signal?.reason as Error);
    const deadline = setTimeout(() => req.destroy(new DeadlineExceeded(req.socket !== null && !req.socket.connecting)), options.timeoutMs);
    const done = () => {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('error', (error) => {
      done();
      reject(error);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
        if (size <= options.maxBytes) return;
        done();
        res.destroy();
        resolve({ status, text: undefined });
      });
      res.once('end', () => {
        done();
        resolve({ status, text: Buffer.concat(chunks, size).toString('utf8') });
      });
      // A connection cut in the middle of the answer.
      res.once('error', (error) => {
        done();
        reject(error);
      });
    });
    req.end(options.body);
  });
}
