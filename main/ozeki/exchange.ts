import http from 'node:http';
import https from 'node:https';

// One request and its whole answer, on Node's own HTTP client. The PBX is polled once a second for ten hours a day:
// here a poll sets one deadline timer and nothing ticks between polls (undici's pool woke the process every half
// second), and undici's megabyte of code stays off the start of `run` (it is loaded at the first download).

/** The answer did not come in full before the deadline. `sent`: the whole request was written, so the PBX may have it. */
export class DeadlineExceeded extends Error {
  constructor(readonly sent: boolean) {
    super('deadline exceeded');
  }
}

export interface Exchange {
  method: 'POST' | 'GET';
  headers: http.OutgoingHttpHeaders;
  body: string | undefined;
  /** The keep-alive pool, or false for a connection of the request's own (closed after its answer). */
  agent: http.Agent | false;
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

/** A reused keep-alive connection that the PBX closed while it was idle: the request never reached the PBX. */
function staleConnection(req: http.ClientRequest, error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE');
}

export function exchange(url: URL, options: Exchange): Promise<Answer> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? https.request : http.request;
    let req: http.ClientRequest;
    // Written: the whole request left for the PBX (for https, only after the TLS handshake), so it may act on it.
    let written = false;
    let answered = false;
    const onAbort = () => req.destroy(signal?.reason as Error);
    // One deadline for the whole exchange, a resend included.
    const deadline = setTimeout(() => req.destroy(new DeadlineExceeded(written)), options.timeoutMs);
    const done = () => {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const attempt = () => {
      req = send(url, { method: options.method, headers: options.headers, agent: options.agent });
      req.once('finish', () => (written = true));
      req.once('error', (error) => {
        // As Node's docs advise for keep-alive: a pooled connection closed while idle is not a failure of the PBX.
        // The stale socket is destroyed and leaves the pool, so the request goes again, until it fails on a
        // connection of its own (the pool holds a few idle sockets at most).
        if (!answered && staleConnection(req, error) && !signal?.aborted) {
          written = false;
          attempt();
          return;
        }
        done();
        reject(error);
      });
      req.once('response', (res) => {
        answered = true;
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
    };
    attempt();
  });
}
