import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { createHandlers, type AppUpdates } from '../host/handlers.ts';
import { InvalidArguments, invokeChecked, type RecorderHandlers } from '../host/invoke.ts';
import { PasswordVault } from '../host/password-vault.ts';
import { RecorderHost } from '../host/recorder-host.ts';
import { SETTINGS_DEFAULTS, type AppSettings } from '../host/settings.ts';
import { forwardToWindow } from '../host/window-events.ts';
import type { SettingsStore } from '../host/settings-store.ts';
import { printable } from '../recorder/printable.ts';
import { readRequestBody } from '../recorder/request-body.ts';
import { sameSecret } from '../recorder/webhook.ts';
import { libraryFile } from '../recorder/library.ts';
import { freeName } from '../recorder/naming.ts';
import type { Clock } from '../recorder/clock.ts';
import { RECORDER_METHODS, type RecorderEvents } from '../../preload/contract.ts';
import { PlaybackPass, previewPlaybackUrl } from './playback-pass.ts';

export interface PreviewOptions {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  pbxUrl?: string;
  folder?: string;
  port?: number;
  dataDir?: string;
  /** The app's updates, which a browser tab has none of (tests give the preview one to show the update bar). */
  updates?: AppUpdates;
  /** Times the held deletes (the system clock when not given; tests pass a fake one). */
  clock?: Clock;
  /** How long the PBX client waits for an answer (the client's default when not given; tests that hold the PBX's answers give more). */
  pbxTimeoutMs?: number;
}

export interface Preview {
  /** The URL to open, token included: the page takes the token out of it and sends it only in a header. */
  url: string;
  host: RecorderHost;
  /** The API routes the bridge serves, one per contract method. */
  methods: readonly string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** The largest API request body; the biggest real one (a note) is a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The browser has no keyring: a password set in the preview lives in memory only, as on Linux without one. */
const NO_KEYRING = {
  isAsyncEncryptionAvailable: () => Promise.resolve(false),
  getSelectedStorageBackend: () => 'basic_text' as const,
  encryptStringAsync: (): Promise<Buffer> => Promise.reject(new Error('No keyring in the preview.')),
  decryptStringAsync: (): Promise<{ result: string; shouldReEncrypt: boolean }> => Promise.reject(new Error('No keyring in the preview.')),
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
 * events) for what main pushes.
 *
 * The page and its scripts are public; everything else needs a random token, in the X-Preview-Token header only
 * (the page reads it once from its URL and removes it there), compared in constant time. The audio player, which
 * cannot send headers, gets in to /recording/ with a cookie (see PlaybackPass). Any other Host than
 * 127.0.0.1:<port> or localhost:<port> is refused (DNS rebinding); API bodies are JSON only, at most 1 MB.
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const token = randomBytes(16).toString('hex');
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ozeki-preview-')));
  const folder = options.folder ? resolve(options.folder) : join(dataDir, 'recordings');
  const store = memoryStore({ pbxUrl: options.pbxUrl ?? '', folder, listenHost: '127.0.0.1', listenPort: 0 });
  const vault = new PasswordVault(NO_KEYRING, process.platform);
  const host = new RecorderHost({
    dataDir,
    defaultFolder: folder,
    store,
    vault,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.pbxTimeoutMs ? { pbxTimeoutMs: options.pbxTimeoutMs } : {}),
  });
  const streams = new Set<ServerResponse>();
  const push = <E extends keyof RecorderEvents>(event: E, payload: RecorderEvents[E]) => {
    for (const res of streams) res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  };
  const feed = forwardToWindow(host, push);
  feed.setVisible(true); // a browser tab has no tray to hide in
  const handlers: RecorderHandlers = createHandlers({
    host,
    store,
    vault,
    chooseDirectory: () => Promise.resolve(undefined), // no system dialog in a browser: the folder comes from --folder
    // No save dialog in a browser either: exports go to the preview's own exports folder, under a name never taken.
    chooseExportFile: async (suggestedName) => {
      const exports = join(dataDir, 'exports');
      await mkdir(exports, { recursive: true });
      return { path: await freeName(exports, suggestedName.replace(/\.zip$/, ''), 'zip'), overwrite: false };
    },
    exportProgress: (progress) => push('exportProgress', progress),
    shell: {
      showItemInFolder: (path) => {
        process.stdout.write(`show in folder: ${printable(path)}\n`); // a file name may hold the PBX's caller id
      },
    },
    clipboard: { writeText: () => Promise.resolve() }, // the browser's own clipboard is the page's business
    onSettingsSaved: () => undefined,
    playbackUrl: previewPlaybackUrl,
    ...(options.updates ? { updates: options.updates } : {}),
  });
  await mkdir(folder, { recursive: true });
  await host.start();

  let port = 0; // known once listening; until then every Host is refused
  const playback = new PlaybackPass();
  const hostAllowed = (header: string | undefined) => header !== undefined && [`127.0.0.1:${port}`, `localhost:${port}`].includes(header.toLowerCase());
  const authorized = (req: IncomingMessage) => {
    const sent = req.headers['x-preview-token'];
    return typeof sent === 'string' && sameSecret(sent, token);
  };
  const say = (res: ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(`${text}\n`);
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://preview');
      if (!hostAllowed(req.headers.host)) say(res, 421, `This preview answers only at 127.0.0.1:${port} or localhost:${port}.`);
      else if (url.pathname === '/' || url.pathname === '/index.html') await serveIndex(res);
      else if (url.pathname.startsWith('/recording/')) {
        if (!playback.allows(req)) say(res, 403, 'Play recordings from the preview page.');
        else await serveRecording(decodeURIComponent(url.pathname.slice('/recording/'.length)), req, res);
      } else if (url.pathname === '/events' || url.pathname.startsWith('/api/')) {
        if (!authorized(req)) say(res, 403, 'Open the URL printed by npm run preview (it carries a token).');
        else if (url.pathname === '/events') openEvents(res);
        else if (req.method !== 'POST') say(res, 405, 'Use POST.');
        else await callApi(url.pathname.slice(5), req, res);
      } else await serveRendererFile(url.pathname, res);
    } catch (error) {
      if (error instanceof URIError) say(res, 400, 'Malformed URL escape.');
      else if (!res.headersSent) res.writeHead(500).end(error instanceof Error ? error.message : String(error));
    }
  }

  /** The page's own scripts and styles: public, like any web page's. */
  async function serveRendererFile(pathname: string, res: ServerResponse): Promise<void> {
    const root = resolve(options.rendererDir);
    const file = resolve(root, `.${pathname}`);
    if (
      !file.startsWith(`${root}${sep}`) ||
      !(await stat(file).then(
        (s) => s.isFile(),
        () => false,
      ))
    ) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }

  async function serveIndex(res: ServerResponse): Promise<void> {
    // The window's own CSP forbids connections; the preview lets the bridge reach this server and nothing else.
    const html = (await readFile(join(options.rendererDir, 'index.html'), 'utf8'))
      .replace("connect-src 'none'", "connect-src 'self'")
      .replace('<script src="./app.js" defer></script>', '<script src="./preview-bridge.js"></script>\n    <script src="./app.js" defer></script>');
    // no-store: the page is public, but the URL it was opened with carries the token.
    res.writeHead(200, { 'Content-Type': TYPES['.html'] ?? 'text/html', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).end(html);
  }

  function openEvents(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
    feed.resync(); // a page that (re)connects starts from the whole state
  }

  async function callApi(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(RECORDER_METHODS as readonly string[]).includes(method)) {
      res.writeHead(404).end();
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      say(res, 415, 'Send the arguments as JSON (Content-Type: application/json).');
      return;
    }
    const body = await readRequestBody(req, MAX_BODY_BYTES);
    if (body === 'too large') {
      say(res, 413, 'The request is larger than 1 MB.');
      return;
    }
    if (body === 'cut off') return; // nobody is left to answer
    let args: unknown;
    try {
      args = JSON.parse(body.text || '[]');
    } catch {
      args = undefined;
    }
    const json = (status: number, reply: object) =>
      res.writeHead(status, { 'Content-Type': 'application/json', 'Set-Cookie': playback.setCookie }).end(JSON.stringify(reply));
    try {
      if (!Array.isArray(args)) throw new InvalidArguments(`Refused ${method}: invalid arguments.`);
      const result = await invokeChecked(handlers, method as (typeof RECORDER_METHODS)[number], args);
      json(200, { result: result ?? null });
    } catch (error) {
      json(error instanceof InvalidArguments ? 400 : 500, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function serveRecording(relativePath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const file = await libraryFile(store.get().folder, relativePath);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const { size } = await stat(file);
    const type = file.endsWith('.wav') ? 'audio/wav' : 'audio/mpeg';
    // The player seeks (±5 s, the bar) by asking for a part of the file: one range, as browsers ask.
    const range = byteRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    if (!range) {
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Accept-Ranges': 'bytes' });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(206, {
      'Content-Type': type,
      'Content-Length': range.end - range.start + 1,
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      'Accept-Ranges': 'bytes',
    });
    createReadStream(file, range).pipe(res);
  }

  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen));
  port = (server.address() as AddressInfo).port;
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

/**
 * The one byte range a Range header asks for ("bytes=100-", "bytes=100-199", "bytes=-500"), within a file of
 * `size` bytes; undefined for the whole file (no header, or one this server does not serve parts for: several
 * ranges, another unit); 'unsatisfiable' for a range that starts past the end.
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [first, last] = [match[1] ?? '', match[2] ?? ''];
  const start = first === '' ? Math.max(0, size - Number(last)) : Number(first);
  const end = first === '' || last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
