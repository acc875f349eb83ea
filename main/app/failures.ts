import type { Event, RenderProcessGoneDetails } from 'electron';
import type { Logger } from '../recorder/logger.ts';

/** More renderer crashes than this within CRASH_WINDOW_MS and the window is left as it is: reloading cannot help. */
const MAX_RELOADS = 3;
const CRASH_WINDOW_MS = 60_000;

/** The part of a window's WebContents this needs. */
interface Page {
  on(event: 'render-process-gone', listener: (event: Event, details: RenderProcessGoneDetails) => void): unknown;
  reload(): void;
}

/**
 * The window's page died (a crash, out of memory, killed): the window would stay blank, so it is logged and
 * reloaded — unless it keeps dying, which is logged once and left alone. The recorder in main goes on either way.
 */
export function reloadWhenRendererGone(contents: Page, logger: Logger, now: () => number = Date.now): void {
  let crashes: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const at = now();
    crashes = [...crashes.filter((t) => at - t < CRASH_WINDOW_MS), at];
    if (crashes.length > MAX_RELOADS) {
      if (crashes.length === MAX_RELOADS + 1)
        logger.error(
          `The window's page stopped again (${details.reason}, exit code ${String(details.exitCode)}); it is not reloaded any more. Recording goes on; restart the app to get the window back.`,
        );
      return;
    }
    logger.error(`The window's page stopped (${details.reason}, exit code ${String(details.exitCode)}); reloading it.`);
    contents.reload();
  });
}

/**
 * What an uncaught error in main does (installProcessGuards logs it first): tells the user once, in a dialog, that
 * the app stops and where the details are, then quits the way the tray's Quit does. Errors after the first, while
 * quitting, are only logged.
 */
export function stopOnFatalError(options: { showError(title: string, message: string): void; logFolder: string; quit(): void }): (error: unknown) => void {
  let shown = false;
  return (error) => {
    if (shown) return;
    shown = true;
    const what = error instanceof Error ? error.message : String(error);
    options.showError(
      'Ozeki Recorder stopped',
      `Something unexpected went wrong, so Ozeki Recorder stops: ${what}\n\nNo recording is lost: it carries on when the app starts again. The details are in the log in ${options.logFolder}.`,
    );
    options.quit();
  };
}
