import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { wait, type DemoClock } from './clock.ts';
import type { CommandParams } from './commands.ts';
import { answerDelayMs, takeDroppedDownload, type DemoFaults } from './faults.ts';
import type { RecordingProducer } from './recordings.ts';
import { serveFile } from './serve-file.ts';

const MAX_BODY_BYTES = 1024 * 1024;

export interface DemoHttpOptions {
  host: string;
  /** 0 picks a free port; once listening, the port stays the same across refuse/accept. */
  port: number;
  clock: DemoClock;
  faults: DemoFaults;
  /** Carries out a command and gives its XML answer (Play fetches its file first). */
  command(params: CommandParams): string | Promise<string>;
  recordings: Pick<RecordingProducer, 'fileNamed'>;
  /** A recording file is being served. */
  onDownload?(download: { name: string; range: string | undefined }): void;
}

/**
 * The PBX's web server: `/` takes HTTP API commands (GET query or form POST), `/HttpRecordings/<name>` serves
 * recording files with Range support. It applies the answer-delay and download faults, and counts downloads.
 */
export class DemoHttpServer {
  /** Every request for a recording file, with its Range header. */
  readonly downloads: { name: string; range: string | undefined }[] = [];
  /** The most recording downloads that were running at the same time. */
  peakConcurrentDownloads = 0;
  private concurrentDownloads = 0;
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private port: number;

  constructor(private readonly options: DemoHttpOptions) {
    this.port = options.port;
  }

  /** The base URL of the HTTP API, e.g. http://127.0.0.1:7780 */
  get url(): string {
    const host = this.options.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  async listen(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and cuts every open connection (clients then see "connection refused"). */
  async close(): Promise<void> {
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
      if (url.pathname.toLowerCase().startsWith('/httprecordings/')) {
        await this.serveRecording(url, req, res);
        return;
      }
      if (url.pathname !== '/') {
        res.writeHead(404).end();
        return;
      }
      const params = await readParams(url, req);
      const xml = await this.options.command(params);
      const delayMs = answerDelayMs(this.options.faults, params.get('command') ?? '');
      if (delayMs > 0) await wait(this.options.clock, delayMs);
      res.writeHead(200, { 'Content-Type': 'application/xml' }).end(xml);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  }

  /** GET /HttpRecordings/<name>, with Range support, and the download faults. */
  private async serveRecording(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    const name = decodeURIComponent(url.pathname.slice('/HttpRecordings/'.length));
    const found = await this.options.recordings.fileNamed(name);
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    const download = { name, range: req.headers.range };
    this.downloads.push(download);
    this.concurrentDownloads++;
    this.peakConcurrentDownloads = Math.max(this.peakConcurrentDownloads, this.concurrentDownloads);
    res.on('close', () => this.concurrentDownloads--);
    const { faults, clock } = this.options;
    const type = name.endsWith('.wav') ? 'audio/wav' : 'audio/mpeg';
    const served = { dropHalfWay: takeDroppedDownload(faults), bytesPerSecond: faults.downloadBytesPerSecond, endless: faults.endlessDownloads };
    serveFile(req, res, found.file, found.size, type, served, clock);
    this.options.onDownload?.(download);
  }
}

/** Query string and form body together; names are lower-cased, the first of a name wins (query before body). */
async function readParams(url: URL, req: IncomingMessage): Promise<Map<string, string>> {
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
      if (size > MAX_BODY_BYTES) throw new Error('body too large');
      chunks.push(chunk);
    }
    add(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  } else {
    req.resume();
  }
  return params;
}
