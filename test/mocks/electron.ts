// The one hand-written Electron mock every test shares (vitest aliases `electron` to this file).
// Small classes and vi.fn() spies, enough for main/app and the preload to run under plain Node.
import { EventEmitter } from 'node:events';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

const userData = mkdtempSync(join(tmpdir(), 'electron-mock-userdata-'));

class AppMock extends EventEmitter {
  isPackaged = false;
  getPath = vi.fn((name: string) => join(userData, name === 'userData' ? '' : name));
  getVersion = vi.fn(() => '0.1.0');
  getName = vi.fn(() => 'Ozeki Recorder');
  getAppPath = vi.fn(() => userData);
  whenReady = vi.fn(() => Promise.resolve());
  requestSingleInstanceLock = vi.fn(() => true);
  /** Also emits 'mock:quit', for tests to wait on. */
  quit = vi.fn(() => void this.emit('mock:quit'));
  setLoginItemSettings = vi.fn();
  setAppUserModelId = vi.fn();
  getLoginItemSettings = vi.fn(() => ({ openAtLogin: false }));
}
export const app = new AppMock();

export class IpcMainMock extends EventEmitter {
  handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle = vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => this.handlers.delete(channel));
  /** What a renderer's invoke would do: run the handler with a given event. */
  invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler for ${channel}`));
    return Promise.resolve().then(() => handler(event, ...args));
  }
}
export const ipcMain = new IpcMainMock();

export class IpcRendererMock extends EventEmitter {
  invoke = vi.fn((..._args: unknown[]) => Promise.resolve(undefined));
}
export const ipcRenderer = new IpcRendererMock();

export const contextBridge = { exposeInMainWorld: vi.fn() };

export class WebContentsMock extends EventEmitter {
  mainFrame = { url: 'file:///app/dist/renderer/index.html' };
  send = vi.fn();
  setWindowOpenHandler = vi.fn();
  reload = vi.fn();
  startDrag = vi.fn((_item: { file: string; icon: unknown }): void => undefined);
  session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  webContents = new WebContentsMock();
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadFile = vi.fn(() => Promise.resolve());
  show = vi.fn(() => {
    this.visible = true;
  });
  hide = vi.fn(() => {
    this.visible = false;
  });
  focus = vi.fn();
  isVisible = vi.fn(() => this.visible);
  isDestroyed = vi.fn(() => this.destroyed);
  getBounds = vi.fn(() => ({ x: 10, y: 20, width: 900, height: 600 }));
  restore = vi.fn();
  isMinimized = vi.fn(() => false);
}

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  /** Emits 'change' whenever a tray is made or its menu, tooltip or image is set: tests wait on it. */
  static readonly changes = new EventEmitter();
  menu: unknown;
  tooltip = '';
  image: unknown;
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.instances.push(this);
    Tray.changes.emit('change');
  }
  setContextMenu = vi.fn((menu: unknown) => {
    this.menu = menu;
    Tray.changes.emit('change');
  });
  setToolTip = vi.fn((text: string) => {
    this.tooltip = text;
    Tray.changes.emit('change');
  });
  setImage = vi.fn((image: unknown) => {
    this.image = image;
    Tray.changes.emit('change');
  });
  /** macOS: the text beside the icon. */
  title = '';
  setTitle = vi.fn((title: string) => {
    this.title = title;
    Tray.changes.emit('change');
  });
  destroy = vi.fn();
}

/** A built menu: its items as given, and its events (menu-will-show, menu-will-close) for tests to emit. */
export class MenuMock extends EventEmitter {
  constructor(readonly items: unknown[]) {
    super();
  }
}

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => new MenuMock(template)),
};

/** Emit 'suspend' and 'resume' as the system would. */
export const powerMonitor = new EventEmitter();

export const nativeImage = {
  createFromPath: vi.fn((path: string) => ({ path, isEmpty: () => false })),
};

type StorageBackend = 'unknown' | 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6';
export const safeStorage = {
  backend: 'gnome_libsecret' as StorageBackend,
  isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(true)),
  getSelectedStorageBackend: vi.fn((): StorageBackend => safeStorage.backend),
  encryptStringAsync: vi.fn((text: string) => Promise.resolve(Buffer.from(`enc:${text}`))),
  decryptStringAsync: vi.fn((data: Buffer) => Promise.resolve({ result: data.toString().replace(/^enc:/, ''), shouldReEncrypt: false })),
};

export const dialog = {
  showOpenDialog: vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePath: '' })),
  showErrorBox: vi.fn((_title: string, _content: string): void => undefined),
};
export const shell = { showItemInFolder: vi.fn(), openPath: vi.fn(() => Promise.resolve('')), trashItem: vi.fn((_path: string) => Promise.resolve()) };
export const clipboard = { writeText: vi.fn() };
export const globalShortcut = { register: vi.fn(() => true), unregisterAll: vi.fn() };

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static isSupported = vi.fn(() => true);
  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
  show = vi.fn();
}

export const session = { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() }, fromPartition: vi.fn(() => ({})) };

export const protocol = { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() };
/** net.request as Node's http.request (electron-updater downloads with it): the same events, plain HTTP only. */
export const net = {
  fetch: vi.fn(),
  request: vi.fn(({ session: _session, redirect: _redirect, ...options }: Record<string, unknown>) => httpRequest(options)),
};

const mock = {
  app,
  ipcMain,
  ipcRenderer,
  contextBridge,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  powerMonitor,
  safeStorage,
  dialog,
  shell,
  clipboard,
  globalShortcut,
  Notification,
  protocol,
  net,
  session,
};
export default mock;

// CommonJS packages (electron-updater) require electron themselves, past vitest's alias: they get this mock too.
const requireHere = createRequire(import.meta.url);
const electronPath = requireHere.resolve('electron');
requireHere.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: { ...mock, default: mock } } as unknown as NodeJS.Module;
