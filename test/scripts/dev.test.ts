import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reloadWhenChanged } from '../../main/app/dev-reload.ts';
import { Restarter, watchBundles } from '../../scripts/dev-loop.ts';
import { onCleanup } from '../helpers/demo.ts';
import { collectLines } from '../helpers/lines.ts';
import { tempDir } from '../helpers/recorder.ts';

/** A program that says which version it is and runs until it is stopped. */
const program = (version: string) => `console.log('running ${version}'); setInterval(() => undefined, 1000);\n`;

describe('npm run dev', () => {
  it('rebuilds a bundle when its source changes and runs the new build in place of the old one', async () => {
    const dir = await tempDir('dev-loop-');
    const entry = join(dir, 'app.ts');
    const outfile = join(dir, 'out', 'app.cjs');
    await writeFile(entry, program('one'));
    const printed = collectLines();
    const { lines } = printed;
    const rebuilt: string[] = [];
    const runner = new Restarter(
      () => {
        const child = spawn(process.execPath, [outfile], { stdio: ['ignore', 'pipe', 'inherit'] });
        child.stdout.setEncoding('utf8').on('data', (text: string) => text.trim().split('\n').forEach(printed.push));
        return child;
      },
      (code, signal) => printed.push(`ended by itself (${signal ?? code})`),
    );
    const watching = await watchBundles(
      { app: { entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' } },
      (name) => {
        rebuilt.push(name);
        void runner.restart();
      },
    );
    onCleanup(async () => {
      await watching.dispose();
      await runner.stop();
    });
    await runner.restart();
    await printed.when(() => lines.includes('running one'));

    await writeFile(entry, program('two'));
    await printed.when(() => lines.includes('running two'));
    expect(rebuilt).toEqual(['app']);
    expect(lines).toEqual(['running one', 'running two']); // the first one was ended for the restart
  });

  it('says plainly that it needs the Electron binary, and offers the preview, where there is none', async () => {
    const noElectron = await tempDir('no-electron-');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(
      /^npm run dev runs the app in Electron, which cannot start here: no Electron binary .+\nnpm run dev -- --preview runs the same window in a browser instead\.\n$/,
    );
  });

  it("reloads the app's window once for a rebuild of the renderer, which writes several files", async () => {
    const renderer = join(await tempDir('dev-renderer-'), 'renderer');
    await mkdir(renderer);
    const reloads = collectLines();
    const stop = reloadWhenChanged(renderer, () => reloads.push('reload'), 100);
    onCleanup(stop);
    await writeFile(join(renderer, 'app.js'), 'new code');
    await writeFile(join(renderer, 'app.js.map'), '{}');
    await reloads.when((lines) => lines.length > 0);
    expect(reloads.lines).toEqual(['reload']);
    await writeFile(join(renderer, 'styles.css'), 'body {}');
    await reloads.when((lines) => lines.length > 1);
  });
});
