// Bundles every part with esbuild (tsc only type-checks):
// main (Electron) and the CLI to CommonJS for Node, the preload to one CommonJS file (sandboxed preloads
// cannot be ESM), the renderer to a browser IIFE next to its index.html and CSS.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';

const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };

await rm('dist', { recursive: true, force: true });
await Promise.all([
  build({ ...node, entryPoints: ['main/app/index.ts'], outfile: 'dist/main/index.cjs', external: ['electron'] }),
  build({ ...node, entryPoints: ['main/cli/index.ts'], outfile: 'dist/cli/index.cjs' }),
  // platform browser: an accidental node import in the preload fails the build.
  build({ ...node, platform: 'browser', entryPoints: ['preload/index.ts'], outfile: 'dist/preload/index.cjs', external: ['electron'] }),
  build({ bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', sourcemap: true, logLevel: 'warning', entryPoints: ['renderer/app.ts'], outfile: 'dist/renderer/app.js' }),
  // Only for the browser preview; pack:check keeps it out of the package.
  build({ bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'warning', entryPoints: ['renderer/preview-bridge.ts'], outfile: 'dist/renderer/preview-bridge.js' }),
  build({ ...node, entryPoints: ['main/preview/index.ts'], outfile: 'dist/preview/index.cjs' }),
]);
await mkdir('dist/renderer', { recursive: true });
await cp('renderer/index.html', 'dist/renderer/index.html');
await cp('renderer/styles.css', 'dist/renderer/styles.css');
