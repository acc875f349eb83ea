import { EventEmitter } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { formatPbxLocalDate } from '../ozeki/dates.ts';
import { writeDemoRecording } from './audio.ts';
import { postRecordCompleted } from './notify.ts';
import { serveFile } from './serve-file.ts';
import { formatStartTime, newCallId, ringSeconds, talkSeconds, type DemoCall, type DemoEndState, type DemoHistoryRow } from './calls.ts';
import { Traffic } from './traffic.ts';
import { responseXml } from './xml-writer.ts';

/**
 * Switches that make the demo PBX misbehave on purpose, for tests. Each can be changed while it runs.
 * - delayMs: answer every command this much later (it is carried out at once, as by a PBX that is slow to answer).
 * - dropNextDownloads: this many next downloads are cut off half-way (the connection closes).
 * - duplicateNotification: send every RecordCompleted twice.
 * - recordUrlStyle: RecordURL as an http URL on this PBX (default), as one on a foreign host, or as a file path.
 * - downloadBytesPerSecond: serve recordings this slowly (0: as fast as possible).
 * - notificationsLost: RecordCompleted is never delivered (a PBX that cannot reach the app).
 * - recordAnswerDelayMs: Record is carried out at once (the PBX records), but its answer comes this much later.
 * - refuseRecord: Record is answered with 303 InappropriateCommand (a call the PBX will not record).
 * - endlessDownloads: a recording is served as its bytes and then more, without end or length (a broken or hostile PBX).
 */
export interface DemoFaults {
  delayMs: number;
  dropNextDownloads: number;
  downloadBytesPerSecond: number;
  duplicateNotification: boolean;
  notificationsLost: boolean;
  recordUrlStyle: 'http' | 'foreign-host' | 'file-path';
  recordAnswerDelayMs: number;
  refuseRecord: boolean;
  endlessDownloads: boolean;
}

export interface DemoPbxOptions {
  host?: string;
  /** 0 picks a free port (tests); the CLI uses 7780 like the real PBX. */
  port?: number;
  /** Where recordings are written; a new temp folder by default. */
  recordingsDir?: string;
  /** Office-user authentication: when set, every command needs this Username and Password. */
  auth?: { username: string; password: string };
  /** Calls that come and go by themselves. Off by default (tests script their calls). */
  traffic?: boolean | { maxCalls?: number; meanGapSeconds?: number };
  /**
   * ASSUMPTION (the docs are silent): a second Record on a call that is already being recorded is refused
   * with 303 ("reject", default), or starts a second file ("new-file").
   */
  secondRecord?: 'reject' | 'new-file';
  random?: () => number;
}

export interface DemoRecording {
  callId: string;
  format: 'mp3' | 'wav';
  finishedUrl: string | undefined;
  startedAt: number;
  /** Set when the call ended and the file was written. */
  file?: string;
  recordUrl?: string;
  seconds?: number;
}

export interface ReceivedCommand {
  command: string;
  /** Parameters with lower-cased names; Password is never kept. */
  params: Record<string, string>;
  at: number;
}

export interface DemoPbxEvents {
  listening: [string];
  command: [ReceivedCommand];
  'call-added': [DemoCall];
  'call-changed': [DemoCall];
  'call-ended': [DemoCall, DemoEndState];
  'recording-saved': [DemoRecording];
  notification: [{ url: string; ok: boolean; error?: string }];
}

const FORMATS = new Set(['mp3', 'wav']);

/** A simulated Ozeki Phone System PBX speaking its HTTP API (shared/ozeki-http-api.md). */
export class DemoPbx extends EventEmitter<DemoPbxEvents> {
  readonly faults: DemoFaults = {
    delayMs: 0,
    dropNextDownloads: 0,
    downloadBytesPerSecond: 0,
    duplicateNotification: false,
    notificationsLost: false,
    recordUrlStyle: 'http',
    recordAnswerDelayMs: 0,
    refuseRecord: false,
    endlessDownloads: false,
  };
  /** Every request for a recording file, with its Range header. */
  readonly downloads: { name: string; range: string | undefined }[] = [];
  /** The most recording downloads that were running at the same time. */
  peakConcurrentDownloads = 0;
  private concurrentDownloads = 0;
  readonly received: ReceivedCommand[] = [];
  private readonly calls = new Map<string, DemoCall>();
  private readonly history: DemoHistoryRow[] = [];
  private readonly recordings = new Map<string, DemoRecording[]>();
  private readonly pendingWork = new Set<Promise<unknown>>();
  private readonly sockets = new Set<Socket>();
  private readonly random: () => number;
  private readonly traffic: Traffic | undefined;
  private server: Server | undefined;
  private host: string;
  private port: number;
  private recordingsDir: string | undefined;
  /** A temp folder the PBX made itself is removed on stop; a folder it was given is left alone. */
  private ownsRecordingsDir = false;
  private fileCounter = 0;

  constructor(private readonly options: DemoPbxOptions = {}) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.recordingsDir = options.recordingsDir;
    this.random = options.random ?? Math.random;
    if (options.traffic) {
      const settings = typeof options.traffic === 'object' ? options.traffic : {};
      this.traffic = new Traffic(
        {
          activeCount: () => this.calls.size,
          addCall: (call) => this.addCall(call),
          answer: (id) => this.answer(id),
          hold: (id) => this.calls.get(id)?.state === 'InCall' && this.hold(id),
          unhold: (id) => this.calls.get(id)?.state === 'Hold' && this.unhold(id),
          end: (id, by) => void this.endCall(id, by),
          exists: (id) => this.calls.has(id),
        },
        { random: this.random, maxCalls: settings.maxCalls ?? 5, meanGapSeconds: settings.meanGapSeconds ?? 15 },
      );
    }
  }

  /** The base URL of the HTTP API, e.g. http://127.0.0.1:7780 */
  get url(): string {
    return `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.recordingsDir) {
      this.recordingsDir = await mkdtemp(join(tmpdir(), 'ozeki-demo-pbx-'));
      this.ownsRecordingsDir = true;
    }
    await this.listen();
    this.emit('listening', this.url);
    this.traffic?.start();
  }

  async stop(): Promise<void> {
    this.traffic?.stop();
    await this.closeListener();
    await this.settled();
    if (this.ownsRecordingsDir && this.recordingsDir) await rm(this.recordingsDir, { recursive: true, force: true });
  }

  /** Fault switch: stop accepting connections (clients see "connection refused") until {@link acceptConnections}. */
  async refuseConnections(): Promise<void> {
    await this.closeListener();
  }

  async acceptConnections(): Promise<void> {
    if (!this.server) await this.listen();
  }

  /** Waits until every recording file and notification started so far is done. */
  async settled(): Promise<void> {
    while (this.pendingWork.size > 0) await Promise.allSettled([...this.pendingWork]);
  }

  // ---- scripting calls (used by tests and by the traffic generator) ----

  addCall(call: { source: string; destination: string; callerId?: string; state?: 'Ringing' | 'InCall' }): string {
    let callId = newCallId(this.random);
    while (this.calls.has(callId)) callId = newCallId(this.random);
    const now = Date.now();
    const entry: DemoCall = {
      callId,
      state: call.state ?? 'Ringing',
      source: call.source,
      destination: call.destination,
      callerId: call.callerId ?? call.source,
      startedAt: now,
      answeredAt: call.state === 'InCall' ? now : undefined,
    };
    this.calls.set(callId, entry);
    this.emit('call-added', { ...entry });
    return callId;
  }

  answer(callId: string): void {
    const call = this.requireCall(callId);
    if (call.state !== 'Ringing') return;
    call.state = 'InCall';
    call.answeredAt = Date.now();
    this.emit('call-changed', { ...call });
  }

  hold(callId: string): void {
    this.setState(callId, 'Hold');
  }

  unhold(callId: string): void {
    this.setState(callId, 'InCall');
  }

  /** Ends a call: its recordings are written, served and announced with RecordCompleted. */
  async endCall(callId: string, by: DemoEndState = 'CallerHangUp'): Promise<void> {
    const call = this.requireCall(callId);
    this.calls.delete(callId);
    const endedAt = Date.now();
    this.history.push({ call: { ...call }, endState: by });
    this.emit('call-ended', { ...call }, by);
    const work = Promise.all((this.recordings.get(callId) ?? []).filter((r) => !r.file).map((r) => this.finishRecording(r, endedAt)));
    this.track(work);
    await work;
  }

  liveCalls(): DemoCall[] {
    return [...this.calls.values()].map((call) => ({ ...call }));
  }

  recordingsOf(callId: string): DemoRecording[] {
    return (this.recordings.get(callId) ?? []).map((r) => ({ ...r }));
  }

  // ---- HTTP ----

  private async listen(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private async closeListener(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Server', 'Microsoft-HTTPAPI/2.0');
    try {
      const url = new URL(req.url ?? '/', 'http://pbx');
      if (url.pathname.toLowerCase().startsWith('/httprecordings/')) return await this.serveRecording(url, req, res);
      if (url.pathname !== '/') {
        res.writeHead(404).end();
        return;
      }
      const params = await this.readParams(url, req);
      const xml = this.execute(params);
      const delayMs = this.faults.delayMs + (params.get('command')?.toLowerCase() === 'record' ? this.faults.recordAnswerDelayMs : 0);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      res.writeHead(200, { 'Content-Type': 'application/xml' }).end(xml);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  }

  /** Query string and form body together; names are matched case-insensitively, as the PBX appears to. */
  private async readParams(url: URL, req: IncomingMessage): Promise<Map<string, string>> {
    const params = new Map<string, string>();
    const add = (search: URLSearchParams) => {
      for (const [key, value] of search) if (!params.has(key.toLowerCase())) params.set(key.toLowerCase(), value);
    };
    add(url.searchParams);
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > 1024 * 1024) throw new Error('body too large');
        chunks.push(chunk);
      }
      add(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    } else {
      req.resume();
    }
    return params;
  }

  private execute(params: Map<string, string>): string {
    const command = params.get('command') ?? '';
    const kept = Object.fromEntries([...params].filter(([key]) => key !== 'password'));
    const received: ReceivedCommand = { command, params: kept, at: Date.now() };
    this.received.push(received);
    this.emit('command', received);
    if (!command) return responseXml(300, ['']);
    const auth = this.options.auth;
    if (auth) {
      const username = params.get('username');
      const password = params.get('password');
      if (!username || !password) return responseXml(304);
      if (username !== auth.username || password !== auth.password) return responseXml(305);
    }
    const handler = this.commands[command.toLowerCase()];
    return handler ? handler(params, command) : responseXml(301, [command]);
  }

  private readonly commands: Record<string, (p: Map<string, string>, name: string) => string> = {
    listactivecalls: () => {
      const now = Date.now();
      return responseXml(200, [], {
        ActiveCalls: [...this.calls.values()].map((call) => ({
          CallInfo: {
            CallState: call.state,
            CallId: call.callId,
            Source: call.source,
            CallerId: call.callerId,
            Destination: call.destination,
            StartTime: formatStartTime(call.startedAt),
            RingDuration: ringSeconds(call, now),
            TalkDuration: talkSeconds(call, now),
          },
        })),
      });
    },
    record: (p, name) =>
      this.withCall(p, name, (call) => {
        const format = (p.get('format') ?? 'mp3').toLowerCase();
        if (!FORMATS.has(format)) return responseXml(302, ['Format', name]);
        if (this.faults.refuseRecord) return responseXml(303, [name]);
        const existing = this.recordings.get(call.callId) ?? [];
        if (existing.length > 0 && (this.options.secondRecord ?? 'reject') === 'reject') return responseXml(303, [name]);
        existing.push({ callId: call.callId, format: format as 'mp3' | 'wav', finishedUrl: p.get('finishedurl') || undefined, startedAt: Date.now() });
        this.recordings.set(call.callId, existing);
        return responseXml(200);
      }),
    hangup: (p, name) =>
      this.withCall(p, name, (call) => {
        this.track(this.endCall(call.callId, 'CalleeHungUp'));
        return responseXml(200);
      }),
    hold: (p, name) => this.withCall(p, name, (call) => (call.state === 'InCall' ? (this.hold(call.callId), responseXml(200)) : responseXml(303, [name]))),
    unhold: (p, name) => this.withCall(p, name, (call) => (call.state === 'Hold' ? (this.unhold(call.callId), responseXml(200)) : responseXml(303, [name]))),
    speak: (p, name) => this.withCall(p, name, () => (p.get('text') ? responseXml(200) : responseXml(302, ['Text', name]))),
    play: (p, name) => this.withCall(p, name, () => (p.get('audiofile') ? responseXml(200) : responseXml(302, ['AudioFile', name]))),
    senddtmf: (p, name) => this.withCall(p, name, () => (p.get('keys') ? responseXml(200) : responseXml(302, ['Keys', name]))),
    getcallhistory: (p) => {
      const filters: [string, (row: DemoHistoryRow) => string][] = [
        ['callid', (r) => r.call.callId],
        ['source', (r) => r.call.source],
        ['destination', (r) => r.call.destination],
        ['state', (r) => r.endState],
        ['callerid', (r) => r.call.callerId],
      ];
      const rows = this.history.filter((row) => filters.every(([key, get]) => !p.get(key)?.trim() || get(row) === p.get(key)?.trim()));
      const perPage = Math.max(1, Number(p.get('rowsperpage')) || 20);
      const page = Math.max(0, Number(p.get('pagenumber')) || 0);
      return responseXml(200, [], {
        NumberOfCalls: rows.length,
        Calls: rows.slice(page * perPage, (page + 1) * perPage).map(({ call, endState }) => ({
          Call: {
            StartTime: formatPbxLocalDate(new Date(call.startedAt)),
            Direction: /^\d{4}$/.test(call.source) ? 'Internal' : 'Inbound',
            Source: call.source,
            Destination: call.destination,
            State: endState,
            Dialed: call.destination,
            CallerId: call.callerId,
            Type: 'Audio',
            CallId: call.callId,
          },
        })),
      });
    },
  };

  private withCall(p: Map<string, string>, command: string, action: (call: DemoCall) => string): string {
    const callId = p.get('callid');
    if (!callId) return responseXml(302, ['CallId', command]);
    const call = this.calls.get(callId);
    return call ? action(call) : responseXml(601, [callId]);
  }

  private requireCall(callId: string): DemoCall {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`No call ${callId} on the demo PBX`);
    return call;
  }

  private setState(callId: string, state: 'InCall' | 'Hold'): void {
    const call = this.requireCall(callId);
    call.state = state;
    this.emit('call-changed', { ...call });
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.pendingWork.delete(tracked));
    this.pendingWork.add(tracked);
  }

  // ---- recordings ----

  private async finishRecording(recording: DemoRecording, endedAt: number): Promise<void> {
    const dir = this.recordingsDir as string;
    const file = join(dir, `${recording.callId}-${++this.fileCounter}.${recording.format}`);
    const seconds = Math.max(0, (endedAt - recording.startedAt) / 1000);
    await writeDemoRecording(file, recording.format, seconds);
    recording.file = file;
    recording.seconds = seconds;
    recording.recordUrl = this.recordUrlFor(file);
    this.emit('recording-saved', { ...recording });
    if (!recording.finishedUrl || this.faults.notificationsLost) return;
    const times = this.faults.duplicateNotification ? 2 : 1;
    for (let i = 0; i < times; i++) await this.notify(recording.finishedUrl, recording.callId, recording.recordUrl);
  }

  private recordUrlFor(file: string): string {
    const name = encodeURIComponent(basename(file));
    switch (this.faults.recordUrlStyle) {
      case 'file-path':
        return file;
      case 'foreign-host':
        // Another loopback address: a different host from the PBX's, yet nothing leaves this machine.
        return `http://${this.host === '127.0.0.2' ? '127.0.0.3' : '127.0.0.2'}:${this.port}/HttpRecordings/${name}`;
      default:
        return `${this.url}/HttpRecordings/${name}`;
    }
  }

  private async notify(url: string, callId: string, recordUrl: string): Promise<void> {
    this.emit('notification', { url, ...(await postRecordCompleted(url, callId, recordUrl)) });
  }

  /** GET /HttpRecordings/<name>, with Range support, and the dropped-download fault. */
  private async serveRecording(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    const name = decodeURIComponent(url.pathname.slice('/HttpRecordings/'.length));
    if (!this.recordingsDir || name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      res.writeHead(404).end();
      return;
    }
    const file = join(this.recordingsDir, name);
    const size = await stat(file).then((s) => s.size, () => undefined);
    if (size === undefined) {
      res.writeHead(404).end();
      return;
    }
    this.downloads.push({ name, range: req.headers.range });
    this.concurrentDownloads++;
    this.peakConcurrentDownloads = Math.max(this.peakConcurrentDownloads, this.concurrentDownloads);
    res.on('close', () => this.concurrentDownloads--);
    const drop = this.faults.dropNextDownloads > 0;
    if (drop) this.faults.dropNextDownloads--;
    serveFile(req, res, file, size, name.endsWith('.wav') ? 'audio/wav' : 'audio/mpeg', { dropHalfWay: drop, bytesPerSecond: this.faults.downloadBytesPerSecond, endless: this.faults.endlessDownloads });
  }
}
