// npm run dev: the app in Electron, rebuilt as you edit: every bundle in esbuild's watch mode, Electron's main
// process started again when main or the preload changed, the window reloaded when the renderer changed.
// npm run dev -- --preview [--port P] [--pbx-url URL] [--folder DIR]: the same for the browser preview; the
// preview server is started again when its code changed (it prints its new URL), and a renderer change needs only
// the printed URL opened again (the page drops its token from the address, so a plain reload cannot get in).
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { bundles, copyRendererFiles, RENDERER_FILES, type BundleName } from './bundles.ts';
import { Restarter, watchBundles } from './dev-loop.ts';
import { electronExecutable } from './electron-binary.ts';

const say = (line: string) => process.stdout.write(`[dev] ${line}\n`);
const args = process.argv.slice(2);
const preview = args.includes('--preview');
const passOn = args.filter((arg) => arg !== '--preview');

let target: { name: string; command: string; args: string[]; env?: Record<string, string>; restartOn: BundleName[]; rendererChanged: string };
if (preview) {
  target = {
    name: 'the preview',
    command: process.execPath,
    args: ['dist/preview/index.cjs', ...passOn],
    restartOn: ['preview'],
    rendererChanged: 'open the printed URL again to see it',
  };
} else {
  const electron = electronExecutable();
  if ('skipReason' in electron) {
    process.stderr.write(
      `npm run dev runs the app in Electron, which cannot start here: ${electron.skipReason}.\nnpm run dev -- --preview runs the same window in a browser instead.\n`,
    );
    process.exit(1);
  }
  // OZEKI_RECORDER_DEV: the unpackaged app reloads its window when dist/renderer changes (main/app/dev-reload.ts).
  target = {
    name: 'Electron',
    command: electron.path,
    args: ['.', ...passOn],
    env: { OZEKI_RECORDER_DEV: '1' },
    restartOn: ['main', 'preload'],
    rendererChanged: 'the window reloads',
  };
}

const runner = new Restarter(
  () => spawn(target.command, target.args, { stdio: 'inherit', env: { ...process.env, ...target.env } }),
  (code, signal) => say(`${target.name} ended (${signal ?? `exit code ${code}`}); it starts again when ${target.restartOn.join(' or ')} is rebuilt.`),
);
const rebuilt = (name: BundleName | 'renderer files') => {
  if ((target.restartOn as string[]).includes(name)) {
    say(`${name} rebuilt: restarting ${target.name}.`);
    void runner.restart();
  } else if (name === 'renderer' || name === 'renderer files' || name === 'previewBridge') say(`${name} rebuilt: ${target.rendererChanged}.`);
  else say(`${name} rebuilt.`);
};

const watching = await watchBundles(bundles(), rebuilt);
await copyRendererFiles();
// The page and its styles are copied, not bundled: watched here. An editor may write a file in several steps.
let copying: NodeJS.Timeout | undefined;
const files = watch('renderer', (_event, file) => {
  if (!file || !RENDERER_FILES.includes(file)) return;
  clearTimeout(copying);
  copying = setTimeout(() => void copyRendererFiles().then(() => rebuilt('renderer files')), 100);
});
say(`Built. Starting ${target.name}; edit and save, Ctrl+C ends.`);
void runner.restart();

const end = async () => {
  files.close();
  await watching.dispose();
  await runner.stop();
  process.exit(0);
};
process.once('SIGINT', () => void end());
process.once('SIGTERM', () => void end());
