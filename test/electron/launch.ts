import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { _electron, type ElectronApplication } from 'playwright-core';
import { onCleanup } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LaunchedApp {
  app: ElectronApplication;
  /** Everything the app printed on stdout and stderr, for failure messages. */
  output: string[];
  /** Resolves when the app's process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The built app (`npm run build` first) in real Electron, with its data folder (Electron's userData: settings,
 * journal) in `userData`, started with these settings as if saved by an earlier run, and the tray probe loaded
 * before it, with `args` after the app's own (as the system's login item would give them). Killed after the test if it is
 * still running.
 */
export async function launchApp(options: {
  executablePath: string;
  userData: string;
  settings: Record<string, unknown>;
  args?: string[];
}): Promise<LaunchedApp> {
  if (!existsSync(join(ROOT, 'dist/main/index.cjs'))) throw new Error('The app is not built: run "npm run build" first (npm run test:electron does).');
  // electron-store's file in the data folder: what the settings window would have saved.
  await writeFile(join(options.userData, 'settings.json'), JSON.stringify(options.settings));
  const probe = join(await tempDir('electron-probe-'), 'tray-probe.cjs');
  await build({
    entryPoints: [join(ROOT, 'test/electron/tray-probe.ts')],
    outfile: probe,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'silent',
  });
  const env = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RUN_AS_NODE'),
  );
  // The project folder is the app, as `npm start` runs it (package.json's main: dist/main/index.cjs).
  const app = await _electron.launch({
    executablePath: options.executablePath,
    args: ['-r', probe, ROOT, `--user-data-dir=${options.userData}`, ...(options.args ?? [])],
    env,
    cwd: ROOT,
    timeout: 60_000,
  });
  const output: string[] = [];
  const child = app.process();
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { app, output, exited };
}
