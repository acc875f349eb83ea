// The window's frame in Chromium: the header and its tabs, the shortcuts and their list, the live region, the
// toasts and the update bar, at the desktop and the companion size, light and dark.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppUpdates } from '../../main/host/handlers.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { saveRecording } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';
import { faintFocusRings, outOfOrderStops, screenshotViews, systemLookingButtons, tabStops } from './a11y.ts';
import { launchBrowser, openPreview, SCREENSHOTS, until } from './browser.ts';

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/** The frame's own parts, which the frame's tests hold to axe-core (each view's tests check the view). */
const FRAME = ['.app-header', '.update', '#announcer', '.toasts'];

/** A window on a demo PBX with a few live calls, one of them recorded, and a few saved recordings. */
async function busyWindow(options: { updates?: AppUpdates } = {}): Promise<Page> {
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
  const { page } = await openPreview(browser, { pbxUrl: pbx.url, folder, ...options });
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

/** What has the focus: its role's name, as a screen reader would say it. */
const focused = (page: Page) =>
  page.evaluate<string>(
    `(() => { const el = document.activeElement; return (el?.getAttribute('aria-label') || el?.textContent || el?.tagName || '').trim(); })()`,
  );
const selectedTab = (page: Page) => page.getByRole('tab', { selected: true }).textContent();

describe('the look of the buttons', () => {
  it("every button shown, in every view, menu, dialog, bar and toast, has the window's own look, light and dark", async () => {
    const page = await busyWindow({ updates: { status: () => ({ kind: 'ready', version: '0.2.0' }), restart: () => 'Restarting.' } });
    await page.evaluate(`window.recorder.saveSettings({ announce: 'text', announceSkippable: true })`); // the calls' small menu
    const looked: string[] = [];
    /** Fails on any button shown now that keeps a look of the browser's own button, in either theme. */
    const check = async (label: string) => {
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        const { checked, found } = await systemLookingButtons(page);
        expect(found, `${label}, ${theme}`).toEqual([]);
        expect(checked).toBeGreaterThan(0);
      }
      looked.push(label);
    };
    await page.getByRole('status', { name: 'Update' }).getByRole('button', { name: 'Restart to update' }).waitFor();
    const more = page.getByRole('button', { name: 'More ways to record' }).first();
    await more.click();
    await page.getByRole('button', { name: 'Record without announcement' }).waitFor();
    await check("Calls, with the update bar and a call's menu open");
    await page.keyboard.press('Escape');

    await page.keyboard.press('Alt+2');
    const row = page.locator('.recording').filter({ hasText: 'Kovács Zoltán' });
    await row.getByRole('button', { name: /^Actions for/ }).click();
    await page.getByRole('menu').waitFor();
    await check("Recordings, a row's menu open");
    await page.keyboard.press('Escape');
    await row.click();
    await page
      .locator('.recording')
      .filter({ hasText: 'Siobhán' })
      .click({ modifiers: ['Control'] });
    await page.getByRole('toolbar', { name: 'Selected recordings' }).waitFor();
    await check('Recordings, two selected');
    await page.getByRole('toolbar', { name: 'Selected recordings' }).getByRole('button', { name: 'Delete' }).click();
    await page.locator('.toast').getByRole('button', { name: 'Undo' }).waitFor();
    await check('Recordings, a toast with Undo');
    await page.locator('.toast').getByRole('button', { name: 'Undo' }).click();
    for (const opener of ['Export…', 'Erase a number…']) {
      await page.locator('#recordings-view').getByRole('button', { name: opener, exact: true }).first().click();
      await page.locator('dialog[open]').waitFor();
      await check(`Recordings, the dialog of ${opener}`);
      await page.keyboard.press('Escape');
      await until(async () => (await page.locator('dialog[open]').count()) === 0);
    }

    await page.keyboard.press('Alt+3');
    await until(async () => (await page.locator('#setting-fileNameTemplate').inputValue()) !== ''); // the settings are loaded
    await page.getByText('Advanced', { exact: true }).click();
    await page.locator('#test-connection').waitFor();
    await check('Settings, Advanced open');
    await page.locator('#setting-myExtension').fill('1004');
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.getByRole('dialog', { name: 'Save the changes to the settings?' }).waitFor();
    await check('Settings, the question before leaving');
    await page.getByRole('dialog').getByRole('button', { name: 'Stay' }).click();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await check('the list of shortcuts');
    expect(looked).toHaveLength(9);
  });
});

describe('the views', () => {
  it('shows only the view whose tab is chosen, whatever display its own stylesheet gives it', async () => {
    const page = await busyWindow();
    for (const [key, shown] of [
      ['Alt+1', 'calls'],
      ['Alt+2', 'recordings'],
      ['Alt+3', 'settings'],
    ] as const) {
      await page.keyboard.press(key);
      for (const view of ['calls', 'recordings', 'settings']) {
        await expect(page.locator(`#${view}-view`).isVisible(), `${view} while ${shown} is chosen`).resolves.toBe(view === shown);
      }
    }
  });
  it('opens each view where that view was left, never at the offset of the view shown before', async () => {
    const folder = await tempDir('e2e-frame-scroll-');
    for (let i = 0; i < 30; i++) {
      const name = `call-${String(i).padStart(2, '0')}`;
      await saveRecording(folder, `${name}.wav`, {
        recordingId: name,
        callId: name,
        from: `+36 1 234 56${String(i).padStart(2, '0')}`,
        callerName: `Caller ${i}`,
      });
    }
    const pbx = await startDemoPbx();
    const browser = await launchBrowser();
    const { page } = await openPreview(browser, { pbxUrl: pbx.url, folder, viewport: { width: 420, height: 640 } });
    const scrollTop = () => page.evaluate<number>(`document.querySelector('main.views').scrollTop`);
    await page.keyboard.press('Alt+2');
    await page.locator('.recording').filter({ hasText: 'Caller 29' }).waitFor();
    await page.keyboard.press('Alt+3');
    await page.evaluate(`document.querySelector('main.views').scrollTop = 100000`);
    const settingsOffset = await scrollTop();
    expect(settingsOffset).toBeGreaterThan(100); // Settings is longer than the window at this size
    await page.keyboard.press('Alt+2');
    await expect(scrollTop()).resolves.toBe(0); // Recordings opens at its top, with its heading in sight
    await expect(page.getByRole('heading', { name: 'Saved' }).isVisible()).resolves.toBe(true);
    await page.evaluate(`document.querySelector('main.views').scrollTop = 200`);
    await page.keyboard.press('Alt+3');
    await expect(scrollTop()).resolves.toBe(settingsOffset);
    await page.keyboard.press('Alt+2');
    await expect(scrollTop()).resolves.toBe(200);
  });
});

describe('the keyboard', () => {
  it('Alt+1, Alt+2 and Alt+3 show the views and put the focus on their tab; the arrow keys move along the tabs', async () => {
    const page = await busyWindow();
    await page.keyboard.press('Alt+2');
    await expect(selectedTab(page)).resolves.toContain('Recordings');
    await expect(focused(page)).resolves.toBe('Recordings');
    await expect(page.locator('#recordings-view').isVisible()).resolves.toBe(true);
    await expect(page.locator('#calls-view').isVisible()).resolves.toBe(false);
    await page.keyboard.press('Alt+3');
    await expect(selectedTab(page)).resolves.toContain('Settings');
    await page.keyboard.press('ArrowRight'); // round to the first
    await expect(focused(page)).resolves.toBe('Calls');
    await page.keyboard.press('ArrowLeft');
    await expect(focused(page)).resolves.toBe('Settings');
    await page.keyboard.press('Alt+1');
    await expect(selectedTab(page)).resolves.toContain('Calls');
    await expect(page.locator('#calls-view').isVisible()).resolves.toBe(true);
  });

  it('Ctrl+F and / put the focus in the search box; typed into a field they are text', async () => {
    const page = await busyWindow();
    const search = page.getByLabel('Search recordings');
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Control+f');
    await expect(focused(page)).resolves.toBe('Search recordings');
    await page.keyboard.type('kov/?');
    await expect(search.inputValue()).resolves.toBe('kov/?');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await page.keyboard.press('Alt+2'); // back on the tab
    await page.keyboard.press('/');
    await expect(focused(page)).resolves.toBe('Search recordings');
    await expect(search.inputValue()).resolves.toBe('kov/?'); // "/" moved the focus and typed nothing
  });

  it('? shows the list of shortcuts in a dialog; Esc closes it and the focus goes back where it was', async () => {
    const page = await busyWindow();
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('Show Calls, Recordings, Settings');
    await expect(page.evaluate<boolean>('document.querySelector("dialog[open]").contains(document.activeElement)')).resolves.toBe(true);
    await page.keyboard.press('?'); // pressed again: the list stays, once
    await expect(dialog.count()).resolves.toBe(1);
    await page.keyboard.press('Alt+3'); // the views stay put behind the dialog
    await expect(selectedTab(page)).resolves.toContain('Recordings');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(focused(page)).resolves.toBe('Recordings');
    await expect(selectedTab(page)).resolves.toContain('Recordings');
  });

  it('Tab goes through the window in reading order, and the focus ring shows on every stop, light and dark, at both sizes', async () => {
    const page = await busyWindow();
    await page.getByRole('listitem').filter({ hasText: 'Kovács Zoltán' }).getByRole('button').click();
    await page.getByRole('listitem').filter({ hasText: 'Kovács Zoltán' }).filter({ hasText: 'Recording' }).waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const size of [
        { width: 1280, height: 800 },
        { width: 420, height: 640 },
      ]) {
        await page.setViewportSize(size);
        const stops = await tabStops(page);
        const look = `${size.width}×${size.height} ${theme}`;
        expect(
          stops.slice(0, 2).map((stop) => stop.name),
          look,
        ).toEqual(['button#calls-tab "Calls"', 'button "Keyboard shortcuts"']);
        expect(outOfOrderStops(stops), look).toEqual([]);
        expect(faintFocusRings(stops), look).toEqual([]);
      }
    }
  });
});

describe("the recorder's warnings", () => {
  /** The banner's own sentence (not the folded ones, not what is behind Details). */
  const firstLine = (bar: Locator) => bar.locator('.banner-text > p').textContent();

  it('are shown under the header in a calm banner, in plain words with the detail behind Details, newest first, and Dismiss hides them until they change', async () => {
    // A journal line that cannot be read, written before the recorder starts: it is set aside, and the user told.
    const dataDir = await tempDir('e2e-frame-data-');
    const recorderData = join(dataDir, 'recorder'); // the host keeps the recorder's data there
    await mkdir(recorderData, { recursive: true, mode: 0o700 });
    await writeFile(join(recorderData, 'journal.jsonl'), 'this line is no journal entry\n', { mode: 0o600 });
    const pbx = await startDemoPbx();
    const browser = await launchBrowser();
    const { page, preview, errors } = await openPreview(browser, { pbxUrl: pbx.url, dataDir, viewport: { width: 420, height: 640 } });
    const bar = page.getByRole('status', { name: 'Warnings' });
    const setAside = 'Ozeki Recorder found 1 damaged line in its records and set it aside.';
    const where = `The journal had 1 line that could not be read; it is in ${join(recorderData, 'journal.rejected')}.`;
    await bar.filter({ hasText: 'damaged line' }).waitFor();
    await expect(firstLine(bar)).resolves.toBe(`Tell your administrator: ${setAside}`);
    await expect(bar.getAttribute('class')).resolves.toContain('warn'); // the calm warning look, not the danger one
    // Where the lines went is for whoever fixes it: behind Details, closed at first, opened by keyboard.
    const details = bar.locator('.details').first();
    await expect(details.locator('p').isVisible()).resolves.toBe(false);
    await details.getByText('Details').focus();
    await page.keyboard.press('Enter');
    await expect(details.locator('p').textContent()).resolves.toBe(where);
    await expect(details.locator('p').isVisible()).resolves.toBe(true);
    // Under the header, above the view: it covers nothing.
    const header = await page.locator('.app-header').boundingBox();
    const barBox = await bar.boundingBox();
    const view = await page.locator('.views').boundingBox();
    expect(barBox && header && barBox.y >= header.y + header.height - 1).toBe(true);
    expect(barBox && view && view.y >= barBox.y + barBox.height - 1).toBe(true);
    await screenshotViews(page, 'warnings-bar', { accessible: { include: [...FRAME, '.warnings'] }, noSidewaysScroll: [...FRAME, '.warnings'] });

    // Dismissed by keyboard: gone, the focus on the tab of the view shown; the same warnings do not bring it back.
    await bar.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await bar.waitFor({ state: 'detached' });
    await expect(focused(page)).resolves.toBe('Calls');
    await page.keyboard.press('Alt+3');
    await page.keyboard.press('Alt+1'); // the views are shown again, the state is applied again
    await expect(bar.count()).resolves.toBe(0);

    // A new warning: the banner is back, the new one first and the one dismissed folded under it.
    const forged = await fetch(`${preview.host.service.callbackUrl ?? ''}/ozeki/record-completed/nothing/forged-secret`, {
      method: 'POST',
      body: 'NotificationName=RecordCompleted',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await forged.arrayBuffer();
    await bar.filter({ hasText: 'refused a message' }).waitFor();
    await expect(firstLine(bar)).resolves.toBe('Tell your administrator: Ozeki Recorder refused a message that did not come from the PBX.');
    await expect(bar.locator('.banner-text > .details p').textContent()).resolves.toBe('Refused a notification from 127.0.0.1: Wrong secret.');
    await bar.getByText('1 earlier warning').click();
    const earlier = bar.locator('li');
    await expect(earlier.count()).resolves.toBe(1);
    await expect(earlier.locator('> p').textContent()).resolves.toBe(setAside);
    await expect(earlier.locator('.details p').textContent()).resolves.toBe(where);
    await screenshotViews(page, 'warnings-bar-earlier', { accessible: { include: [...FRAME, '.warnings'] }, noSidewaysScroll: [...FRAME, '.warnings'] });
    expect(errors.filter((error) => !error.includes('/ozeki/'))).toEqual([]);
  });

  it('leave out what a view already says: an auto-record failure (on the Calls view, with its call) and the first retention sweep waiting', async () => {
    const folder = await tempDir('e2e-frame-');
    await saveRecording(folder, 'old/first.wav', { startTime: new Date(Date.now() - 60 * 24 * 3600_000).toISOString() });
    const pbx = await startDemoPbx();
    pbx.faults.refuseRecord = true;
    const browser = await launchBrowser();
    const { page, preview } = await openPreview(browser, { pbxUrl: pbx.url, folder });
    await page.evaluate(`window.recorder.saveSettings(${JSON.stringify({ autoRecord: 'all', keepDays: 30 })})`);
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    // Both are said in the Calls view…
    const problems = page.locator('.calls-auto-problems');
    await problems.filter({ hasText: 'Ozeki code 303' }).waitFor();
    await page.locator('.calls-retention').filter({ hasText: 'older than 30 days' }).waitFor();
    // …and were warnings of the recorder, which the window had before the next one.
    const kinds = preview.host.service.state().warnings.map((warning) => warning.kind);
    expect(kinds).toEqual(expect.arrayContaining(['auto-record-failed', 'retention-waiting']));

    // A warning no view shows: the banner says that one alone, nothing of the two above, not even folded.
    const forged = await fetch(`${preview.host.service.callbackUrl ?? ''}/ozeki/record-completed/nothing/forged-secret`, {
      method: 'POST',
      body: 'NotificationName=RecordCompleted',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await forged.arrayBuffer();
    const bar = page.getByRole('status', { name: 'Warnings' });
    await bar.filter({ hasText: 'refused a message' }).waitFor();
    await expect(firstLine(bar)).resolves.toBe('Tell your administrator: Ozeki Recorder refused a message that did not come from the PBX.');
    await expect(bar.locator('details.earlier').count()).resolves.toBe(0);
    const said = (await bar.textContent()) ?? '';
    expect(said).not.toContain('Auto-record');
    expect(said).not.toContain('older than');
    // The Calls view still says them, once.
    await expect(problems.count()).resolves.toBe(1);
    await expect(
      page
        .locator('#calls-view')
        .getByText(/older than 30 days/)
        .count(),
    ).resolves.toBe(1);
  });
});

describe('the focus after a dialog', () => {
  it('goes back to what opened the dialog, or to a sensible neighbour when that went: never to the page', async () => {
    const page = await busyWindow();
    const focusIs = (expected: string, what: string) => expect.poll(() => focused(page), { message: what }).toBe(expected);
    const dialog = page.locator('dialog[open]');

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await focusIs('Keyboard shortcuts', 'the list of shortcuts, closed with its button');

    // The question before leaving unsaved settings: Esc stays, in the field being typed; Stay, on the tab pressed.
    await page.keyboard.press('Alt+3');
    await until(async () => (await page.locator('#setting-fileNameTemplate').inputValue()) !== '');
    await page.locator('#setting-myExtension').fill('1004');
    await page.keyboard.press('Alt+1');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate<string>('document.activeElement.id')).toBe('setting-myExtension');
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await focusIs('Recordings', 'the question, answered Stay');
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await focusIs('Recordings', 'the question, answered Discard');

    const view = page.locator('#recordings-view');
    await view.locator('.recording').first().waitFor();
    for (const opener of ['Export…', 'Erase a number…']) {
      await view.getByRole('button', { name: opener, exact: true }).first().click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await focusIs(opener, `the dialog of ${opener}, closed with Esc`);
    }

    // Erase from a row's menu: cancelled, the focus is on the row; done, the row is gone and the search box has it.
    const row = view.locator('.recording').filter({ hasText: 'Kovács Zoltán' });
    const eraseFromMenu = async () => {
      await row.click();
      await page.keyboard.press('Shift+F10');
      await page.getByRole('menuitem', { name: /^Erase every recording of/ }).click();
      await dialog.waitFor();
    };
    await eraseFromMenu();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate<boolean>(`document.activeElement.matches('.recording') && document.activeElement.textContent.includes('Kovács')`))
      .toBe(true);
    await eraseFromMenu();
    await dialog.locator('.erase-confirm').click();
    await row.waitFor({ state: 'detached' });
    await focusIs('Search recordings', 'the erase dialog, done, its row gone');
  });
});

describe('the update bar', () => {
  it('says an update is ready under the header, offers the restart by keyboard, and keeps the focus on what it then says', async () => {
    const restarts: string[] = [];
    const page = await busyWindow({
      updates: {
        status: () => ({ kind: 'ready', version: '0.2.0' }),
        restart: () => {
          restarts.push('asked');
          return 'Ozeki Recorder restarts into 0.2.0 once the recording in progress is saved.';
        },
      },
    });
    const bar = page.getByRole('status', { name: 'Update' });
    await bar.getByText('Ozeki Recorder 0.2.0 is ready.').waitFor();
    await screenshotViews(page, 'update-bar', { accessible: { include: FRAME }, noSidewaysScroll: FRAME });
    // Under the header, above the view: it covers nothing.
    const header = await page.locator('.app-header').boundingBox();
    const barBox = await bar.boundingBox();
    const view = await page.locator('.views').boundingBox();
    expect(barBox && header && barBox.y >= header.y + header.height - 1).toBe(true);
    expect(barBox && view && view.y >= barBox.y + barBox.height - 1).toBe(true);

    const stops = await tabStops(page, 3); // the focus stays on the third
    expect(stops.map((stop) => stop.name)).toEqual(['button#calls-tab "Calls"', 'button "Keyboard shortcuts"', 'button "Restart to update"']);
    await page.keyboard.press('Enter');
    await bar.getByText('once the recording in progress is saved').waitFor();
    expect(restarts).toEqual(['asked']);
    await expect(page.evaluate<string>('document.activeElement.textContent')).resolves.toBe(
      'Ozeki Recorder restarts into 0.2.0 once the recording in progress is saved.',
    );
  });
});
