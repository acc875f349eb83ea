import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECORDER_METHODS } from '../../preload/contract.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { launchBrowser, openPreview, SCREENSHOTS, until } from './browser.ts';

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

const row = (page: Page, text: string) => page.getByRole('listitem').filter({ hasText: text });

describe('the window in Chromium, on the preview and the demo PBX', () => {
  it('records a call with a pause through the window, and the saved recording appears and plays', async () => {
    // The PBX's recording is as long as the test moves its clock on; the preview's recorder measures the pause on its own.
    const pbxClock = new FakeClock();
    const pbx = await startDemoPbx({ clock: pbxClock });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    pbx.addCall({ source: '06301234567', destination: '1002', callerId: 'Müller & Söhne GmbH' });
    const browser = await launchBrowser();
    const { page, errors } = await openPreview(browser, { pbxUrl: pbx.url });

    await until(async () => (await row(page, 'Kovács Zoltán').count()) === 1);
    await expect(row(page, 'Müller & Söhne GmbH').textContent()).resolves.toContain('Ringing');
    // The toggle's words and states are the Calls view's tests (calls.test.ts); here it only records, pauses and resumes.
    const record = row(page, 'Kovács Zoltán').locator('.call-toggle');
    await record.click();
    await until(async () => (await record.textContent())?.trim() === 'Pause');
    expect(pbx.received.filter((r) => r.command === 'Record').map((r) => r.params['callid'])).toEqual([callId]);
    await page.screenshot({ path: join(SCREENSHOTS, 'calls.png') });

    pbxClock.advance(600);
    await record.click();
    await until(async () => (await record.textContent())?.trim() === 'Resume');
    await record.click();
    await until(async () => (await record.textContent())?.trim() === 'Pause');
    expect(pbx.received.filter((r) => r.command === 'Record')).toHaveLength(1);
    pbxClock.advance(1000);

    await pbx.endCall(callId);
    await page.getByRole('tab', { name: 'Recordings' }).click();
    const saved = page.locator('.recording').filter({ hasText: 'Kovács Zoltán +36 1 234 5678 → 1001' });
    await until(async () => (await saved.count()) === 1, 15_000);
    await saved.getByRole('button', { name: 'Play' }).click();
    const audio = page.locator('.player audio'); // the one player, outside the list
    await until(async () => (await audio.evaluate((a) => (a as unknown as { readyState: number }).readyState)) >= 1);
    const duration = await audio.evaluate((a) => (a as unknown as { duration: number }).duration);
    expect(duration).toBeGreaterThan(0.5);
    expect(duration).toBeLessThan(2.5);
    await expect(audio.getAttribute('src')).resolves.toMatch(/^\/recording\/[^?]+\.mp3$/); // let in by a cookie, no secret in the URL
    await page.screenshot({ path: join(SCREENSHOTS, 'recordings.png') });
    expect(errors).toEqual([]);
  });

  it('follows the system dark mode', async () => {
    const pbx = await startDemoPbx();
    pbx.addCall({ source: '1003', destination: '1001', callerId: 'Front desk', state: 'InCall' });
    const browser = await launchBrowser();
    const { page } = await openPreview(browser, { pbxUrl: pbx.url, colorScheme: 'dark' });
    await until(async () => (await row(page, 'Front desk').count()) === 1);
    const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(background).not.toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: join(SCREENSHOTS, 'calls-dark.png') });
  });

  it('bridges exactly the methods of the contract, and says the platform of the browser', async () => {
    const pbx = await startDemoPbx();
    const browser = await launchBrowser();
    const { page, preview } = await openPreview(browser, { pbxUrl: pbx.url });
    expect([...preview.methods]).toEqual([...RECORDER_METHODS]);
    expect(page.url()).toBe(new URL('/', preview.url).href); // the page took the token out of its address
    const exposed = await page.evaluate<string[]>('Object.keys(window.recorder).sort()');
    expect(exposed).toEqual([...RECORDER_METHODS, 'on', 'platform'].sort());
    await expect(page.evaluate<string>('window.recorder.platform')).resolves.toBe('linux'); // Chromium on Linux says so
  });
});
