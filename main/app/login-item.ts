import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { App, LoginItemSettings, Settings } from 'electron';

/** The argument the system starts the app with at login (Windows and Linux): start in the tray only. */
export const HIDDEN_ARG = '--hidden';

export const LINUX_AUTOSTART_FILE = 'ozeki-recorder.desktop';

/**
 * What the app asks Electron for at login: on Windows, to be started with HIDDEN_ARG. (macOS takes no arguments and,
 * since its login items became SMAppService, no "open as hidden" either: the app asks `wasOpenedAtLogin` instead.)
 */
export function loginItemSettings(openAtLogin: boolean): Settings {
  return { openAtLogin, args: [HIDDEN_ARG] };
}

/** Whether this start is the system's at login (then only the tray appears), not the user's. */
export function startedAtLogin(argv: readonly string[], platform: NodeJS.Platform, login: Pick<LoginItemSettings, 'wasOpenedAtLogin'>): boolean {
  return platform === 'darwin' ? login.wasOpenedAtLogin : argv.includes(HIDDEN_ARG);
}

/** A path quoted for a .desktop file's Exec line. */
const desktopQuoted = (path: string) => `"${path.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;

/**
 * Start at login, on every platform. Electron keeps login items on Windows and macOS only; on Linux the desktop's
 * autostart folder gets a .desktop file that starts `executable` with HIDDEN_ARG, or loses it.
 */
export async function applyStartAtLogin(
  app: Pick<App, 'setLoginItemSettings'>,
  openAtLogin: boolean,
  linux: { platform: NodeJS.Platform; autostartDir: string; executable: string },
): Promise<void> {
  if (linux.platform !== 'linux') {
    app.setLoginItemSettings(loginItemSettings(openAtLogin));
    return;
  }
  const file = join(linux.autostartDir, LINUX_AUTOSTART_FILE);
  if (!openAtLogin) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(linux.autostartDir, { recursive: true });
  const entry = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Ozeki Recorder',
    'Comment=Records calls of the Ozeki Phone System',
    `Exec=${desktopQuoted(linux.executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ];
  await writeFile(file, entry.join('\n'));
}

/** The desktop's autostart folder (XDG): $XDG_CONFIG_HOME/autostart, or ~/.config/autostart. */
export function linuxAutostartDir(env: NodeJS.ProcessEnv, home: string): string {
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'autostart');
}
