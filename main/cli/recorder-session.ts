import { DemoPbx } from '../demo-pbx/server.ts';
import { OzekiClient } from '../ozeki/client.ts';
import { lineLogger } from '../recorder/logger.ts';
import { RecorderService } from '../recorder/service.ts';
import type { CliIo } from './io.ts';
import { pbxOptions } from './pbx-flags.ts';
import { defaultDataDir, recorderSettings, type RecorderFlags } from './recorder-flags.ts';

export interface RecorderSession {
  service: RecorderService;
  demo: DemoPbx | undefined;
  close(): Promise<void>;
}

/**
 * A started RecorderService for a command: on the PBX of --pbx-url, or without it on a demo PBX started here.
 * `close` stops everything cleanly (journal flushed, listener closed).
 */
export async function openRecorder(flags: RecorderFlags, io: CliIo, options: { needFolder: boolean; allowDemo: boolean; dataDir?: string }): Promise<RecorderSession> {
  let demo: DemoPbx | undefined;
  if (!flags['pbx-url'] && options.allowDemo) {
    demo = new DemoPbx({ traffic: true });
    await demo.start();
  }
  const clientOptions = pbxOptions(demo ? { ...flags, 'pbx-url': demo.url } : flags, io);
  const settings = recorderSettings(flags, clientOptions.baseUrl, options.needFolder);
  const client = new OzekiClient(clientOptions);
  const service = new RecorderService({
    settings,
    client,
    dataDir: options.dataDir ?? flags['data-dir'] ?? defaultDataDir(io.env),
    usingDemoPbx: demo !== undefined,
    logger: lineLogger(io.err),
  });
  try {
    await service.start();
  } catch (error) {
    await client.close();
    await demo?.stop();
    throw error;
  }
  return {
    service,
    demo,
    close: async () => {
      await service.stop();
      await client.close();
      await demo?.stop();
    },
  };
}
