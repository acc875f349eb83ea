import { DemoPbx } from '../demo-pbx/server.ts';
import { OzekiClient, type OzekiClientOptions } from '../ozeki/client.ts';
import type { Logger } from '../recorder/logger.ts';
import { RecorderService } from '../recorder/service.ts';
import type { RecorderSettings } from '../recorder/settings.ts';
import type { RetentionConfirmedBy } from '../recorder/retention-sweep.ts';
import type { TrashBin } from '../recorder/trash.ts';

/** What a recorder is built from; the desktop app, the preview and the CLI each derive it from their own settings. */
export interface RecorderRecipe {
  /** The PBX to record; empty: a demo PBX with live traffic is started for this recorder, and stopped with it. */
  pbxUrl: string | undefined;
  /** The demo PBX's port; 0 (the default) picks a free one. */
  demoPort?: number;
  /** The PBX client's options for the PBX in use (the demo PBX's address when there is one). May throw. */
  clientOptions(pbxUrl: string): OzekiClientOptions;
  /** The recorder's settings for the PBX in use. May throw (a bad value): nothing is left running then. */
  settings(pbxUrl: string): RecorderSettings;
  /** The data folder of the recorder: its journal, lock and listener secret. */
  dataDir: string;
  logger?: Logger;
  /** Where deleted and expired recordings go: the system trash in the app; a `.trash` folder in the recordings folder when not given. */
  trash?: TrashBin;
  /** Where the first retention sweep is confirmed: in Settings (the default: the app, the preview) or with prune (the CLI). */
  confirmRetentionBy?: RetentionConfirmedBy;
  /** Sees the recorder before it starts, so that it hears the first state and events, which come during start. */
  beforeStart?(recorder: RunningRecorder): void;
}

export interface RunningRecorder {
  service: RecorderService;
  /** The demo PBX in use, when no PBX address was given. */
  demo: DemoPbx | undefined;
  /** Stops the service (journal flushed, listener closed), then the PBX client and the demo PBX; once. */
  close(): Promise<void>;
}

/**
 * The one way a RecorderService is built and started, for the desktop app, the preview and the CLI alike: the
 * demo PBX when no PBX is set, the PBX client, the service. If anything fails on the way, whatever was started is
 * stopped again before the error is passed on.
 */
export async function startRecorderService(recipe: RecorderRecipe): Promise<RunningRecorder> {
  const demo = recipe.pbxUrl ? undefined : new DemoPbx({ traffic: true, port: recipe.demoPort ?? 0 });
  await demo?.start();
  let client: OzekiClient | undefined;
  let service: RecorderService | undefined;
  let closing: Promise<void> | undefined;
  const stopAll = async () => {
    await service?.stop();
    await client?.close();
    await demo?.stop();
  };
  const close = () => (closing ??= stopAll()); // closing twice is one close
  try {
    const pbxUrl = demo?.url ?? recipe.pbxUrl ?? '';
    client = new OzekiClient(recipe.clientOptions(pbxUrl));
    service = new RecorderService({
      settings: recipe.settings(pbxUrl),
      client,
      dataDir: recipe.dataDir,
      usingDemoPbx: demo !== undefined,
      logger: recipe.logger,
      ...(recipe.trash ? { trash: recipe.trash } : {}),
      ...(recipe.confirmRetentionBy ? { confirmRetentionBy: recipe.confirmRetentionBy } : {}),
    });
    const recorder: RunningRecorder = { service, demo, close };
    recipe.beforeStart?.(recorder);
    await service.start();
    return recorder;
  } catch (error) {
    await close();
    throw error;
  }
}
