import { describe, expect, it } from 'vitest';
import { startRecorderService, type RecorderRecipe, type RunningRecorder } from '../../main/host/start-recorder.ts';
import { DataDirBusy } from '../../main/recorder/data-dir-lock.ts';
import { RECORDER_DEFAULTS } from '../../preload/settings-schema.ts';
import { onCleanup, startDemoPbx } from '../helpers/demo.ts';
import { tempDir } from '../helpers/recorder.ts';

/** A recipe for a recorder on `pbxUrl` (empty: the demo PBX), listening on 127.0.0.1; `seen` collects the PBX addresses used. */
async function recipe(pbxUrl: string, seen: string[] = [], dataDir?: string): Promise<RecorderRecipe> {
  const folder = await tempDir('factory-folder-');
  return {
    pbxUrl,
    clientOptions: (url) => {
      seen.push(url);
      return { baseUrl: url, timeoutMs: 2000 };
    },
    settings: (url) => ({ ...RECORDER_DEFAULTS, pbxUrl: url, folder, listenHost: '127.0.0.1', listenPort: 0, pollIntervalMs: 100 }),
    dataDir: dataDir ?? (await tempDir('factory-data-')),
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
}

async function started(recipe: RecorderRecipe): Promise<RunningRecorder> {
  const recorder = await startRecorderService(recipe);
  onCleanup(() => recorder.close());
  return recorder;
}

/** True while something answers HTTP at the address. */
const answers = (url: string) =>
  fetch(url, { method: 'POST', body: '' }).then(
    () => true,
    () => false,
  );

describe('the one recorder factory', () => {
  it('records on a demo PBX when no PBX is set, and stops it on close', async () => {
    const recorder = await started(await recipe(''));
    const demo = recorder.demo;
    if (!demo) throw new Error('a demo PBX was expected');
    expect(recorder.service.state()).toMatchObject({ usingDemoPbx: true });
    expect(await answers(demo.url)).toBe(true);
    await recorder.close();
    expect(await answers(demo.url)).toBe(false);
  });

  it('uses the PBX it is given, and starts no demo PBX', async () => {
    const pbx = await startDemoPbx();
    const seen: string[] = [];
    const recorder = await started(await recipe(pbx.url, seen));
    expect(recorder.demo).toBeUndefined();
    expect(seen).toEqual([pbx.url]);
    expect(recorder.service.state()).toMatchObject({ usingDemoPbx: false });
  });

  it('stops the demo PBX it started when the settings are refused', async () => {
    const seen: string[] = [];
    const bad = {
      ...(await recipe('', seen)),
      settings: () => {
        throw new Error('--format is mp3 or wav, not "ogg".');
      },
    };
    await expect(startRecorderService(bad)).rejects.toThrow('--format is mp3 or wav, not "ogg".');
    const [demoUrl] = seen;
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(await answers(demoUrl ?? '')).toBe(false);
  });

  it('stops its demo PBX when the service cannot start, and leaves the recorder that holds the data folder running', async () => {
    const dataDir = await tempDir('factory-shared-data-');
    const first = await started(await recipe('', [], dataDir));
    const seen: string[] = [];
    await expect(startRecorderService(await recipe('', seen, dataDir))).rejects.toBeInstanceOf(DataDirBusy);
    expect(await answers(seen[0] ?? '')).toBe(false);
    expect(await answers(first.demo?.url ?? '')).toBe(true);
  });
});
