// The Settings view in Chromium, on the preview and the demo PBX: the form the schema makes, its checks as the user
// types, the tests of the values typed, the password, unsaved changes, and its look at each size and theme.
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS, type Meta, type SettingKey } from '../../preload/settings-schema.ts';
import { rowMatters } from '../../renderer/views/settings/form-model.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { expectAccessible, expectNoSidewaysScroll, faintFocusRings, outOfOrderStops, screenshotViews, systemLookingButtons, tabStops } from './a11y.ts';
import { launchBrowser, openPreview, SCREENSHOTS, until } from './browser.ts';

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

const PASSWORD = 'pa55-word-of-the-desk';
const VIEW = '#settings-view';

/** The page as a function run in the browser sees it (the tests' TypeScript has no DOM types). */
type InPage = { document: { querySelector(selector: string): { value?: string } | null } };

/** Waits (on the page's own frames) until the input `selector` holds some text. */
async function filled(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (s) => (globalThis as unknown as InPage).document.querySelector(s)?.value !== '' && (globalThis as unknown as InPage).document.querySelector(s) !== null,
    selector,
  );
}

/** The Settings view open on a preview of `pbxUrl` (a fresh demo PBX when not given). */
async function settingsView(options: { pbxUrl?: string; size?: { width: number; height: number }; beforeLoad?: (page: Page) => Promise<void> } = {}) {
  const pbxUrl = options.pbxUrl ?? (await startDemoPbx()).url;
  const browser = await launchBrowser();
  const { page, preview, errors } = await openPreview(browser, { pbxUrl, ...(options.beforeLoad ? { beforeLoad: options.beforeLoad } : {}) });
  if (options.size) await page.setViewportSize(options.size);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await filled(page, '#setting-fileNameTemplate'); // loaded: the saved template is in its input
  return { page, preview, errors };
}

const field = (page: Page, key: SettingKey) => page.locator(`#setting-${key}`);
const errorOf = (page: Page, key: SettingKey) => page.locator(`#setting-${key}-error`);
/** The shortcut field's advice after a key it cannot take (not an error: the value kept is valid). */
const adviceOf = (page: Page) => page.locator('#setting-shortcut-advice');
const status = (page: Page) => page.locator('#settings-status');
/** A locator's text as a person reads it (no surrounding white space). */
const textOf = async (locator: Locator) => (await locator.textContent())?.trim();
const save = (page: Page) => page.getByRole('button', { name: 'Save', exact: true });
const advanced = (page: Page) => page.locator(`${VIEW} details.advanced`);

/** Waits until `locator`'s text contains `text`. */
const textIn = (locator: Locator, text: string) => locator.filter({ hasText: text }).waitFor();
/** Waits until `locator` is gone from the page. */
const gone = (locator: Locator) => locator.waitFor({ state: 'detached' });

async function openAdvanced(page: Page): Promise<void> {
  if (!(await advanced(page).evaluate((d) => (d as unknown as { open: boolean }).open))) await page.getByText('Advanced', { exact: true }).click();
}

describe('the Settings form', () => {
  it("is made from the schema: the receptionist's settings first, the administrator's under Advanced, each under its heading", async () => {
    const { page, errors } = await settingsView();
    // Announcements are off: the rows of how they are made are not shown (front-desk-settings.test.ts shows them).
    const rows = Object.entries(SETTINGS as Record<SettingKey, Meta>).filter(
      ([key, row]) => row.window && rowMatters(key as SettingKey, new Map([['announce', 'off']])),
    );
    const labelOf = async (key: SettingKey) => (await page.locator(`${VIEW} [for="setting-${key}"], ${VIEW} #setting-${key}-label`).textContent())?.trim();
    for (const [key, row] of rows) expect(await labelOf(key as SettingKey), key).toBe(row.label);

    // Folded, Advanced shows none of the administrator's fields; the receptionist's are all in sight.
    for (const [key, row] of rows) expect(await field(page, key as SettingKey).isVisible(), key).toBe(row.who === 'receptionist');
    const administratorFirst = page.locator(`${VIEW} details.advanced #setting-pbxUrl`);
    expect(await administratorFirst.count()).toBe(1);
    await openAdvanced(page);
    await expect(field(page, 'pbxUrl').isVisible()).resolves.toBe(true);

    const headings = await page.locator(`${VIEW} .settings-section > h2`).allTextContents();
    expect(headings.slice(0, 3)).toEqual(['Recording', 'Announcement', 'This desk']);
    expect(headings).toContain('PBX');
    expect(headings).toContain('Listener');
    // In the page's order every receptionist's field comes before every administrator's.
    const order = await page.evaluate<string[]>(
      `[...document.querySelectorAll('${VIEW} [id^="setting-"]:is(input, select, span.path)')].map((el) => el.id.slice('setting-'.length))`,
    );
    const who = order.map((key) => (SETTINGS as Record<string, Meta>)[key]?.who);
    expect(who.lastIndexOf('receptionist')).toBeLessThan(who.indexOf('administrator'));
    expect(errors).toEqual([]);
  });

  it('shows each refused value next to its field, focuses the first, and clears an error as soon as its field is valid', async () => {
    const { page } = await settingsView();
    await field(page, 'fileNameTemplate').fill('{date}_{nope}');
    await openAdvanced(page);
    await field(page, 'listenPort').fill('80');
    await field(page, 'missedAfterMs').fill('5');
    await save(page).click();
    // All at once: the schema's checks (in the window) and the domain's (the template, in main).
    // The fields are above the footer, which stays at the bottom.
    await textIn(status(page), 'Not saved: correct the 3 fields marked above.');
    await expect(textOf(errorOf(page, 'listenPort'))).resolves.toBe('The port is a number from 1024 to 65535.');
    // The same words as --notification-wait on the command line; the field is in seconds, the setting in ms.
    await expect(textOf(errorOf(page, 'missedAfterMs'))).resolves.toBe("Wait 10 to 86400 seconds for the PBX's recording.");
    await expect(errorOf(page, 'fileNameTemplate').textContent()).resolves.toContain('Unknown token {nope}');
    await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('setting-fileNameTemplate'); // the first in the form
    await field(page, 'listenPort').fill('7799');
    await field(page, 'missedAfterMs').fill('90');
    await textIn(status(page), 'Not saved: correct the field marked above.'); // the count follows the fixes
    await expect(field(page, 'fileNameTemplate').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(field(page, 'fileNameTemplate').getAttribute('aria-describedby')).resolves.toContain('setting-fileNameTemplate-error');

    // Typing a valid value takes the error and the red border away at once, before any save.
    await field(page, 'fileNameTemplate').fill('{callerName}_{date}');
    await gone(errorOf(page, 'fileNameTemplate'));
    await expect(field(page, 'fileNameTemplate').getAttribute('aria-invalid')).resolves.toBe('false');
    await textIn(page.locator('#setting-fileNameTemplate-explain'), 'Next file: Kovács Zoltán_');
    await textIn(status(page), 'Unsaved changes.'); // every field valid: the refusal no longer stands
    await field(page, 'listenPort').fill('80');
    await save(page).click();
    await errorOf(page, 'listenPort').waitFor();
    await field(page, 'listenPort').fill('7800');
    await expect(errorOf(page, 'listenPort').count()).resolves.toBe(0); // the schema's own check, in the window
    await expect(field(page, 'listenPort').getAttribute('aria-invalid')).resolves.toBe('false');

    await save(page).click();
    await textIn(status(page), 'Saved.');
    expect(await page.evaluate<number>('window.recorder.getSettings().then((s) => s.missedAfterMs)')).toBe(90_000);
    await expect(field(page, 'missedAfterMs').inputValue()).resolves.toBe('90');
  });

  it('passes axe-core after a rejected save, light and dark, with the errors tied to their fields', async () => {
    const { page } = await settingsView();
    await field(page, 'autoRecord').fill('sometimes');
    await openAdvanced(page);
    await field(page, 'listenPort').fill('80');
    await save(page).click();
    await errorOf(page, 'listenPort').waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expectAccessible(page, `Settings after a rejected save, ${theme}`, { include: [VIEW] });
    }
    await screenshotViews(page, 'settings-rejected', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });
  });

  it('fits the companion size and 800×600 with Save in sight, Advanced open, light and dark, and passes axe-core', async () => {
    const { page } = await settingsView();
    await openAdvanced(page);
    await screenshotViews(page, 'settings', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });
    for (const size of [
      { width: 800, height: 600 },
      { width: 420, height: 640 },
    ]) {
      await page.setViewportSize(size);
      await page.locator('#setting-fileNameTemplate').scrollIntoViewIfNeeded(); // the top of the form: Save is far below in the page
      for (const target of [page.locator('#setting-fileNameTemplate'), field(page, 'pbxUrl')]) {
        await target.scrollIntoViewIfNeeded();
        const box = (await save(page).boundingBox()) ?? { y: -1, height: 0 };
        expect(box.y, `Save at ${size.width}×${size.height}`).toBeGreaterThan(0);
        expect(box.y + box.height, `Save at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
      }
      await expectNoSidewaysScroll(page, `Settings at ${size.width}×${size.height}`);
    }
  });

  it('Tab goes through the form in reading order, with a focus ring on every stop', async () => {
    const { page } = await settingsView({ size: { width: 1280, height: 800 } });
    await openAdvanced(page);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      const stops = (await tabStops(page, 80)).filter((stop) => !stop.name.includes('-tab') && !stop.name.includes('Keyboard shortcuts'));
      expect(stops.length).toBeGreaterThan(20);
      // The sticky footer's Save sits in reading order at the end of the form; scrolling puts it anywhere on screen.
      expect(outOfOrderStops(stops.filter((stop) => !stop.name.includes('"Save"'))), theme).toEqual([]);
      expect(faintFocusRings(stops), theme).toEqual([]);
    }
  });
});

// Runs in the page: each section heading, what stands before it and the room between them, in px.
const SECTION_GAPS = `[...document.querySelectorAll('#settings-view .settings-section > h2')].flatMap((h2) => {
  const before = h2.parentElement.previousElementSibling;
  if (!before) return [];
  const gap = h2.getBoundingClientRect().top - before.getBoundingClientRect().bottom;
  return [{ heading: h2.textContent.trim(), before: before.tagName.toLowerCase() + ' ' + (before.querySelector('h2') || before).textContent.trim().slice(0, 30), gap: Math.round(gap * 10) / 10 }];
})`;
/** A spacing token of tokens.css, in px. */
const spaceToken = (page: Page, name: string) =>
  page.evaluate<number>(
    `parseFloat(getComputedStyle(document.documentElement).getPropertyValue('${name}')) * parseFloat(getComputedStyle(document.documentElement).fontSize)`,
  );

describe('the rhythm of the form', () => {
  it("leaves at least --space-5 between a section's last row and the next heading, at both sizes, Advanced open", async () => {
    const { page } = await settingsView();
    await openAdvanced(page);
    await field(page, 'announce').selectOption('text'); // every announcement row shown, the administrator's too
    const room = await spaceToken(page, '--space-5');
    expect(room).toBeGreaterThan(await spaceToken(page, '--space-3')); // sections stand further apart than rows
    for (const size of [
      { width: 1280, height: 800 },
      { width: 420, height: 640 },
    ]) {
      await page.setViewportSize(size);
      const gaps = await page.evaluate<{ heading: string; before: string; gap: number }[]>(SECTION_GAPS);
      expect(gaps.length, 'every heading but the first has a section before it').toBeGreaterThanOrEqual(7);
      expect(
        gaps.filter(({ gap }) => gap < room),
        `${size.width}×${size.height}`,
      ).toEqual([]);
    }
  });

  it("shows no heading without a row under it: the administrator's announcement rows go with the announcement", async () => {
    const { page } = await settingsView();
    await openAdvanced(page);
    const bare = () =>
      page.evaluate<string[]>(
        `[...document.querySelectorAll('${VIEW} .settings-section')].filter((s) => s.children.length < 2).map((s) => s.textContent.trim())`,
      );
    await expect(bare()).resolves.toEqual([]);
    const headings = () => page.locator(`${VIEW} .advanced h2`).allTextContents();
    await expect(headings()).resolves.not.toContain('Announcement');
    await field(page, 'announce').selectOption('text');
    await expect.poll(headings).toContain('Announcement');
  });
});

describe('the shortcut for "Record my call"', () => {
  const saved = (page: Page) => page.evaluate<string>('window.recorder.getSettings().then((s) => s.shortcut)');

  it('is set by pressing the keys and shown as Linux and Windows write them; Backspace clears, Escape puts it back, Tab moves on', async () => {
    const { page } = await settingsView();
    const shortcut = field(page, 'shortcut');
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Alt+R'); // the stored CommandOrControl+Alt+R
    await expect(textOf(page.locator('#setting-shortcut-hint'))).resolves.toBe('Click here and press the keys, like Ctrl+Alt+R. Backspace: no shortcut.');
    await shortcut.focus();
    await page.keyboard.press('Control+Shift+KeyK');
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Shift+K');
    await page.keyboard.press('Alt+Digit2'); // the keys are the field's, not the window's: Alt+2 shows no other view
    await expect(shortcut.inputValue()).resolves.toBe('Alt+2');
    await expect(page.getByRole('tab', { selected: true }).textContent()).resolves.toContain('Settings');
    await page.keyboard.press('Backspace');
    await expect(shortcut.inputValue()).resolves.toBe('');
    await expect(shortcut.getAttribute('placeholder')).resolves.toBe('none');
    await page.keyboard.press('Escape'); // as it was when the focus came in
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Alt+R');

    await page.keyboard.press('Control+Alt+KeyK');
    await page.keyboard.press('Tab');
    await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('setting-startAtLogin');
    await save(page).click();
    await textIn(status(page), 'Saved.');
    await expect(saved(page)).resolves.toBe('CommandOrControl+Alt+K'); // stored as the Electron accelerator
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Alt+K');

    await shortcut.focus();
    await page.keyboard.press('Delete');
    await save(page).click();
    // The status still says "Saved." from the save above, so wait for what this save stores, not for the status.
    await expect.poll(() => saved(page), { timeout: 15_000 }).toBe(''); // no shortcut
    await textIn(status(page), 'Saved.');
  });

  it('says which keys to hold, in the same words, when a key is pressed alone, and no text goes in', async () => {
    const { page } = await settingsView();
    const shortcut = field(page, 'shortcut');
    await shortcut.focus();
    await page.keyboard.press('KeyR');
    // The value kept is valid: the words are advice, not an error, and the field is not marked invalid.
    await textIn(adviceOf(page), 'Hold Ctrl or Alt while you press a letter, a digit or F1–F24, like Ctrl+Alt+R.');
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Alt+R'); // unchanged
    await expect(shortcut.getAttribute('aria-invalid')).resolves.toBe('false');
    await expect(errorOf(page, 'shortcut').count()).resolves.toBe(0);
    await expect(shortcut.getAttribute('aria-describedby')).resolves.toContain('setting-shortcut-advice');
    await page.keyboard.press('Shift+KeyR'); // Shift alone would take a capital letter from every program
    await expect(textOf(adviceOf(page))).resolves.toContain('Hold Ctrl or Alt');
    await page.keyboard.insertText('typed text'); // typing, pasting: no text goes in
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Alt+R');
    await page.keyboard.press('Escape');
    await gone(adviceOf(page));
    await expect(shortcut.getAttribute('aria-invalid')).resolves.toBe('false');
    await expect(status(page).textContent()).resolves.not.toContain('Unsaved');
  });

  it('keeps a valid new shortcut after a key it cannot take, and saves it', async () => {
    const { page } = await settingsView();
    const shortcut = field(page, 'shortcut');
    await shortcut.focus();
    await page.keyboard.press('Control+Shift+KeyK');
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Shift+K');
    await page.keyboard.press('KeyA');
    await textIn(adviceOf(page), 'Hold Ctrl or Alt');
    await expect(shortcut.getAttribute('aria-invalid')).resolves.toBe('false');
    await expect(errorOf(page, 'shortcut').count()).resolves.toBe(0);
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Shift+K');
    await page.keyboard.press('Tab'); // the advice goes with the focus
    await gone(adviceOf(page));
    await save(page).click();
    await textIn(status(page), 'Saved.');
    await expect(saved(page)).resolves.toBe('CommandOrControl+Shift+K');
  });

  it('is shown and set as a Mac writes it when the window runs on a Mac', async () => {
    const { page } = await settingsView({
      beforeLoad: async (opened) => {
        await opened.addInitScript({
          content: `Object.defineProperty(Navigator.prototype, 'userAgent', { get: () => 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36' });`,
        });
      },
    });
    const shortcut = field(page, 'shortcut');
    await expect(shortcut.inputValue()).resolves.toBe('⌘⌥R');
    await shortcut.focus();
    await page.keyboard.press('Control+Alt+KeyK');
    await expect(shortcut.inputValue()).resolves.toBe('⌃⌥K');
    await page.keyboard.press('KeyK');
    await textIn(adviceOf(page), 'Hold ⌘, ⌥ or ⌃ while you press a letter, a digit or F1–F24, like ⌘⌥R.');
    await page.keyboard.press('Meta+Shift+KeyR');
    await expect(shortcut.inputValue()).resolves.toBe('⌘⇧R');
    await gone(adviceOf(page));
    await save(page).click();
    await textIn(status(page), 'Saved.');
    await expect(saved(page)).resolves.toBe('CommandOrControl+Shift+R');
  });

  it('is the letter the key types on a German keyboard, where Z sits in the place of a US keyboard’s Y; the place where it types no Latin letter', async () => {
    const { page } = await settingsView();
    const shortcut = field(page, 'shortcut');
    await shortcut.focus();
    // Chromium's own key events, as a QWERTZ or a Cyrillic layout makes them: the character typed and the key's place differ.
    const cdp = await page.context().newCDPSession(page);
    const CTRL_ALT = 2 | 1; // CDP's modifier bits: Alt 1, Ctrl 2
    const press = async (key: string, code: string, windowsVirtualKeyCode: number) => {
      for (const type of ['keyDown', 'keyUp'] as const)
        await cdp.send('Input.dispatchKeyEvent', { type, key, code, windowsVirtualKeyCode, modifiers: CTRL_ALT });
    };
    await press('z', 'KeyY', 0x5a);
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Alt+Z');
    await save(page).click();
    await textIn(status(page), 'Saved.');
    await expect(saved(page)).resolves.toBe('CommandOrControl+Alt+Z'); // what globalShortcut on Windows and Linux hears as that key

    await shortcut.focus();
    await press('я', 'KeyZ', 0x5a); // Russian: the key's place is its only Latin name
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Alt+Z');
    await press('a', 'KeyQ', 0x41); // AZERTY
    await expect(shortcut.inputValue()).resolves.toBe('Ctrl+Alt+A');
  });
});

describe('the look of the actions', () => {
  it("Test connection, Test listener and Open log folder look like the window's other actions: an icon before the words, the shared look", async () => {
    const { page } = await settingsView();
    await openAdvanced(page);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      const { found } = await systemLookingButtons(page);
      expect(found, theme).toEqual([]);
    }
    const choose = page.locator(VIEW).getByRole('button', { name: 'Choose…' }).first();
    const looks = (button: Locator) =>
      button.evaluate((el) => {
        const e = el as unknown as { querySelector(s: string): unknown; getBoundingClientRect(): { height: number } };
        return { icon: e.querySelector('svg') !== null, height: Math.round(e.getBoundingClientRect().height) };
      });
    const chosen = await looks(choose);
    for (const name of ['Test connection', 'Test listener', 'Open log folder']) {
      await expect(looks(page.getByRole('button', { name, exact: true })), name).resolves.toEqual(chosen);
    }
  });
});

describe('the tests of the values typed', () => {
  it('Test connection uses the address, username and password typed, before they are saved', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const { page } = await settingsView({ pbxUrl: pbx.url });
    await openAdvanced(page);
    const result = page.locator('#test-connection-result');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await textIn(result, 'Authentication required (Ozeki code 304)');

    await field(page, 'username').fill('desk');
    await field(page, 'password').fill('wrong');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await textIn(result, 'Authentication failed, bad username or password (Ozeki code 305)');
    await field(page, 'password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await textIn(result, 'Connected: the PBX answered');
    // Nothing was saved by testing.
    expect(await page.evaluate('window.recorder.getSettings().then((s) => [s.username, s.passwordSet])')).toEqual(['', false]);
  });

  it('Test listener tries the address typed, and says what is wrong with one that cannot be', async () => {
    const { page } = await settingsView();
    await openAdvanced(page);
    const result = page.locator('#test-listener-result');
    await field(page, 'listenHost').fill('127.0.0.3');
    await page.getByRole('button', { name: 'Test listener' }).click();
    await textIn(result, 'With these settings the listener answers at http://127.0.0.3:');
    await field(page, 'listenHost').fill('192.0.2.7');
    await page.getByRole('button', { name: 'Test listener' }).click();
    await textIn(result, '192.0.2.7 is not an address of this computer');
  });

  it('Open log folder says that the preview keeps no log files', async () => {
    const { page } = await settingsView();
    await openAdvanced(page);
    await page.getByRole('button', { name: 'Open log folder' }).click();
    await textIn(page.locator('#open-log-folder-result'), 'The preview keeps no log files: its log is what the terminal running it prints.');
  });
});

describe('the password', () => {
  it('a corrected password is used at once: the recorder logs in with it, where the preview has no keyring', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    const { page } = await settingsView({ pbxUrl: pbx.url });
    await openAdvanced(page);
    await expect(page.locator('#setting-password-keyring').textContent()).resolves.toContain('the password is kept until the app closes');
    await field(page, 'username').fill('desk');
    await field(page, 'password').fill('wrong');
    await save(page).click();
    await textIn(status(page), 'Saved.');
    await expect(field(page, 'password').inputValue()).resolves.toBe('');
    await expect(field(page, 'password').getAttribute('placeholder')).resolves.toBe('•••••• (set; type to change)');
    await page.getByRole('tab', { name: 'Calls' }).click();
    await textIn(page.locator('#calls-view'), '305');

    // Rejected with another field: the password is not saved, and the recorder keeps the login it has.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await field(page, 'password').fill(PASSWORD);
    await field(page, 'listenPort').fill('80');
    await save(page).click();
    await errorOf(page, 'listenPort').waitFor();
    await expect(field(page, 'password').inputValue()).resolves.toBe(PASSWORD); // kept in the field, to save with the rest
    expect(await page.evaluate('window.recorder.getState().then((s) => s.link.message)')).toContain('305');

    await field(page, 'listenPort').fill('0');
    await save(page).click();
    await textIn(status(page), 'Saved.');
    await page.getByRole('tab', { name: 'Calls' }).click();
    await textIn(page.locator('#calls-view'), 'Kovács Zoltán'); // connected: the live calls are there
    await expect(page.locator('#calls-view').textContent()).resolves.not.toContain('305');
  });
});

/** Where the focused element and a field's error end, and where the sticky footer begins, in the page's pixels. */
const aboveFooter = (page: Page, errorId: string) =>
  page.evaluate<{ focused: number; error: number; footer: number }>(`(() => {
    const bottom = (el) => (el ? el.getBoundingClientRect().bottom : Infinity);
    return {
      focused: bottom(document.activeElement),
      error: bottom(document.getElementById(${JSON.stringify(errorId)})),
      footer: document.querySelector('.settings-footer').getBoundingClientRect().top,
    };
  })()`);

describe('the sticky footer', () => {
  for (const size of [
    { width: 420, height: 640 },
    { width: 1280, height: 800 },
  ])
    it(`never covers the focused control nor a field's error at ${size.width}×${size.height}`, async () => {
      const { page } = await settingsView({ size });
      const rule = field(page, 'autoRecord');
      // The user has scrolled so that Auto-record sits just above the footer, types a wrong rule and moves on.
      await page.evaluate(`(() => {
        const scroller = document.querySelector('main.views');
        const gap = document.querySelector('.settings-footer').getBoundingClientRect().top - document.getElementById('setting-autoRecord').getBoundingClientRect().bottom;
        scroller.scrollTop -= gap - 4;
      })()`);
      await rule.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('al');
      await page.keyboard.press('Tab');
      await textIn(errorOf(page, 'autoRecord'), '"al" is not a number');
      await until(async () => {
        const { focused, error, footer } = await aboveFooter(page, 'setting-autoRecord-error');
        return focused <= footer && error <= footer;
      });

      // A refused save puts the focus on the field, and the field's error is in sight above the footer too.
      await page.evaluate(`document.querySelector('main.views').scrollTop = 0`);
      await page.keyboard.press('Shift+Tab');
      await page.evaluate(`(() => {
        const scroller = document.querySelector('main.views');
        const gap = document.querySelector('.settings-footer').getBoundingClientRect().top - document.getElementById('setting-autoRecord').getBoundingClientRect().bottom;
        scroller.scrollTop -= gap - 4;
      })()`);
      await save(page).click();
      await textIn(status(page), 'Not saved');
      await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('setting-autoRecord');
      const { focused, error, footer } = await aboveFooter(page, 'setting-autoRecord-error');
      expect(focused).toBeLessThanOrEqual(footer);
      expect(error).toBeLessThanOrEqual(footer);
    });
});

describe('auto-record rules', () => {
  it('are shown as understood under the field, and a rule that is no number is an error next to it', async () => {
    const { page } = await settingsView();
    const explained = page.locator('#setting-autoRecord-explain');
    await field(page, 'autoRecord').fill('+36*, 1003');
    await textIn(explained, 'Records calls from or to +36…, and 1003');
    await field(page, 'autoRecord').fill('sometimes');
    await gone(explained);
    await field(page, 'autoRecord').press('Tab'); // left: now it is said what is wrong
    await textIn(errorOf(page, 'autoRecord'), '"sometimes" is not a number: write all, none, or numbers like +36*, 1003');
    await save(page).click();
    await textIn(status(page), 'Not saved');
    await field(page, 'autoRecord').fill('al');
    await save(page).click();
    await textIn(errorOf(page, 'autoRecord'), '"al" is not a number');
    await field(page, 'autoRecord').fill('all');
    await gone(errorOf(page, 'autoRecord'));
    await textIn(explained, 'Records every call once it is answered.');
    await save(page).click();
    await textIn(status(page), 'Saved.');
    expect(await page.evaluate('window.recorder.getSettings().then((s) => s.autoRecord)')).toBe('all');
  });
});

describe('unsaved changes', () => {
  it('keep their question open when the close of an earlier question is handled late (input runs before queued tasks under load)', async () => {
    const { page } = await settingsView();
    await field(page, 'myExtension').fill('1004');
    const dialog = page.getByRole('dialog', { name: 'Save the changes to the settings?' });
    await page.getByRole('tab', { name: 'Calls' }).click();
    await dialog.waitFor();
    // The browser fires a dialog's close event as a task of its own; a key pressed meanwhile may open the question
    // again first. That stale close event must not answer the new question.
    await page.evaluate('document.querySelector("dialog.leave-dialog").dispatchEvent(new Event("close"))');
    await expect(dialog.isVisible()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByRole('tab', { selected: true }).textContent()).resolves.toContain('Settings');
  });

  it('are never lost on a tab switch: Stay keeps them, Discard drops them, Save saves them and moves on', async () => {
    const { page } = await settingsView();
    await field(page, 'myExtension').fill('1004');
    await expect(status(page).textContent()).resolves.toContain('Unsaved changes.');
    const dialog = page.getByRole('dialog', { name: 'Save the changes to the settings?' });

    await page.getByRole('tab', { name: 'Recordings' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByRole('tab', { selected: true }).textContent()).resolves.toContain('Settings');
    await expect(field(page, 'myExtension').inputValue()).resolves.toBe('1004');

    await page.keyboard.press('Alt+1'); // the keyboard's way out asks too; Esc stays
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(field(page, 'myExtension').inputValue()).resolves.toBe('1004');

    await page.getByRole('tab', { name: 'Calls' }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page.getByRole('tab', { selected: true }).textContent()).resolves.toContain('Calls');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect(field(page, 'myExtension').inputValue()).resolves.toBe('');

    await field(page, 'myExtension').fill('1005');
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await textIn(page.getByRole('tab', { selected: true }), 'Recordings');
    expect(await page.evaluate('window.recorder.getSettings().then((s) => s.myExtension)')).toBe('1005');
  });

  it('a refused save from the question keeps the user on the form, with the error shown', async () => {
    const { page } = await settingsView();
    await field(page, 'myExtension').fill('front desk');
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await textIn(errorOf(page, 'myExtension'), 'An extension is a number, like 1001.');
    await expect(page.getByRole('tab', { selected: true }).textContent()).resolves.toContain('Settings');
    await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('setting-myExtension');
  });
});
