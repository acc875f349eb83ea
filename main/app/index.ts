import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { channelOf } from '../../preload/contract.ts';

// Composition root of the desktop app. The tray, settings and the recorder service join here as they land.
if (!app.requestSingleInstanceLock()) app.quit();

let window: BrowserWindow | undefined;

function showWindow(): void {
  if (window) {
    window.show();
    window.focus();
    return;
  }
  window = new BrowserWindow({
    width: 960,
    height: 640,
    title: 'Ozeki Recorder',
    webPreferences: { preload: join(__dirname, '../preload/index.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.on('closed', () => (window = undefined));
  void window.loadFile(join(__dirname, '../renderer/index.html'));
}

app.on('second-instance', showWindow);
void app.whenReady().then(() => {
  ipcMain.handle(channelOf('version'), (event) => {
    if (event.sender !== window?.webContents) throw new Error('Refused: not our window.');
    return app.getVersion();
  });
  showWindow();
});
