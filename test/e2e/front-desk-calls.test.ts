// The front desk's parts of the Calls view in Chromium, on the preview and the demo PBX: how each recording's
// announcement stands in its row, "Record without announcement" from the row's small menu, the banner of
// recordings kept on this computer while the folder is away (and their label among those on their way), and the
// banner of the first retention sweep with Review… and Confirm.
import { mkdir, rename } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsReceived, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { saveRecording } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';
import { expectAccessible, screenshotViews } from './a11y.ts';
import { launchBrowser, openPreview, SCREENSHOTS } from './browser.ts';

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

const VIEW = '#calls-view';
const row = (page: Page, text: string) => page.locator('.call-row').filter({ hasText: text });
const stateOf = (page: Page, text: string) => row(page, text).locator('.call-state');
const text = async (locator: Locator) => (await locator.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
/**
 * Waits until what the page shows comes to the value asked: the PBX is polled once a second, so a change it makes
 * takes that long to show. The deadline is for a broken test (or a machine under load), never a wait.
 */
const eventually = <T>(value: () => Promise<T>) => expect.poll(value, { timeout: 15_000 });
/** Collects every sentence the live region says from now on (a later one may replace it before a test reads it). */
const listenToAnnouncer = (page: Page) =>
  page.evaluate(`(() => {
    window.__said = [];
    new MutationObserver(() => window.__said.push(document.querySelector('#announcer')?.textContent ?? '')).observe(document.querySelector('#announcer'), {
      childList: true,
      subtree: true,
      characterData: true,
    });
  })()`);
const said = (page: Page) => page.evaluate<string[]>('window.__said');
const focusedName = (page: Page) =>
  page.evaluate<string>(`(() => { const el = document.activeElement; return (el?.getAttribute('aria-label') || el?.textContent || '').trim(); })()`);
const focusedRow = (page: Page) => page.evaluate<string | null>(`document.activeElement?.closest('.call-row')?.getAttribute('data-call-id') ?? null`);

async function frontDesk(options: { folder?: string; viewport?: { width: number; height: number } } = {}) {
  const pbxClock = new FakeClock();
  const pbx = await startDemoPbx({ clock: pbxClock });
  const browser = await launchBrowser();
  const { page, errors } = await openPreview(browser, { pbxUrl: pbx.url, ...options });
  await page.locator('.calls-link, .calls-outage').first().waitFor();
  const settings = (change: Record<string, unknown>) => page.evaluate(`window.recorder.saveSettings(${JSON.stringify(change)})`);
  return { pbx, pbxClock, page, errors, settings };
}

const ANNOUNCING = { announce: 'text', announceText: 'This call is recorded.', announceParty: 'caller', announceFailure: 'record' };

describe('the Calls view at a front desk', () => {
  it('says how each announcement stands, offers Record without announcement in a small menu by keyboard, and says why one failed', async () => {
    const { pbx, page, errors, settings } = await frontDesk();
    await settings({ ...ANNOUNCING, announceSkippable: false });
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    pbx.addCall({ source: '1003', destination: '1002', callerId: 'Front desk', state: 'InCall' });
    pbx.addCall({ source: '06301234567', destination: '1004', callerId: 'Müller & Söhne', state: 'InCall' });
    await row(page, 'Müller').waitFor();
    // Skipping is not allowed: no menu beside the toggles.
    await expect(page.locator('.call-more').count()).resolves.toBe(0);

    await row(page, 'Kovács Zoltán').locator('.call-toggle').click();
    await eventually(() => text(stateOf(page, 'Kovács Zoltán'))).toBe('Announced to the caller');
    expect(pbx.received.filter((r) => r.command === 'Speak').map((r) => r.params['text'])).toEqual(['This call is recorded.']);

    await settings({ announceSkippable: true });
    const more = row(page, 'Front desk').locator('.call-more');
    await more.waitFor();
    await expect(row(page, 'Kovács Zoltán').locator('.call-more').count()).resolves.toBe(0); // it is being recorded already
    // By keyboard: Tab from the toggle to its menu, Enter opens it on its one action, Enter records.
    await row(page, 'Front desk').locator('.call-toggle').focus();
    await page.keyboard.press('Tab');
    await expect(focusedName(page)).resolves.toBe('More ways to record');
    await page.keyboard.press('Enter');
    const item = page.getByRole('button', { name: 'Record without announcement' });
    await item.waitFor();
    await eventually(() => focusedName(page)).toBe('Record without announcement');
    await expectAccessible(page, 'the open menu', { include: [VIEW] });
    const callId = await row(page, 'Front desk').getAttribute('data-call-id');
    await page.keyboard.press('Enter');
    await eventually(() => text(stateOf(page, 'Front desk'))).toBe('Recording without announcement');
    await expect(item.isVisible()).resolves.toBe(false);
    await expect(focusedRow(page)).resolves.toBe(callId); // the focus stays on the row, on its toggle
    await expect(focusedName(page)).resolves.toBe('Pause');
    await commandsReceived(pbx, 'Record', 2);
    expect(pbx.received.filter((r) => r.command === 'Speak')).toHaveLength(1); // not announced

    // The PBX cannot announce: the recording goes ahead (as set) and the row says why it was not announced.
    pbx.faults.refuseAnnouncements = true;
    await listenToAnnouncer(page);
    await row(page, 'Müller').locator('.call-toggle').click();
    await eventually(() => text(stateOf(page, 'Müller'))).toMatch(/^Not announced: .*\(Ozeki code 303\)/);
    await expect(
      stateOf(page, 'Müller').evaluate((el) => {
        const box = el as unknown as { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
        return box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight;
      }),
    ).resolves.toBe(true); // the reason is read whole, in the row
    await eventually(async () => (await said(page)).join('\n')).toMatch(/Müller & Söhne 06301234567: Not announced: .*303/);
    await screenshotViews(page, 'calls-announcements', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });
    expect(errors).toEqual([]);
  });

  it("keeps the focus when the call of the open menu ends: on the next call's toggle", async () => {
    const { pbx, page, errors, settings } = await frontDesk();
    await settings({ ...ANNOUNCING, announceSkippable: true });
    const ending = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    const next = pbx.addCall({ source: '1003', destination: '1002', callerId: 'Front desk', state: 'InCall' });
    await row(page, 'Front desk').locator('.call-more').waitFor();
    await row(page, 'Kovács Zoltán').locator('.call-toggle').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the menu opens on its one action
    await eventually(() => focusedName(page)).toBe('Record without announcement');
    await pbx.endCall(ending);
    await eventually(() => focusedRow(page)).toBe(next);
    await expect(focusedName(page)).resolves.toBe('Record');
    await expect(page.locator('.call-menu:popover-open').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('fits the menu beside the toggle at the companion size', async () => {
    const { pbx, page, settings } = await frontDesk({ viewport: { width: 420, height: 640 } });
    await settings({ ...ANNOUNCING, announceSkippable: true });
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Müller & Söhne GmbH Ersatzteile und Kundendienst', state: 'InCall' });
    const more = row(page, 'Müller').locator('.call-more');
    await more.click();
    const menu = page.locator('.call-menu');
    await menu.waitFor();
    const box = await menu.boundingBox();
    const toggle = await row(page, 'Müller').locator('.call-toggle').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 420).toBe(true);
    expect(toggle && toggle.x + toggle.width <= 420).toBe(true);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    await eventually(() => focusedName(page)).toBe('More ways to record');
  });

  it('says when recordings are kept on this computer because the folder is away, and labels them so on their way', async () => {
    const folder = await tempDir('front-desk-');
    const { pbx, pbxClock, page } = await frontDesk({ folder });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    await row(page, 'Kovács Zoltán').locator('.call-toggle').click();
    await eventually(() => text(stateOf(page, 'Kovács Zoltán'))).toBe('Recording · by you');
    await rename(folder, `${folder}-away`); // the share dropped
    pbxClock.advance(500);
    await pbx.endCall(callId);
    const banner = page.locator('.calls-local-queue');
    await banner.waitFor({ timeout: 15_000 });
    await expect(text(banner)).resolves.toBe(
      `The recordings folder ${folder} cannot be reached: 1 recording is kept on this computer and will be moved when it is back.`,
    );
    await screenshotViews(page, 'calls-local-queue', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });
    await page.getByRole('tab', { name: 'Recordings' }).click();
    const waiting = page.locator('.in-flight-item').filter({ hasText: 'Kovács Zoltán' });
    await eventually(() => text(waiting.locator('.reason'))).toMatch(/^Kept on this computer/);
    await expect(waiting.getByRole('button').count()).resolves.toBe(0); // no Retry, no Dismiss
  });

  it('asks before the first retention sweep: Review… opens Settings, Confirm moves them and says so', async () => {
    const folder = await tempDir('front-desk-');
    const old = new Date(Date.now() - 60 * 24 * 3600_000).toISOString();
    await saveRecording(folder, 'old/first.wav', { startTime: old });
    await saveRecording(folder, 'old/second.wav', { startTime: old, callId: 'c2' });
    const { page, settings } = await frontDesk({ folder });
    await settings({ keepDays: 30 });
    const banner = page.locator('.calls-retention');
    await banner.waitFor();
    await expect(text(banner)).resolves.toMatch(/^These 2 recordings would be moved to the trash\. They are older than 30 days\. .* Review… Confirm$/);
    await screenshotViews(page, 'calls-retention', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });
    await banner.getByRole('button', { name: 'Review…' }).click();
    await expect(page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByRole('tab', { name: 'Calls' }).click();
    await banner.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('.toast').filter({ hasText: 'Moved 2 recordings to the trash.' }).waitFor();
    await banner.waitFor({ state: 'detached' });
  });
});
