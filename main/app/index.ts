// Composition root of the desktop app: the only place that wires Electron to the recorder.
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataDirBusy } from '../recorder/data-dir-lock.ts';
import { installProcessGuards } from '../recorder/process-guards.ts';
import { createHandlers } from '../host/handlers.ts';
import { reloadWhenChanged } from './dev-reload.ts';
import { isTrustedSender, registerIpc, sendToWindow } from './ipc.ts';
import { openAppLog } from './log-file.ts';
import { attributeNotifications, notificationFor } from './notifications.ts';
import { reloadWhenRendererGone, stopOnFatalError } from './failures.ts';
import { applyStartAtLogin, linuxAutostartDir, startedAtLogin } from './login-item.ts';
import { watchPower } from './power.ts';
import { RecordShortcut } from './shortcut.ts';
import { PasswordVault } from '../host/password-vault.ts';
import { PLAYBACK_SCHEME, playbackFile, playbackUrlOf } from './playback.ts';
import { RecorderHost } from '../host/recorder-host.ts';
import { forwardToWindow } from '../host/window-events.ts';
import { openSettingsStore } from './settings-store.ts';
import { AppTray } from './tray.ts';
import { trayLook, trayMenu } from './tray-menu.ts';
import { windowOptions } from './window-options.ts';
import { systemTrashBin } from './system-trash.ts';
import { autoUpdater } from 'electron-updater';
import { systemClock } from '../recorder/clock.ts';
import { localDay } from '../recorder/local-day.ts';
import { updateMenuItems, Updates } from './updates.ts';

const PAGE = join(__dirname, '../renderer/index.html');
const PAGE_URL = pathToFileURL(PAGE).href;
const ICONS = join(__dirname, '../../assets/tray');

protocol.registerSchemesAsPrivileged([{ scheme: PLAYBACK_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  let window: BrowserWindow | undefined;
  let quitting = false;

  // The platform's log folder: ~/Library/Logs/<app> on macOS, <userData>/logs on Windows and Linux.
  const logFolder = app.getPath('logs');
  const logger = openAppLog(logFolder);
  // An uncaught exception is shown once and quits the way the tray's Quit does: the recorder stops, the journal is flushed.
  installProcessGuards(logger, stopOnFatalError({ showError: (title, message) => dialog.showErrorBox(title, message), logFolder, quit: () => app.quit() }));
  attributeNotifications(app, process.platform);
  await app.whenReady();
  const store = openSettingsStore();
  const vault = new PasswordVault(safeStorage, process.platform);
  const host = new RecorderHost({
    dataDir: app.getPath('userData'),
    defaultFolder: join(app.getPath('music'), 'Ozeki Recordings'),
    store,
    vault,
    logger,
    trash: systemTrashBin(shell),
  });

  const showWindow = (view?: 'calls' | 'recordings' | 'settings') => {
    if (!window || window.isDestroyed()) window = createWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    if (view) sendToWindow(window, 'navigate', view);
  };

  const createWindow = (): BrowserWindow => {
    const created = new BrowserWindow(windowOptions(join(__dirname, '../preload/index.cjs'), store.get().windowBounds));
    created.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    created.webContents.on('will-navigate', (event) => event.preventDefault());
    // A hidden window is sent nothing; shown again, or reloaded, it gets the whole state, then only changes.
    created.on('show', () => feed.setVisible(true));
    created.on('hide', () => feed.setVisible(false));
    created.webContents.on('did-finish-load', () => feed.resync());
    created.on('close', (event) => {
      store.set({ windowBounds: created.getBounds() });
      if (!quitting) {
        event.preventDefault(); // closing hides: the app lives in the tray
        created.hide();
      }
    });
    reloadWhenRendererGone(created.webContents, logger);
    void created.loadFile(PAGE);
    return created;
  };

  const shortcut = new RecordShortcut(globalShortcut, () => void host.service.toggleMine(), process.platform);
  const applySystemSettings = () => {
    const settings = store.get();
    const linux = {
      platform: process.platform,
      autostartDir: linuxAutostartDir(process.env, homedir()),
      executable: process.env['APPIMAGE'] ?? process.execPath,
    };
    applyStartAtLogin(app, settings.startAtLogin, linux).catch((error: unknown) => logger.error('Could not change whether the app starts at login', error));
    shortcut.use(settings.myExtension ? settings.shortcut : '');
  };

  const trayIcon = new Tray(nativeImage.createFromPath(join(ICONS, 'idle.png')));
  trayIcon.setToolTip('Ozeki Recorder — starting…');
  const tray = new AppTray(trayIcon, {
    platform: process.platform,
    image: (name) => nativeImage.createFromPath(join(ICONS, `${name}.png`)),
    buildMenu: (items) => Menu.buildFromTemplate(items),
    openWindow: () => showWindow(),
  });
  const refreshTray = () => {
    const state = host.service.state();
    const settings = store.get();
    const options = {
      myExtension: settings.myExtension,
      shortcut: settings.shortcut,
      shortcutProblem: shortcut.problem,
      monitoringPaused: host.isMonitoringPaused,
      platform: process.platform,
    };
    tray.show({
      look: trayLook(state, options),
      menu: [
        ...updateMenuItems(updates.status, () => void updates.restartToUpdate()),
        ...trayMenu(state, options, {
          toggle: (callId) => void host.service.toggle(callId),
          toggleMine: () => void host.service.toggleMine(),
          recordWithoutAnnouncement: (callId) => void host.service.recordWithoutAnnouncement(callId),
          openWindow: () => showWindow(),
          openFolder: () => void shell.openPath(store.get().folder),
          exportToday: () => void exportToday(),
          setMonitoringPaused: (paused) => {
            host.setMonitoringPaused(paused);
            refreshTray();
          },
          openSettings: () => showWindow('settings'),
          quit: () => app.quit(),
        }),
      ],
    });
  };
  /** The tray's "Export today's recordings…": the window's export (save dialog included), told in a notification. */
  const exportToday = async () => {
    const today = localDay(new Date());
    const result = await handlers.exportRecordings({ kind: 'filter', from: today, to: today });
    if (!result.ok && result.cancelled) return;
    const title = result.ok ? 'Recordings exported' : 'Export failed';
    if (Notification.isSupported()) new Notification({ title, body: result.message }).show();
    else if (!result.ok) dialog.showErrorBox(title, result.message);
  };
  const updates = new Updates({ updater: autoUpdater, clock: systemClock, logger, whenIdle: (action) => host.whenIdle(action) });
  updates.on('changed', (status) => {
    refreshTray();
    sendToWindow(window, 'updateChanged', status);
  });

  // Security: every web contents denies new windows, foreign navigation and every permission.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (url !== PAGE_URL) event.preventDefault();
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(PLAYBACK_SCHEME, async (request) => {
    const file = await playbackFile(request.url, store.get().folder);
    return file ? net.fetch(pathToFileURL(file).href, { headers: request.headers }) : new Response('Not found', { status: 404 });
  });

  const handlers = createHandlers({
    host,
    store,
    vault,
    chooseDirectory: async (current) => {
      const options = { title: 'Choose the recordings folder', defaultPath: current, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    chooseAudioFile: async (current) => {
      const options = {
        title: 'Choose the announcement',
        ...(current ? { defaultPath: current } : {}),
        properties: ['openFile' as const],
        filters: [{ name: 'WAV or MP3 audio', extensions: ['wav', 'mp3'] }],
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    chooseExportFile: async (suggestedName) => {
      const options = {
        title: 'Export recordings',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'ZIP archive', extensions: ['zip'] }],
        properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
      };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      // The dialog asked before an existing file is chosen, so the export may replace it.
      return result.canceled || !result.filePath ? undefined : { path: result.filePath, overwrite: true };
    },
    exportProgress: (progress) => sendToWindow(window, 'exportProgress', progress),
    chooseSavePath: async (suggestedName) => {
      const options = { title: 'Save a copy of the recording', defaultPath: join(app.getPath('documents'), suggestedName) };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
    // The window asked on its dragstart; main drags the file it resolved itself, with the app's icon under the pointer.
    startDrag: (file) => window?.webContents.startDrag({ file, icon: nativeImage.createFromPath(join(ICONS, 'idle.png')) }),
    shell,
    clipboard,
    playbackUrl: playbackUrlOf,
    logs: { folder: logFolder, open: (folder) => shell.openPath(folder) },
    shortcutProblem: () => shortcut.problem,
    updates: { status: () => updates.status, restart: () => updates.restartToUpdate() },
    onSettingsSaved: () => {
      applySystemSettings();
      updates.configure(store.get().updateUrl);
      refreshTray();
    },
  });
  registerIpc(ipcMain, handlers, (event) => isTrustedSender(event, window, PAGE_URL));

  const feed = forwardToWindow(host, (event, payload) => sendToWindow(window, event, payload));
  host.on('state', () => refreshTray());
  host.on('event', (event) => {
    const spec = notificationFor(event);
    if (!spec || !Notification.isSupported()) return;
    const notification = new Notification({ title: spec.title, body: spec.body });
    notification.on('click', () => (spec.click.action === 'show-file' ? shell.showItemInFolder(spec.click.path) : showWindow('recordings')));
    notification.show();
  });

  try {
    await host.start();
  } catch (error) {
    // Nothing works without the recorder (most likely another one has its data folder): say why, then end.
    logger.error('Ozeki Recorder could not start', error);
    dialog.showErrorBox(
      'Ozeki Recorder cannot start',
      error instanceof DataDirBusy ? error.message : `Ozeki Recorder could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    app.quit();
    return;
  }
  applySystemSettings();
  refreshTray();
  updates.configure(store.get().updateUrl);
  // Sleep and wake: the journal is on disk before the computer sleeps; after it wakes, the calls are read at once,
  // the listener is checked and the shortcut registered again.
  watchPower(
    powerMonitor,
    {
      suspend: () => host.service.flushJournal(),
      resume: async () => {
        shortcut.renew();
        refreshTray();
        await host.service.wake();
      },
    },
    logger,
  );
  // A hidden window, ready when the tray asks for it. It is shown unless the system started the app at login (then
  // only the tray appears) — but always on the very first start, so a new user sees the app.
  const firstStart = store.get().windowBounds === null;
  const quietStart = !firstStart && startedAtLogin(process.argv, process.platform, app.getLoginItemSettings());
  window = createWindow();
  // npm run dev (scripts/dev.ts) rebuilds the renderer as it is edited: the window shows the new one.
  if (!app.isPackaged && process.env['OZEKI_RECORDER_DEV'] === '1') reloadWhenChanged(dirname(PAGE), () => window?.webContents.reload());
  if (!quietStart) window.once('ready-to-show', () => showWindow());

  app.on('second-instance', () => showWindow());
  app.on('window-all-closed', () => undefined); // the tray keeps the app running
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    shortcut.release();
    void host.stop().finally(() => app.quit()); // journal flushed and listener closed before exit
  });
}
