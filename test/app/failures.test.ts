import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { reloadWhenRendererGone, stopOnFatalError } from '../../main/app/failures.ts';
import { LOG_FILE_NAME, openAppLog } from '../../main/app/log-file.ts';
import { tempDir } from '../helpers/recorder.ts';
import { WebContentsMock } from '../mocks/electron.ts';

describe('when a part of the app fails', () => {
  it("reloads the window's page when it crashes and logs why; a page that keeps crashing is left alone, said once", async () => {
    const folder = await tempDir('logs-');
    const contents = new WebContentsMock();
    let now = 0;
    reloadWhenRendererGone(contents, openAppLog(folder), () => now);
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(contents.reload).not.toHaveBeenCalled();
    for (const reason of ['crashed', 'oom', 'killed', 'crashed', 'crashed']) {
      now += 1000;
      contents.emit('render-process-gone', {}, { reason, exitCode: 1 });
    }
    expect(contents.reload).toHaveBeenCalledTimes(3);
    const lines = (await readFile(join(folder, LOG_FILE_NAME), 'utf8')).trim().split('\n');
    expect(lines.map((line) => line.replace(/^\[[^\]]+\] \[error\] /, ''))).toEqual([
      "The window's page stopped (crashed, exit code 1); reloading it.",
      "The window's page stopped (oom, exit code 1); reloading it.",
      "The window's page stopped (killed, exit code 1); reloading it.",
      "The window's page stopped again (crashed, exit code 1); it is not reloaded any more. Recording goes on; restart the app to get the window back.",
    ]);
    // A minute later a crash is a new one: reloaded.
    now += 60_000;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(contents.reload).toHaveBeenCalledTimes(4);
  });

  it('shows an uncaught error once, says where the details are, and quits', () => {
    const showError = vi.fn();
    const quit = vi.fn();
    const fatal = stopOnFatalError({ showError, logFolder: '/home/desk/.config/Ozeki Recorder/logs', quit });
    fatal(new Error('Cannot read properties of undefined'));
    fatal(new Error('a second one while quitting'));
    expect(showError).toHaveBeenCalledTimes(1);
    expect(showError).toHaveBeenCalledWith(
      'Ozeki Recorder stopped',
      'Something unexpected went wrong, so Ozeki Recorder stops: Cannot read properties of undefined\n\nNo recording is lost: it carries on when the app starts again. The details are in the log in /home/desk/.config/Ozeki Recorder/logs.',
    );
    expect(quit).toHaveBeenCalledTimes(1);
  });
});
