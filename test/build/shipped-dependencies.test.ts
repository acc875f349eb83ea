import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { bundles, SHIPPED_BUNDLES } from '../../scripts/bundles.ts';

/** The package a path inside node_modules belongs to: "node_modules/@scope/name/…" → "@scope/name". */
function packageOf(path: string): string {
  const [first = '', second = ''] = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

describe('package.json', () => {
  it('lists every library bundled into what ships under dependencies, and nothing else there', async () => {
    // The entry points of what ships (scripts/bundles.ts), bundled in memory only to read which packages they pull in.
    const result = await build({
      entryPoints: SHIPPED_BUNDLES.map((name) => bundles()[name].entryPoints[0]),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'], // the Electron runtime itself, not bundled
      outdir: 'unused',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = result.metafile.inputs;
    const ours = Object.entries(inputs).filter(([path]) => !path.includes('node_modules/'));
    const imported = new Set(ours.flatMap(([, input]) => input.imports.filter((i) => i.path.includes('node_modules/')).map((i) => packageOf(i.path))));
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies ?? {}).sort());
    expect(Object.keys(pkg.devDependencies ?? {}).filter((name) => imported.has(name))).toEqual([]);
  });
});
