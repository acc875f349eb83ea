// The window's frame in Chromium: the header and its tabs, the shortcuts and their list, the live region, the
// toasts and the update bar, at the desktop and the companion size, light and dark.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { startDemoPbx } from '../helpers/demo.ts';
import { saveRecording } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';
import { screenshotViews } from './a11y.ts';
import { launchBrowser, openPreview, SCREENSHOTS } from './browser.ts';

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/** The frame's own parts, which the frame's tests hold to axe-core (each view's tests check the view). */
const FRAME = ['.app-header', '#announcer', '.toasts'];

/** A window on a demo PBX with a few live calls, one of them recorded, and a few saved recordings. */
async function busyWindow(): Promise<Page> {
  const folder = await tempDir('e2e-frame-');
  const save = (name: string, from: string, callerName: string, startTime: string, note = '') =>
    saveRecording(folder, `${name}.wav`, { recordingId: name, callId: name, from, callerName, startTime, savedAt: startTime, note });
  await save('first', '+36 1 234 5678', 'Kovács Zoltán', '2026-11-25T08:12:00.000Z', 'Invoice 2026/114, call back Friday');
  await save('second', '+44 20 7946 0018', "Siobhán O'Brien", '2026-11-25T09:40:00.000Z');
  await save('third', '06301234567', 'Müller & Söhne GmbH', '2026-11-26T14:05:00.000Z');
  const pbx = await startDemoPbx();
  pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
  pbx.addCall({ source: '06301234567', destination: '1002', callerId: 'Müller & Söhne GmbH Ersatzteile und Kundendienst' });
  pbx.addCall({ source: '1003', destination: '+36 30 987 6543', callerId: 'Front desk', state: 'InCall' });
  const browser = await launchBrowser();
  const { page } = await openPreview(browser, { pbxUrl: pbx.url, folder });
  await page.getByRole('listitem').filter({ hasText: 'Kovács Zoltán' }).waitFor();
  return page;
}

describe('the frame', () => {
  it('passes axe-core and fits every view at 1280×800 and 420×640, light and dark', async () => {
    const page = await busyWindow();
    await page.getByRole('listitem').filter({ hasText: 'Kovács Zoltán' }).getByRole('button').click();
    await page.getByRole('listitem').filter({ hasText: 'Kovács Zoltán' }).filter({ hasText: 'Recording' }).waitFor();
    // UPDATE_SCREENSHOTS=1 npm test refreshes the README's pictures (docs/screenshot-calls.png, -recordings.png).
    await screenshotViews(page, 'calls', { accessible: { include: FRAME }, noSidewaysScroll: FRAME, readme: 'calls' });
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await page.locator('.recording').filter({ hasText: 'Kovács Zoltán' }).waitFor();
    await screenshotViews(page, 'recordings', { accessible: { include: FRAME }, noSidewaysScroll: FRAME, readme: 'recordings' });
    await page.getByRole('tab', { name: 'Settings' }).click();
    await screenshotViews(page, 'settings', { accessible: { include: FRAME }, noSidewaysScroll: FRAME });
  });
});
