import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runArgs, spawnRecorder } from '../helpers/child-recorder.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { app, dialog } from '../mocks/electron.ts';

describe('the desktop app, when its data folder is taken', () => {
  it('tells the user which process has it, in one sentence, and quits', async () => {
    // A headless recorder already runs on the app's own data folder.
    const pbx = await startDemoPbx();
    const dataDir = join(app.getPath('userData'), 'recorder');
    const other = spawnRecorder((await runArgs(pbx.url, { dataDir })).args);
    await other.line(/^Listening for finished recordings on /);

    writeFileSync(join(app.getPath('userData'), 'settings.json'), JSON.stringify({ listenHost: '127.0.0.1', listenPort: 0 }));
    const shown = new Promise<[string, string]>((resolve) => dialog.showErrorBox.mockImplementation((title, content) => resolve([title, content])));
    await import('../../main/app/index.ts');
    expect(await shown).toEqual(['Ozeki Recorder cannot start', `Another Ozeki Recorder (pid ${other.child.pid}) is using ${dataDir}.`]);
    expect(app.quit).toHaveBeenCalled();
    expect(other.child.exitCode).toBeNull();
  });
});
