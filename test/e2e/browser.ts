import { chromium, type Browser, type Page } from 'playwright-core';
import { join } from 'node:path';
import type { AppUpdates } from '../../main/host/handlers.ts';
import { startPreview, type Preview } from '../../main/preview/server.ts';
import type { Clock } from '../../main/recorder/clock.ts';
import { expect } from 'vitest';
import { onCleanup } from '../helpers/demo.ts';

/** Debian's Chromium, headless, with no network of its own (flags from the engineering notes). */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  onCleanup(() => browser.close());
  return browser;
}

/** The built window served by the preview on a real recorder, open in a page. */
export async function openPreview(
  browser: Browser,
  options: {
    pbxUrl: string;
    folder?: string;
    /** The recorder's data folder (a new temporary one when not given). */
    dataDir?: string;
    colorScheme?: 'light' | 'dark';
    updates?: AppUpdates;
    viewport?: { width: number; height: number };
    /** Runs on the page before it loads (page.clock.install, which works best before the page's scripts run). */
    beforeLoad?: (page: Page) => Promise<void>;
    /** The preview's clock for what main times (held deletes). */
    clock?: Clock;
    /** How long the preview's PBX client waits for an answer (for a test that holds the PBX's answers on its clock). */
    pbxTimeoutMs?: number;
  },
): Promise<{ page: Page; preview: Preview; errors: string[] }> {
  const preview = await startPreview({
    rendererDir: join(process.cwd(), 'dist/renderer'),
    pbxUrl: options.pbxUrl,
    ...(options.folder ? { folder: options.folder } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.updates ? { updates: options.updates } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.pbxTimeoutMs ? { pbxTimeoutMs: options.pbxTimeoutMs } : {}),
  });
  onCleanup(() => preview.close());
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 1000, height: 640 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => response.status() >= 400 && errors.push(`${response.status()} ${new URL(response.url()).pathname}`));
  await options.beforeLoad?.(page);
  await page.goto(preview.url);
  return { page, preview, errors };
}

export const SCREENSHOTS = join(process.cwd(), 'test-output');

/**
 * Resolves once `check` holds: the window updates from pushed state, so a test waits for what it shows. Polled by
 * vitest (expect.poll), with `ms` of real time as the deadline of a broken test, never as a wait.
 */
export async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  await expect.poll(check, { timeout: ms, message: `The page never reached the expected state: ${check.toString().slice(0, 160)}` }).toBe(true);
}
