import { vi } from 'vitest';
import { playbackUrlOf } from '../../main/app/playback.ts';
import { openSettingsStore } from '../../main/app/settings-store.ts';
import { createHandlers } from '../../main/host/handlers.ts';
import { PasswordVault } from '../../main/host/password-vault.ts';
import { RecorderHost } from '../../main/host/recorder-host.ts';
import type { RecorderEvent, RecorderState } from '../../main/recorder/state.ts';
import { safeStorage } from '../mocks/electron.ts';
import { onCleanup } from './demo.ts';
import { tempDir } from './recorder.ts';

/** The desktop app's handlers and recorder host on a settings file, started on the PBX at `pbxUrl`. */
export async function startAppHost(pbxUrl: string, backend: typeof safeStorage.backend = 'gnome_libsecret', pbxTimeoutMs?: number) {
  safeStorage.backend = backend;
  const folder = await tempDir('live-folder-');
  const store = openSettingsStore({ cwd: await tempDir('live-settings-') });
  store.set({ pbxUrl, username: 'desk', listenHost: '127.0.0.1', listenPort: 0, pollIntervalMs: 100, folder });
  const vault = new PasswordVault(safeStorage, 'linux');
  const host = new RecorderHost({ dataDir: await tempDir('live-data-'), defaultFolder: '', store, vault, ...(pbxTimeoutMs ? { pbxTimeoutMs } : {}) });
  const events: RecorderEvent[] = [];
  host.on('event', (event) => events.push(event));
  const handlers = createHandlers({
    host,
    store,
    vault,
    chooseDirectory: vi.fn(),
    chooseExportFile: vi.fn(),
    exportProgress: vi.fn(),
    shell: { showItemInFolder: vi.fn() },
    clipboard: { writeText: vi.fn() },
    onSettingsSaved: vi.fn(),
    playbackUrl: playbackUrlOf,
  });
  await host.start();
  onCleanup(() => host.stop());
  return { host, handlers, folder, events, store, vault };
}

/** Resolves with the host's state once `check` holds; checked on every state the host passes on. */
export function hostState(host: RecorderHost, check: (state: RecorderState) => boolean, ms = 10_000): Promise<RecorderState> {
  return new Promise((resolve, reject) => {
    const test = () => {
      const state = host.state(); // undefined while the recorder restarts
      if (!state || !check(state)) return;
      done();
      resolve(state);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`The host's state never matched: ${JSON.stringify(host.state()?.link)}`));
    }, ms);
    const done = () => {
      clearTimeout(timer);
      host.off('state', test);
    };
    host.on('state', test);
    test();
  });
}

/** Resolves with the first event of `type` the host passes on from now. */
export function hostEvent<T extends RecorderEvent['type']>(host: RecorderHost, type: T, ms = 10_000): Promise<Extract<RecorderEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      host.off('event', listener);
      reject(new Error(`No ${type} event within ${ms} ms`));
    }, ms);
    const listener = (event: RecorderEvent) => {
      if (event.type !== type) return;
      clearTimeout(timer);
      host.off('event', listener);
      resolve(event as Extract<RecorderEvent, { type: T }>);
    };
    host.on('event', listener);
  });
}
