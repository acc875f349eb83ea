import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { applyStartAtLogin, HIDDEN_ARG, LINUX_AUTOSTART_FILE, linuxAutostartDir, startedAtLogin } from '../../main/app/login-item.ts';
import { tempDir } from '../helpers/recorder.ts';

describe('start at login', () => {
  it('asks Windows and macOS for a login item that starts the app hidden', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const app = { setLoginItemSettings: vi.fn() };
      await applyStartAtLogin(app, true, { platform, autostartDir: '/nowhere', executable: 'x' });
      expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: [HIDDEN_ARG] });
      await applyStartAtLogin(app, false, { platform, autostartDir: '/nowhere', executable: 'x' });
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, args: [HIDDEN_ARG] });
    }
  });

  it("writes the Linux desktop's autostart entry, starting the app hidden, and removes it when turned off", async () => {
    const config = await tempDir('xdg-config-');
    const autostartDir = linuxAutostartDir({ XDG_CONFIG_HOME: config }, '/home/desk');
    expect(autostartDir).toBe(join(config, 'autostart'));
    expect(linuxAutostartDir({}, '/home/desk')).toBe(join('/home/desk', '.config', 'autostart'));
    const app = { setLoginItemSettings: vi.fn() };
    const executable = '/opt/Ozeki Recorder/ozeki-recorder "$HOME"';
    await applyStartAtLogin(app, true, { platform: 'linux', autostartDir, executable });
    const entry = await readFile(join(autostartDir, LINUX_AUTOSTART_FILE), 'utf8');
    expect(entry.split('\n')).toContain('Exec="/opt/Ozeki Recorder/ozeki-recorder \\"\\$HOME\\"" --hidden');
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Ozeki Recorder\n/);
    await applyStartAtLogin(app, false, { platform: 'linux', autostartDir, executable });
    await expect(stat(join(autostartDir, LINUX_AUTOSTART_FILE))).rejects.toThrow(/ENOENT/);
    await applyStartAtLogin(app, false, { platform: 'linux', autostartDir, executable }); // nothing to remove: no error
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('knows a start at login: the argument on Windows and Linux, the login item on macOS', () => {
    const notAtLogin = { wasOpenedAtLogin: false };
    expect(startedAtLogin(['/app/ozeki-recorder.exe', HIDDEN_ARG], 'win32', notAtLogin)).toBe(true);
    expect(startedAtLogin(['/usr/bin/ozeki-recorder', HIDDEN_ARG], 'linux', notAtLogin)).toBe(true);
    expect(startedAtLogin(['/app/ozeki-recorder.exe'], 'win32', notAtLogin)).toBe(false);
    expect(startedAtLogin(['/Applications/Ozeki Recorder.app'], 'darwin', { wasOpenedAtLogin: true })).toBe(true);
    expect(startedAtLogin(['/Applications/Ozeki Recorder.app'], 'darwin', notAtLogin)).toBe(false);
  });
});
