// Checks the installer targets' configuration (NSIS per-user with the firewall rule for per-machine installs, MSI,
// AppImage, deb: scripts/installer-targets.ts), then packs the app offline (electron-builder --dir against a
// stand-in Electron folder: the real binary cannot be downloaded here) and checks what lands in app.asar: the
// bundles and assets, no sources, tests or dev packages. Runs with tsx (it reads the firewall rule's TypeScript).
import { listPackage } from '@electron/asar';
import { build, Platform } from 'electron-builder';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installerProblems, loadBuilderConfig } from './installer-targets.ts';

const problems = await installerProblems(await loadBuilderConfig('.'), '.');
if (problems.length) {
  console.error(`The installer targets in electron-builder.yml are wrong:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('Installer targets: NSIS per-user (the per-machine choice adds the firewall rule), MSI per machine, AppImage, deb.');

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const electronVersion = pkg.devDependencies.electron;
const fakeElectron = await mkdtemp(join(tmpdir(), 'stand-in-electron-'));
const output = await mkdtemp(join(tmpdir(), 'pack-check-'));
try {
  await writeFile(join(fakeElectron, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  await build({
    targets: Platform.LINUX.createTarget('dir'),
    config: { electronFuses: null, electronDist: fakeElectron, electronVersion, directories: { output } },
    publish: 'never',
  });
  const files = listPackage(join(output, 'linux-unpacked', 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  const required = [
    '/package.json',
    '/dist/main/index.cjs',
    '/dist/preload/index.cjs',
    '/dist/renderer/index.html',
    '/dist/renderer/app.js',
    '/dist/renderer/app.css',
    '/assets/tray/idle.png',
    '/assets/tray/recording@2x.png',
  ];
  const missing = required.filter((f) => !files.includes(f));
  const forbidden = files.filter((f) => /^\/(main|preload|renderer|test|bench|scripts|node_modules)\//.test(f) || f.endsWith('.ts') || f.endsWith('.map'));
  console.log(`app.asar holds ${files.filter((f) => /\.\w+$/.test(f)).length} files.`);
  if (missing.length || forbidden.length) {
    if (missing.length) console.error(`Missing from app.asar: ${missing.join(', ')}`);
    if (forbidden.length) console.error(`Must not be in app.asar: ${forbidden.slice(0, 20).join(', ')}`);
    process.exit(1);
  }
  console.log('pack:check passed: only the built app and its assets are packed.');
} finally {
  await rm(fakeElectron, { recursive: true, force: true });
  await rm(output, { recursive: true, force: true });
}
