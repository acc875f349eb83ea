import { startRecorderService, type RunningRecorder } from '../host/start-recorder.ts';
import type { CliIo } from './io.ts';
import { cliLogger } from './log-flags.ts';
import { pbxOptions } from './pbx-flags.ts';
import { defaultDataDir, recorderSettings, type RecorderFlags } from './recorder-flags.ts';

/**
 * A started recorder for a command: on the PBX of --pbx-url, or without it (where the command allows) on a demo
 * PBX started here. `close` stops everything cleanly (journal flushed, listener closed).
 */
export async function openRecorder(
  flags: RecorderFlags,
  io: CliIo,
  options: { needFolder: boolean; allowDemo: boolean; dataDir?: string },
): Promise<RunningRecorder> {
  const logger = cliLogger(flags, io); // a wrong --log-level is refused before anything starts
  return startRecorderService({
    // Without the demo, pbxOptions says which flag is missing before anything starts.
    pbxUrl: options.allowDemo ? flags['pbx-url'] : pbxOptions(flags, io).baseUrl,
    clientOptions: (pbxUrl) => pbxOptions({ ...flags, 'pbx-url': pbxUrl }, io),
    settings: (pbxUrl) => recorderSettings(flags, pbxUrl, options.needFolder),
    dataDir: options.dataDir ?? flags['data-dir'] ?? defaultDataDir(io.env),
    logger,
    confirmRetentionBy: 'prune', // the command line has no Settings
  });
}
