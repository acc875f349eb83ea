import electronLog from 'electron-log/node';
import { join } from 'node:path';
import { textLogger, type Logger } from '../recorder/logger.ts';

export const LOG_FILE_NAME = 'main.log';

/**
 * main.log grows to this size, then becomes main.old.log (replacing the one before it): the log keeps 5 to 10 MiB,
 * which at a few lines a recording is weeks of a busy reception's history.
 */
export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The desktop app's logger: info and above appended to `<folder>/main.log` by electron-log's file transport,
 * rotated at `maxBytes` into one old file; warnings and errors also go to the console.
 *
 * `folder` is Electron's `app.getPath('logs')`, the platform's log folder and electron-log's own default for an
 * Electron app. electron-log's node entry, not its main one: the main entry requires Electron when it loads and
 * opens an IPC channel of its own, and the window gets no IPC but the contract's.
 */
export function openAppLog(folder: string, maxBytes = LOG_FILE_MAX_BYTES): Logger {
  const log = electronLog.create({ logId: `ozeki-recorder ${folder}` });
  const file = log.transports.file;
  file.resolvePathFn = () => join(folder, LOG_FILE_NAME);
  // Only for electron-log's path variables, which the path above does not use; without a name it looks for a package.json.
  file.setAppName('Ozeki Recorder');
  file.maxSize = maxBytes;
  file.level = 'info';
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }; // caller numbers are private data
  log.transports.console.level = 'warn';
  return textLogger((level, text) => log[level](text));
}
