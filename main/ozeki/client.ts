import type { Agent } from 'node:http';
import { historyFrom, liveCallsFrom, type CallHistoryPage } from './calls.ts';
import type { LiveCall } from './live-call.ts';
import { formatPbxLocalDate } from './dates.ts';
import { PbxError } from './errors.ts';
import { parseResponse, type OzekiResponse } from './xml.ts';
import { DeadlineExceeded, exchange, keepAliveAgent } from './exchange.ts';

export type RecordFormat = 'mp3' | 'wav';
export type Party = 'caller' | 'callee' | 'all';

export interface OzekiClientOptions {
  /** The PBX's HTTP API, e.g. http://192.168.0.10:7780 */
  baseUrl: string;
  username?: string;
  password?: string;
  /** POST (default) sends parameters in a form body; GET puts them in the query string and so refuses a password. */
  method?: 'POST' | 'GET';
  /** Deadline for one command, from sending to the last byte of the answer. Default 5000 ms. */
  timeoutMs?: number;
}

export interface HistoryFilter {
  pageNumber?: number;
  rowsPerPage?: number;
  from?: Date;
  general?: string;
  direction?: string;
  source?: string;
  destination?: string;
  state?: string;
  dialed?: string;
  callerId?: string;
  callId?: string;
}

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** Checks a PBX address from settings or a flag and gives its origin, e.g. "http://10.0.0.5:7780". */
export function parsePbxUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PbxError('misconfigured', `"${text}" is not a PBX address. Write it like http://192.168.0.10:7780`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PbxError('misconfigured', `The PBX address must start with http:// or https://, not ${url.protocol}//`);
  }
  if (url.username || url.password) {
    throw new PbxError('misconfigured', 'Put the PBX username and password in their own fields, not in the address.');
  }
  return url;
}

/**
 * A typed client for the Ozeki Phone System HTTP API (docs/ozeki-http-api.md).
 * The PBX always answers HTTP 200; success or failure is its `<Code>`, turned into an OzekiError here.
 */
/** Commands that only read: safe to send again, so they may use a pooled keep-alive connection. */
const READS = new Set(['listactivecalls', 'getcallhistory']);

export class OzekiClient {
  readonly baseUrl: URL;
  private readonly username: string | undefined;
  private readonly password: string | undefined;
  private readonly method: 'POST' | 'GET';
  private readonly timeoutMs: number;
  /** One keep-alive connection pool, closed in {@link OzekiClient.close}. */
  private readonly agent: Agent;

  constructor(options: OzekiClientOptions) {
    this.baseUrl = parsePbxUrl(options.baseUrl);
    this.username = options.username || undefined;
    this.password = options.password || undefined;
    this.method = options.method ?? 'POST';
    this.timeoutMs = options.timeoutMs ?? 5000;
    if (this.method === 'GET' && this.password) {
      throw new PbxError('misconfigured', 'A password cannot be sent with GET without putting it in the address; use POST.');
    }
    this.agent = keepAliveAgent(this.baseUrl);
  }

  /**
   * Sends any documented command. Parameters with an undefined value are left out. `signal` abandons the
   * request (the recorder stopping): it then rejects with the signal's reason, not with a PBX error.
   */
  async command(name: string, params: Record<string, string | number | boolean | undefined> = {}, signal?: AbortSignal): Promise<OzekiResponse> {
    const form = new URLSearchParams({ command: name });
    for (const [key, value] of Object.entries(params)) if (value !== undefined) form.set(key, String(value));
    if (this.username) form.set('Username', this.username);
    if (this.password) form.set('Password', this.password);
    return parseResponse(await this.send(form, signal, READS.has(name.toLowerCase())));
  }

  async listActiveCalls(signal?: AbortSignal): Promise<LiveCall[]> {
    return liveCallsFrom(await this.command('ListActiveCalls', {}, signal));
  }

  /** Starts recording a call; the PBX records until the call ends, then POSTs RecordCompleted to finishedUrl. */
  async record(callId: string, options: { format?: RecordFormat; finishedUrl?: string; signal?: AbortSignal } = {}): Promise<void> {
    await this.command('Record', { CallId: callId, Format: options.format, FinishedURL: options.finishedUrl }, options.signal);
  }

  async hangup(callId: string): Promise<void> {
    await this.command('Hangup', { CallId: callId });
  }

  async hold(callId: string): Promise<void> {
    await this.command('Hold', { CallId: callId });
  }

  async unhold(callId: string): Promise<void> {
    await this.command('Unhold', { CallId: callId });
  }

  /** Text-to-speech on a live call: the PBX says `text` to `party`. */
  async speak(callId: string, text: string, options: { party?: Party; signal?: AbortSignal } = {}): Promise<void> {
    await this.command('Speak', { CallId: callId, Text: text, Party: options.party ?? 'all' }, options.signal);
  }

  /** Plays an audio file on a live call: `audioFile` is a URL the PBX fetches (or a path in its own install). */
  async play(callId: string, audioFile: string, options: { party?: Party; repeat?: boolean; signal?: AbortSignal } = {}): Promise<void> {
    await this.command('Play', { CallId: callId, AudioFile: audioFile, Party: options.party ?? 'all', Repeat: options.repeat }, options.signal);
  }

  async getCallHistory(filter: HistoryFilter = {}, signal?: AbortSignal): Promise<CallHistoryPage> {
    return historyFrom(
      await this.command(
        'GetCallHistory',
        {
          PageNumber: filter.pageNumber,
          RowsPerPage: filter.rowsPerPage,
          From: filter.from && formatPbxLocalDate(filter.from),
          General: filter.general,
          Direction: filter.direction,
          Source: filter.source,
          Destination: filter.destination,
          State: filter.state,
          Dialed: filter.dialed,
          CallerId: filter.callerId,
          CallId: filter.callId,
        },
        signal,
      ),
    );
  }

  close(): Promise<void> {
    this.agent.destroy();
    return Promise.resolve();
  }

  /** The PBX's address for messages; never includes a credential. */
  get displayUrl(): string {
    return this.baseUrl.origin;
  }

  private async send(form: URLSearchParams, abandon: AbortSignal | undefined, reusable: boolean): Promise<string> {
    const url = new URL('/', this.baseUrl);
    const post = this.method === 'POST';
    if (!post) url.search = form.toString();
    abandon?.throwIfAborted();
    let answer;
    try {
      const body = post ? form.toString() : undefined;
      answer = await exchange(url, {
        method: this.method,
        // A command that changes something (Record above all) never goes out on a pooled connection: one the PBX
        // closed while idle would fail it after it may have been read, and a resend could record the call twice.
        agent: reusable ? this.agent : false,
        headers: body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        body,
        timeoutMs: this.timeoutMs,
        signal: abandon,
        maxBytes: MAX_ANSWER_BYTES,
      });
    } catch (error) {
      abandon?.throwIfAborted();
      throw this.transportError(error);
    }
    if (answer.status !== 200) {
      throw new PbxError('bad-response', `The PBX at ${this.displayUrl} answered with HTTP status ${answer.status} instead of its XML.`);
    }
    if (answer.text === undefined) throw new PbxError('bad-response', `The PBX at ${this.displayUrl} sent an answer that is too large.`);
    return answer.text;
  }

  private transportError(error: unknown): PbxError {
    const where = `the PBX at ${this.displayUrl}`;
    if (error instanceof DeadlineExceeded && error.sent) {
      return new PbxError('timeout', `No answer from ${where} within ${formatSeconds(this.timeoutMs)}.`, { cause: error, mayHaveArrived: true });
    }
    if (error instanceof DeadlineExceeded || hasCode(error, 'ETIMEDOUT')) {
      // Never connected: the PBX cannot have received the command (unlike a timeout waiting for its answer).
      return new PbxError('unreachable', `Cannot reach ${where}: the connection timed out.`, { cause: error });
    }
    if (hasCode(error, 'ECONNRESET', 'EPIPE')) {
      // Closed once connected, while the request was on its way or after it was sent: the PBX may have it.
      return new PbxError('unreachable', `Cannot reach ${where}: the connection was closed.`, { cause: error, mayHaveArrived: true });
    }
    const reason = hasCode(error, 'ECONNREFUSED')
      ? 'connection refused'
      : hasCode(error, 'ENOTFOUND', 'EAI_AGAIN')
        ? 'no such host'
        : hasCode(error, 'EHOSTUNREACH', 'ENETUNREACH')
          ? 'no route to it'
          : error instanceof Error
            ? error.message
            : 'unknown error';
    return new PbxError('unreachable', `Cannot reach ${where}: ${reason}.`, { cause: error });
  }
}

/** True when the error, or an error it wraps, carries one of the codes (Node puts them in `code`). */
function hasCode(error: unknown, ...codes: string[]): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && codes.includes(code)) return true;
    const inner = e as { cause?: unknown; errors?: unknown[] };
    if (Array.isArray(inner.errors) && inner.errors.some((x) => hasCode(x, ...codes))) return true;
    e = inner.cause;
  }
  return false;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
