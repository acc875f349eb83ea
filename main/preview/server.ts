import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { createHandlers } from '../app/handlers.ts';
import { InvalidArguments, invokeChecked, type RecorderHandlers } from '../app/ipc.ts';
import { PasswordVault } from '../app/password-vault.ts';
import { RecorderHost } from '../app/recorder-host.ts';
import { SETTINGS_DEFAULTS, type AppSettings } from '../app/settings.ts';
import type { SettingsStore } from '../app/settings-store.ts';
import { playbackFile, playbackUrlOf } from '../app/playback.ts';
import { RECORDER_METHODS, type RecorderEvents } from '../../preload/contract.ts';

export interface PreviewOptions {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  pbxUrl?: string;
  folder?: string;
  port?: number;
  dataDir?: string;
}

export interface Preview {
  /** The URL to open, token included. */
  url: string;
  host: RecorderHost;
  /** The API routes the bridge serves, one per contract method. */
  methods: readonly string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** The browser has no keyring: a password set in the preview lives in memory only, as on Linux without one. */
const NO_KEYRING = {
  isAsyncEncryptionAvailable: async () => false,
  getSelectedStorageBackend: () => 'basic_text' as const,
  encryptStringAsync: async (): Promise<Buffer> => {
    throw new Error('No keyring in the preview.');
  },
  decryptStringAsync: async (): Promise<{ result: string; shouldReEncrypt: boolean }> => {
    throw new Error('No keyring in the preview.');
  },
};

function memoryStore(initial: Partial<AppSettings>): SettingsStore {
  let settings: AppSettings = { ...SETTINGS_DEFAULTS, ...initial };
  return {
    get: () => ({ ...settings }),
    set: (change) => (settings = { ...settings, ...change }),
  };
}

/**
 * Serves the built window on 127.0.0.1 with an HTTP bridge to a real RecorderService: POST /api/<method> for each
 * method of the contract (arguments checked by the same validators as the Electron IPC), and /events (server-sent
 * events) for what main pushes. A random token guards all of it.
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const token = randomBytes(16).toString('hex');
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ozeki-preview-')));
  const folder = options.folder ? resolve(options.folder) : join(dataDir, 'recordings');
  const store = memoryStore({ pbxUrl: options.pbxUrl ?? '', folder, listenHost: '127.0.0.1', listenPort: 0 });
  const vault = new PasswordVault(NO_KEYRING, process.platform);
  const host = new RecorderHost({ dataDir, defaultFolder: folder, store, vault });
  const streams = new Set<ServerResponse>();
  const push = <E extends keyof RecorderEvents>(event: E, payload: RecorderEvents[E]) => {
    for (const res of streams) res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  };
  host.on('state', (state) => push('state', state));
  host.on('event', (event) => event.type === 'library-changed' && push('libraryChanged', null));
  const handlers: RecorderHandlers = createHandlers({
    host,
    store,
    vault,
    chooseDirectory: async () => undefined, // no system dialog in a browser: the folder comes from --folder
    shell: {
      showItemInFolder: (path) => {
        process.stdout.write(`show in folder: ${path}\n`);
      },
    },
    clipboard: { writeText: async () => undefined }, // the browser's own clipboard is the page's business
    onSettingsSaved: () => undefined,
    playbackUrl: (relativePath) => `/recording/${relativePath.split('/').map(encodeURIComponent).join('/')}?token=${token}`,
  });
  await mkdir(folder, { recursive: true });
  await host.start();

  const authorized = (req: IncomingMessage, url: URL) => url.searchParams.get('token') === token || req.headers['x-preview-token'] === token;
  const server: Server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://preview');
    if (!authorized(req, url) && !/^\/(app\.js|styles\.css|preview-bridge\.js)(\.map)?$/.test(url.pathname)) {
      res.writeHead(403).end('Open the URL printed by npm run preview (it carries a token).');
      return;
    }
    try {
      if (url.pathname === '/' || url.pathname === '/index.html') return await serveIndex(res);
      if (url.pathname === '/events') return openEvents(res);
      if (url.pathname.startsWith('/api/') && req.method === 'POST') return await callApi(url.pathname.slice(5), req, res);
      if (url.pathname.startsWith('/recording/')) return await serveRecording(decodeURIComponent(url.pathname.slice('/recording/'.length)), res);
      const file = join(options.rendererDir, url.pathname.replace(/^\/+/, ''));
      if (!file.startsWith(resolve(options.rendererDir)) || !(await stat(file).then((s) => s.isFile(), () => false))) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(error instanceof Error ? error.message : String(error));
    }
  }

  async function serveIndex(res: ServerResponse): Promise<void> {
    // The window's own CSP forbids connections; the preview lets the bridge reach this server and nothing else.
    const html = (await readFile(join(options.rendererDir, 'index.html'), 'utf8'))
      .replace("connect-src 'none'", "connect-src 'self'")
      .replace('<script src="./app.js" defer></script>', `<meta name="preview-token" content="${token}" />\n    <script src="./preview-bridge.js"></script>\n    <script src="./app.js" defer></script>`);
    res.writeHead(200, { 'Content-Type': TYPES['.html'] ?? 'text/html' }).end(html);
  }

  function openEvents(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  async function callApi(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(RECORDER_METHODS as readonly string[]).includes(method)) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    let args: unknown;
    try {
      args = JSON.parse(Buffer.concat(chunks).toString() || '[]');
    } catch {
      args = undefined;
    }
    const json = (status: number, body: object) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    try {
      if (!Array.isArray(args)) throw new InvalidArguments(`Refused ${method}: invalid arguments.`);
      const result = await invokeChecked(handlers, method as (typeof RECORDER_METHODS)[number], args);
      json(200, { result: result ?? null });
    } catch (error) {
      json(error instanceof InvalidArguments ? 400 : 500, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function serveRecording(relativePath: string, res: ServerResponse): Promise<void> {
    const file = await playbackFile(playbackUrlOf(relativePath), store.get().folder);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const { size } = await stat(file);
    res.writeHead(200, { 'Content-Type': file.endsWith('.wav') ? 'audio/wav' : 'audio/mpeg', 'Content-Length': size, 'Accept-Ranges': 'none' });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    host,
    methods: RECORDER_METHODS,
    close: async () => {
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await host.stop();
    },
  };
}
