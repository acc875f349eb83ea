import type { BrowserWindowConstructorOptions } from 'electron';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The window's options: sandboxed, isolated, no Node; remembered bounds when there are some. */
export function windowOptions(preload: string, bounds: Bounds | null): BrowserWindowConstructorOptions {
  return {
    width: bounds?.width ?? 980,
    height: bounds?.height ?? 680,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 520,
    minHeight: 400,
    show: false,
    title: 'Ozeki Recorder',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}
