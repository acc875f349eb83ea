import type { BrowserWindowConstructorOptions } from 'electron';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The companion size: the window opens at it the first time, beside the softphone, and is never made smaller (its
 * layout is built for it). A receptionist who wants more room widens it, and the window remembers that.
 */
export const COMPANION_SIZE = { width: 420, height: 640 } as const;

/**
 * The window's options: sandboxed, isolated, no Node; the remembered bounds when there are some (grown to the
 * companion size when an older version remembered a smaller window).
 */
export function windowOptions(preload: string, bounds: Bounds | null): BrowserWindowConstructorOptions {
  return {
    width: Math.max(bounds?.width ?? 0, COMPANION_SIZE.width),
    height: Math.max(bounds?.height ?? 0, COMPANION_SIZE.height),
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: COMPANION_SIZE.width,
    minHeight: COMPANION_SIZE.height,
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
