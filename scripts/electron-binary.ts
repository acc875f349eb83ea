import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron binary that `npm install` put into node_modules/electron/dist, found as the electron package finds
 * it but without its fallback of downloading one; or why the app cannot be run inside Electron here.
 */
export function electronExecutable(env: NodeJS.ProcessEnv = process.env): { path: string } | { skipReason: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt'); // written by the package's install script once the binary is there
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const path = override ? join(override, name ?? 'electron') : name ? join(pkg, 'dist', name) : undefined;
  if (!path || !existsSync(path)) {
    return {
      skipReason: `no Electron binary in ${join(pkg, 'dist')} (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?); "node node_modules/electron/install.js" downloads it`,
    };
  }
  if (process.platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return { skipReason: 'no display to open the window on; run it in a desktop session or under xvfb-run' };
  }
  return { path };
}
