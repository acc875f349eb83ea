// The front desk's parts of the Settings view in Chromium, on the preview and the demo PBX: only the announcement
// rows that matter for "Announce recording" as typed, the announcement file's Choose… (the preview has no file
// dialog and says to use --announce-file), the retention dry run beside "Keep recordings for (days)" as typed, its
// Confirm while the first sweep waits, and Review… in the Calls banner landing on that field.
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SettingKey } from '../../preload/settings-schema.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { saveRecording } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';
import { screenshotViews } from './a11y.ts';
import { launchBrowser, openPreview, SCREENSHOTS } from './browser.ts';

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

const VIEW = '#settings-view';
const field = (page: Page, key: SettingKey) => page.locator(`#setting-${key}`);
const text = async (locator: Locator) => (await locator.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
const ANNOUNCEMENT_ROWS: SettingKey[] = ['announceText', 'announceFile', 'announceParty', 'announceOrder', 'announceSkippable', 'announceFailure'];

/** A folder with `old` recordings 60 days old and one of today. */
async function folderWith(old: number): Promise<string> {
  const folder = await tempDir('front-desk-settings-');
  const sixtyDaysAgo = new Date(Date.now() - 60 * 24 * 3600_000).toISOString();
  for (let i = 1; i <= old; i++)
    await saveRecording(folder, `old/call-${i}.wav`, { callId: `old-${i}`, callerName: `Caller ${i}`, from: `+36 1 000 000${i}`, startTime: sixtyDaysAgo });
  await saveRecording(folder, 'new/today.wav', { callId: 'today', startTime: new Date().toISOString() });
  return folder;
}

async function settingsView(options: { folder?: string } = {}) {
  const pbx = await startDemoPbx();
  const browser = await launchBrowser();
  const { page, errors } = await openPreview(browser, { pbxUrl: pbx.url, viewport: { width: 1280, height: 800 }, ...options });
  const settings = (change: Record<string, unknown>) => page.evaluate(`window.recorder.saveSettings(${JSON.stringify(change)})`);
  return { page, errors, settings };
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.locator(`${VIEW} #setting-fileNameTemplate`).and(page.locator(':not([value=""])')).waitFor();
  const advanced = page.locator(`${VIEW} details.advanced`);
  if (!(await advanced.evaluate((d) => (d as unknown as { open: boolean }).open))) await page.getByText('Advanced', { exact: true }).click();
}

/** The announcement rows in the page, by their setting. */
const shownRows = async (page: Page) => {
  const shown: SettingKey[] = [];
  for (const key of ANNOUNCEMENT_ROWS) if ((await field(page, key).count()) > 0) shown.push(key);
  return shown;
};

describe('the Settings view at a front desk', () => {
  it('shows only the announcement rows that matter for Announce recording as typed, and says the preview has no file dialog', async () => {
    const { page, errors } = await settingsView();
    await openSettings(page);
    await expect(field(page, 'announce').inputValue()).resolves.toBe('off');
    await expect(shownRows(page)).resolves.toEqual([]);

    await field(page, 'announce').selectOption('text');
    await expect(shownRows(page)).resolves.toEqual(['announceText', 'announceParty', 'announceOrder', 'announceSkippable', 'announceFailure']);
    await expect(field(page, 'announceText').inputValue()).resolves.toBe('This call is recorded.');

    await field(page, 'announce').selectOption('file');
    await expect(shownRows(page)).resolves.toEqual(['announceFile', 'announceParty', 'announceOrder', 'announceSkippable', 'announceFailure']);
    // The preview has no file dialog: Choose… says, next to the field, how to give the file.
    await page
      .locator(`${VIEW} .field`)
      .filter({ has: field(page, 'announceFile') })
      .getByRole('button', { name: 'Choose…' })
      .click();
    const problem = page.locator('#setting-announceFile-error');
    await problem.waitFor();
    await expect(text(problem)).resolves.toBe('There is no file dialog here: give the announcement file with --announce-file.');

    await field(page, 'announce').selectOption('off');
    await expect(shownRows(page)).resolves.toEqual([]);
    expect(errors).toEqual([]);
  });

  it('does not let a row hidden for the mode typed stop Save: its value is neither checked nor saved, and keeps what was saved', async () => {
    const { page, errors } = await settingsView();
    await openSettings(page);
    const status = page.locator('#settings-status');
    await field(page, 'announce').selectOption('text');
    await field(page, 'announceText').fill('');
    await field(page, 'announceText').press('Tab'); // left empty: the error is said next to it
    await page.locator('#setting-announceText-error').filter({ hasText: 'Write what the announcement says.' }).waitFor();

    // Announcements off again: the text's row goes, and with it what it held; the rest of the form saves.
    await field(page, 'announce').selectOption('off');
    await field(page, 'announceText').waitFor({ state: 'detached' });
    await field(page, 'myExtension').fill('1004');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await status.filter({ hasText: 'Saved.' }).waitFor();
    expect(await page.evaluate('window.recorder.getSettings().then((s) => [s.announce, s.announceText, s.myExtension])')).toEqual([
      'off',
      'This call is recorded.',
      '1004',
    ]);
    // Shown again, the row holds the saved text, and nothing is left unsaved.
    await field(page, 'announce').selectOption('text');
    await expect(field(page, 'announceText').inputValue()).resolves.toBe('This call is recorded.');
    await expect(page.locator('#setting-announceText-error').count()).resolves.toBe(0);
    await field(page, 'announce').selectOption('off');
    await expect(text(status)).resolves.toBe('Saved.');
    expect(errors).toEqual([]);
  });

  it('says beside Keep recordings for (days), as typed, what would go, lists them, and confirms the first sweep', async () => {
    const { page, errors, settings } = await settingsView({ folder: await folderWith(3) });
    await openSettings(page);
    const preview = page.locator('#setting-keepDays-preview');
    await field(page, 'keepDays').fill('30');
    await preview.filter({ hasText: 'These 3 recordings would be moved to the trash.' }).waitFor();
    const list = page.locator(`${VIEW} .retention-list`);
    await list.getByText('Show them').click();
    await expect(list.locator('li').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Caller \d \+36 1 000 000\d → /),
      expect.anything(),
      expect.anything(),
    ]);
    await field(page, 'keepDays').fill('90');
    await preview.filter({ hasText: 'No recording would be moved to the trash.' }).waitFor();
    await expect(list.count()).resolves.toBe(0);
    await field(page, 'keepDays').fill('0');
    await preview.waitFor({ state: 'detached' });

    // Saved, the first sweep waits: Confirm is beside the field, and says what it did.
    await settings({ keepDays: 30 });
    const confirm = page.locator(VIEW).getByRole('button', { name: 'Confirm' });
    await confirm.click();
    await page.locator(VIEW).getByRole('status').filter({ hasText: 'Moved 3 recordings to the trash.' }).waitFor();
    await confirm.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it("lands on Keep recordings for (days) from the Calls banner's Review…", async () => {
    const { page, settings } = await settingsView({ folder: await folderWith(2) });
    await page.locator('.calls-link, .calls-outage').first().waitFor();
    await settings({ keepDays: 30 });
    await page.locator('.calls-retention').getByRole('button', { name: 'Review…' }).click();
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('setting-keepDays');
    await expect(field(page, 'keepDays').isVisible()).resolves.toBe(true);
    await page.locator('#setting-keepDays-preview').filter({ hasText: 'These 2 recordings would be moved to the trash.' }).waitFor();
    await expect(page.locator(VIEW).getByRole('button', { name: 'Confirm' }).isVisible()).resolves.toBe(true);
  });

  it('passes axe-core and fits at 1280×800 and 420×640, light and dark, with the announcement said and a retention preview', async () => {
    const { page } = await settingsView({ folder: await folderWith(3) });
    await openSettings(page);
    await field(page, 'announce').selectOption('text');
    await field(page, 'keepDays').fill('30');
    await page.locator('#setting-keepDays-preview').filter({ hasText: 'These 3 recordings' }).waitFor();
    await page.locator(`${VIEW} .retention-list`).getByText('Show them').click();
    await screenshotViews(page, 'settings-front-desk', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });
    // UPDATE_SCREENSHOTS=1 refreshes the README's pictures: the Announcement section, and the Retention section with
    // its preview open, each whole.
    if (process.env['UPDATE_SCREENSHOTS']) {
      await page.setViewportSize({ width: 900, height: 2400 });
      for (const [heading, file] of [
        ['Announcement', 'docs/screenshot-settings-announcement.png'],
        ['Retention', 'docs/screenshot-settings-retention.png'],
      ] as const) {
        const section = page.locator(`${VIEW} .settings-section:has(> h2:text-is("${heading}"))`).first();
        await section.scrollIntoViewIfNeeded();
        await section.screenshot({ path: file });
      }
    }
  });
});
