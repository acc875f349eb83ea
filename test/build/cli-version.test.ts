import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundles } from '../../scripts/bundles.ts';
import { tempDir } from '../helpers/recorder.ts';

describe('the bundled command line', () => {
  it('prints its version from any working directory: the version is bundled, not read from package.json at run time', async () => {
    const out = await tempDir('cli-bundle-');
    const cli = bundles(out).cli; // as npm run build makes it
    await build({ ...cli, logLevel: 'silent' });
    const elsewhere = await tempDir('cli-cwd-');
    const { stdout } = await promisify(execFile)(process.execPath, [cli.outfile, '--version'], { cwd: elsewhere });
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(stdout).toBe(`${pkg.version}\n`);
  });
});
