import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/recorder.ts';

describe('the bundled command line', () => {
  it('prints its version from any working directory: the version is bundled, not read from package.json at run time', async () => {
    const out = await tempDir('cli-bundle-');
    // The CLI's options in scripts/build.mjs.
    await build({ entryPoints: ['main/cli/index.ts'], outfile: join(out, 'index.cjs'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    const elsewhere = await tempDir('cli-cwd-');
    const { stdout } = await promisify(execFile)(process.execPath, [join(out, 'index.cjs'), '--version'], { cwd: elsewhere });
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(stdout).toBe(`${pkg.version}\n`);
  });
});
