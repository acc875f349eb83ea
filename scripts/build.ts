// npm run build: every bundle of bundles.ts into dist/, from scratch.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { bundles, copyRendererFiles } from './bundles.ts';

await rm('dist', { recursive: true, force: true });
await Promise.all(Object.values(bundles()).map((options) => build(options)));
await copyRendererFiles();
