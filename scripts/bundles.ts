// The bundles esbuild makes of the sources (tsc only type-checks): main (Electron) and the CLI to CommonJS for
// Node, the preload to one CommonJS file (sandboxed preloads cannot be ESM), the renderer to a browser IIFE next to
// its index.html (the CSS the views import becomes app.css), and the browser preview. `npm run build` builds them once (build.ts), `npm run dev`
// rebuilds them on every change (dev.ts), and tests bundle from the same options.
import type { BuildOptions } from 'esbuild';
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' } as const satisfies BuildOptions;
const browser = { bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'warning' } as const satisfies BuildOptions;

export type BundleName = 'main' | 'cli' | 'preload' | 'renderer' | 'previewBridge' | 'preview';

/** Every bundle by name, written under `outdir`. */
export function bundles(outdir = 'dist'): Record<BundleName, BuildOptions & { entryPoints: [string]; outfile: string }> {
  return {
    main: { ...node, entryPoints: ['main/app/index.ts'], outfile: join(outdir, 'main/index.cjs'), external: ['electron'] },
    cli: { ...node, entryPoints: ['main/cli/index.ts'], outfile: join(outdir, 'cli/index.cjs') },
    // platform browser: an accidental node import in the preload fails the build.
    preload: { ...node, platform: 'browser', entryPoints: ['preload/index.ts'], outfile: join(outdir, 'preload/index.cjs'), external: ['electron'] },
    renderer: { ...browser, sourcemap: true, entryPoints: ['renderer/app.ts'], outfile: join(outdir, 'renderer/app.js') },
    // Only for the browser preview; pack:check keeps it out of the package.
    previewBridge: { ...browser, entryPoints: ['renderer/preview-bridge.ts'], outfile: join(outdir, 'renderer/preview-bridge.js') },
    preview: { ...node, entryPoints: ['main/preview/index.ts'], outfile: join(outdir, 'preview/index.cjs') },
  };
}

/** What the packaged app and the command line are built from; the preview's bundles are not shipped. */
export const SHIPPED_BUNDLES: readonly BundleName[] = ['main', 'cli', 'preload', 'renderer'];

/** The window's files that are not bundled, copied beside its script (its CSS is bundled from the views' imports into app.css). */
export const RENDERER_FILES = ['index.html'];

export async function copyRendererFiles(outdir = 'dist'): Promise<void> {
  await mkdir(join(outdir, 'renderer'), { recursive: true });
  await Promise.all(RENDERER_FILES.map((name) => cp(join('renderer', name), join(outdir, 'renderer', name))));
}
