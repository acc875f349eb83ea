import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/recorder.ts';
import { stringContaining } from '../helpers/match.ts';
import { electronExecutable } from '../../scripts/electron-binary.ts';

describe('finding the Electron binary for the smoke test', () => {
  it('says why it is skipped when the binary is not there, without downloading it', async () => {
    const empty = await tempDir('no-electron-');
    expect(electronExecutable({ ELECTRON_OVERRIDE_DIST_PATH: empty, DISPLAY: ':0' })).toEqual({ skipReason: stringContaining('no Electron binary') });
  });

  it('takes the binary where the electron package would run it from', async () => {
    const dist = await tempDir('electron-dist-');
    await writeFile(join(dist, 'electron'), '');
    expect(electronExecutable({ ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':0' })).toEqual({ path: join(dist, 'electron') });
  });

  it.runIf(process.platform === 'linux')('says so when Linux has no display to open the window on', async () => {
    const dist = await tempDir('electron-dist-');
    await writeFile(join(dist, 'electron'), '');
    expect(electronExecutable({ ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({ skipReason: stringContaining('no display') });
  });
});
