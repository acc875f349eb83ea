import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOLD_MS } from '../../main/host/held-deletes.ts';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { commandsReceived, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { saveRecording, trashedFiles } from '../helpers/library.ts';
import { fileSha256, tempDir } from '../helpers/recorder.ts';
import { expectAccessible, expectNoSidewaysScroll, screenshotViews } from './a11y.ts';
import { launchBrowser, openPreview, SCREENSHOTS, until } from './browser.ts';

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/** A local moment, as the sidecar stores it (ISO, UTC): the browser and the test share this machine's time zone. */
const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).toISOString();
/** "Today" for the page: Wednesday 25 November 2026, 16:00 local time. */
const TODAY = new Date(2026, 10, 25, 16, 0);

/** A library in a temp folder: each recording one second of the demo PBX's audio and its sidecar. */
async function library(recordings: (Partial<Sidecar> & { name: string })[]): Promise<string> {
  const folder = await tempDir('e2e-library-');
  for (const { name, ...fields } of recordings)
    await saveRecording(folder, `${name}.wav`, { recordingId: name, callId: name, savedAt: fields.startTime, ...fields });
  return folder;
}

/** The Recordings view open on `folder`, "today" being TODAY for the page's clock (timers run as they do). */
async function openRecordings(
  folder: string,
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; clock?: FakeClock } = {},
) {
  const pbx = await startDemoPbx();
  const browser = await launchBrowser();
  const opened = await openPreview(browser, {
    pbxUrl: pbx.url,
    folder,
    ...options,
    beforeLoad: (page) => page.clock.setFixedTime(TODAY),
  });
  const { page } = opened;
  // No native dialog may ever open (a confirm before deleting, say): the test fails if one does.
  page.on('dialog', (dialog) => {
    opened.errors.push(`native dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.getByRole('tab', { name: 'Recordings' }).click();
  return { ...opened, pbx, rows: page.locator('.saved [role=row]') };
}

const rowOf = (page: Page, text: string) => page.locator('.saved [role=row]').filter({ hasText: text });
/** What the tests read of the page's elements (they run under Node: no DOM types). */
/** Marks an element, to tell later whether it is still the same one (not rebuilt). */
const MARK = (element: unknown) => {
  (element as { survivor: boolean }).survivor = true;
};
interface Box {
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): { top: number };
}
interface Media {
  currentTime: number;
  paused: boolean;
  playbackRate: number;
}
/** The text of the row holding the focus ('' when the focus is outside the rows), spaces collapsed. */
const FOCUSED_ROW = "document.activeElement?.closest('[role=row]')?.textContent?.replace(/\\s+/g, ' ').trim() ?? ''";
const names = async (rows: Locator) => (await rows.locator('.name').allTextContents()).map((t) => t.trim());
const search = (page: Page) => page.getByLabel('Search recordings');
const sidecarOf = async (folder: string, name: string) => JSON.parse(await readFile(join(folder, `${name}.json`), 'utf8')) as Sidecar;

describe('the Recordings view: search, filters, groups', () => {
  it('finds "kovacs" in Kovács, a number typed without its spaces, and the date and time as the list shows them', async () => {
    const folder = await library([
      { name: 'anna', from: '+36 1 111 1111', callerName: 'Anna Kovács', startTime: local(2026, 11, 25, 9, 5) },
      { name: 'siobhan', from: '+44 20 7946 0018', callerName: "Siobhán O'Brien", startTime: local(2026, 11, 20, 15, 30) },
      { name: 'desk', from: '1003', callerName: 'Front desk', startTime: local(2026, 11, 24, 11, 0) },
    ]);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 3);

    const count = page.locator('.saved .count');
    const found = async (query: string) => {
      await search(page).fill('');
      await until(async () => (await count.textContent()) === '3 recordings');
      await search(page).fill(query);
      await until(async () => (await count.textContent())?.includes('of 3') ?? false);
      return names(rows);
    };
    expect(await found('kovacs')).toEqual(['Anna Kovács']);
    expect(await found('SIOBHAN')).toEqual(["Siobhán O'Brien"]);
    expect(await found('3611111111')).toEqual(['Anna Kovács']);
    expect(await found('20 79460018')).toEqual(["Siobhán O'Brien"]);
    // The date as its group's heading shows it (in the browser's language), and the time as the row shows it.
    await search(page).fill('');
    await until(async () => (await rows.count()) === 3);
    const heading = await page.locator('.day h3').filter({ hasText: /2026/ }).first().textContent();
    const time = (await rowOf(page, 'Anna').locator('.time').textContent()) ?? '';
    expect(time).toBe('09:05');
    expect(heading).toBeTruthy();
    expect(await found(heading ?? '')).toEqual(["Siobhán O'Brien"]);
    expect(await found(time)).toEqual(['Anna Kovács']);
    expect(await found('yesterday')).toEqual(['Front desk']);
    expect(errors).toEqual([]);
  });

  it('groups by day, newest first, with the pinned first always (not only while searching), marked by an icon', async () => {
    const folder = await library([
      { name: 'new', from: '1001', callerName: 'Newest', startTime: local(2026, 11, 25, 10) },
      { name: 'mid', from: '1002', callerName: 'Middle', startTime: local(2026, 11, 24, 10) },
      { name: 'old', from: '1003', callerName: 'Oldest', startTime: local(2026, 11, 10, 10), pinned: true },
    ]);
    const { page, rows } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 3);
    expect((await page.locator('.day h3').allTextContents()).map((t) => t.trim())).toEqual(['Pinned', 'Today', 'Yesterday']);
    expect(await names(rows)).toEqual(['Oldest', 'Newest', 'Middle']);
    const pinned = rowOf(page, 'Oldest').locator('.pin');
    await expect(pinned.locator('svg').count()).resolves.toBe(1);
    await expect(pinned.textContent()).resolves.toMatch(/^\s*Pinned$/); // words for screen readers, no emoji
    expect(await rows.first().textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('filters by today, yesterday, this week, a date range, pinned and with a note', async () => {
    const folder = await library([
      { name: 'today', callerName: 'Today call', startTime: local(2026, 11, 25, 9) },
      { name: 'yesterday', callerName: 'Yesterday call', startTime: local(2026, 11, 24, 9), note: 'send the offer' },
      { name: 'monday', callerName: 'Monday call', startTime: local(2026, 11, 23, 9), pinned: true },
      { name: 'lastweek', callerName: 'Last week call', startTime: local(2026, 11, 18, 9) },
    ]);
    const { page, rows } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 4);
    const shown = async () => (await names(rows)).map((t) => t.replace(/ call$/, ''));
    const when = page.getByLabel('When', { exact: true });
    await when.selectOption({ label: 'Today' });
    await until(async () => (await rows.count()) === 1);
    expect(await shown()).toEqual(['Today']);
    await when.selectOption({ label: 'Yesterday' });
    await until(async () => (await shown()).join() === 'Yesterday');
    await when.selectOption({ label: 'This week' }); // from Monday
    await until(async () => (await rows.count()) === 3);
    expect(await shown()).toEqual(['Monday', 'Today', 'Yesterday']);
    await when.selectOption({ label: 'Between dates…' });
    await page.getByLabel('From', { exact: true }).fill('2026-11-18');
    await page.getByLabel('To', { exact: true }).fill('2026-11-23');
    await until(async () => (await shown()).join() === 'Monday,Last week');
    await when.selectOption({ label: 'Any day' });
    await page.getByRole('button', { name: 'Pinned' }).click();
    await until(async () => (await shown()).join() === 'Monday');
    await page.getByRole('button', { name: 'Pinned' }).click();
    await page.getByRole('button', { name: 'With a note' }).click();
    await until(async () => (await shown()).join() === 'Yesterday');
    await expect(page.getByRole('button', { name: 'With a note' }).getAttribute('aria-pressed')).resolves.toBe('true');
  });
});

describe('the Recordings view: rows, keys, menu, selection, delete with Undo', () => {
  it('is one tab stop per row: arrows move, Enter plays, Shift+F10 opens the menu, Esc closes it, N edits the note', async () => {
    const folder = await library([
      { name: 'a', from: '1001', callerName: 'Alpha', startTime: local(2026, 11, 25, 11) },
      { name: 'b', from: '1002', callerName: 'Bravo', startTime: local(2026, 11, 25, 10) },
      { name: 'c', from: '1003', callerName: 'Charlie', startTime: local(2026, 11, 25, 9) },
    ]);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 3);
    // Into the list with Tab: the first row; one more Tab leaves the list (three rows, one tab stop).
    await page.getByRole('button', { name: 'With a note' }).focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate<string>(FOCUSED_ROW);
    expect(await focused()).toMatch(/^Alpha/);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatch(/^Alpha/);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^Bravo/);
    await expect(rowOf(page, 'Bravo').getAttribute('aria-selected')).resolves.toBe('true');

    await page.keyboard.press('Enter');
    await until(async () => ((await page.locator('.now-playing').textContent()) ?? '').startsWith('Bravo'));
    expect(await focused()).toMatch(/^Bravo/);

    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: /Actions for Bravo/ });
    await expect(menu.isVisible()).resolves.toBe(true);
    await expect(page.evaluate<string>('document.activeElement?.textContent?.trim()')).resolves.toMatch(/^Play/);
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate<string>('document.activeElement?.textContent?.trim()')).resolves.toMatch(/^Add a note/);
    await page.keyboard.press('Escape');
    await expect(menu.count()).resolves.toBe(0);
    expect(await focused()).toMatch(/^Bravo/);

    await page.keyboard.press('n');
    await page.keyboard.type('call back about the invoice');
    await page.keyboard.press('Enter');
    await until(async () => (await sidecarOf(folder, 'b')).note === 'call back about the invoice');
    expect(await focused()).toMatch(/^Bravo.*call back about the invoice/); // Enter in the note gave the focus back to the row
    await page.keyboard.press('p');
    await until(async () => (await sidecarOf(folder, 'b')).pinned);
    expect(await focused()).toMatch(/^Pinned Bravo/); // moved into the pinned group, the focus with it
    expect(errors).toEqual([]);
  });

  it('draws the first rows of a long list and more as it is scrolled, as ↓ goes past the last one, or as Show more is pressed', async () => {
    const folder = await library(
      Array.from({ length: 120 }, (_, i) => ({
        name: `r${i}`,
        from: `+36 1 234 ${String(1000 + i)}`,
        callerName: `Caller ${i}`,
        startTime: local(2026, 11, 24 - Math.floor(i / 20), 17, 59 - (i % 20)),
      })),
    );
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await page.locator('.saved .count').textContent()) === '120 recordings');
    await until(async () => (await rows.count()) === 50);
    const more = page.locator('.saved button.more');
    await expect(more.textContent()).resolves.toMatch(/Show 50 more \(70 not\s+shown\)/);

    // By keyboard: ↓ on the last row drawn goes to the next one, drawn for it (if coming near the end of the rows
    // has not drawn it already).
    await rowOf(page, 'Caller 49 ').click();
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 50 /);
    expect(await rows.count()).toBeGreaterThanOrEqual(100);

    // Scrolled to the end: the rest is drawn without a click.
    await page.locator('.views').evaluate((views) => {
      const box = views as unknown as { scrollTop: number; scrollHeight: number };
      box.scrollTop = box.scrollHeight;
    });
    await until(async () => (await rows.count()) === 120);
    await expect(more.count()).resolves.toBe(0);

    // Show more, pressed, draws the next rows and takes the focus to the first of them. From the top: a search
    // keeps the scroll, and at the end of the shorter list the rows would grow on their own before the focus comes.
    await page.locator('.views').evaluate((views) => {
      (views as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await search(page).fill('Caller');
    await until(async () => (await page.locator('.saved .count').textContent()) === '120 recordings of 120');
    await until(async () => (await rows.count()) === 50);
    // Tab's focus brings it into view without drawing rows under it (two frames and the observer's task after them).
    await more.focus();
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done))))');
    expect(await rows.count()).toBe(50);
    await page.keyboard.press('Enter');
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 50 /);
    expect(await rows.count()).toBe(100);
    expect(errors).toEqual([]);
  });

  it('goes with End to the last recording of a long result, not of the rows drawn; Shift+End and Ctrl+A select the whole result', async () => {
    const folder = await library(
      Array.from({ length: 180 }, (_, i) => ({
        name: `r${i}`,
        from: `+36 1 234 ${String(1000 + i)}`,
        callerName: `Caller ${i}`,
        startTime: local(2026, 11, 24 - Math.floor(i / 30), 17, 59 - (i % 30)),
      })),
    );
    const { page, rows, errors } = await openRecordings(folder);
    const bar = page.getByRole('toolbar', { name: 'Selected recordings' });
    const inView = () =>
      page.evaluate<boolean>(`(() => {
        const row = document.activeElement?.closest('[role=row]');
        const views = document.querySelector('.views');
        if (!row || !views) return false;
        const [r, v] = [row.getBoundingClientRect(), views.getBoundingClientRect()];
        return r.top >= v.top && r.bottom <= v.bottom;
      })()`);
    await search(page).fill('Caller');
    await until(async () => (await page.locator('.saved .count').textContent()) === '180 recordings of 180');
    await until(async () => (await rows.count()) === 50);

    // Ctrl+A: every result, not only the 50 drawn, and nothing more is drawn for it.
    await rowOf(page, 'Caller 0 ').click();
    await page.keyboard.press('Control+a');
    await expect(bar.textContent()).resolves.toContain('180 recordings selected');
    expect(await rows.count()).toBe(50);
    await page.keyboard.press('Escape');
    await expect(bar.count()).resolves.toBe(0);

    // End: the last of the 180, drawn and in sight; Home back to the first.
    await page.keyboard.press('End');
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 179 /);
    await expect(rowOf(page, 'Caller 179 ').getAttribute('aria-selected')).resolves.toBe('true');
    expect(await rows.count()).toBe(180);
    await until(inView);
    await page.keyboard.press('Home');
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 0 /);

    // Shift+End from the first, after a new search drew the first 50 again: all of the result is selected.
    await search(page).fill('Caller ');
    await until(async () => (await rows.count()) === 50);
    await rowOf(page, 'Caller 0 ').click();
    await page.keyboard.press('Shift+End');
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 179 /);
    await expect(bar.textContent()).resolves.toContain('180 recordings selected');
    await until(inView);
    expect(errors).toEqual([]);
  });

  it('deletes with no native confirm: the row goes, Undo in the toast brings it back, and the file moves to the trash only when the time is up', async () => {
    const clock = new FakeClock();
    const folder = await library([
      { name: 'a', from: '1001', callerName: 'Alpha', startTime: local(2026, 11, 25, 11) },
      { name: 'b', from: '1002', callerName: 'Bravo', startTime: local(2026, 11, 25, 10) },
    ]);
    const { page, rows, errors } = await openRecordings(folder, { clock });
    await until(async () => (await rows.count()) === 2);
    await rowOf(page, 'Alpha').click();
    await page.keyboard.press('Delete');
    await until(async () => (await rows.count()) === 1);
    const toast = page.locator('.toast');
    await expect(toast.textContent()).resolves.toContain('The recording of Alpha 1001 → 1001 was moved to the trash.');
    expect(await page.evaluate<string>(FOCUSED_ROW)).toContain('Bravo'); // the focus went to the next row
    await toast.getByRole('button', { name: 'Undo' }).click();
    await until(async () => (await rows.count()) === 2);
    clock.advance(HOLD_MS * 2);
    expect((await readdir(folder)).filter((n) => n.startsWith('a.'))).toEqual(['a.json', 'a.wav']);

    await rowOf(page, 'Alpha').locator('.cell-more button').click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await until(async () => (await rows.count()) === 1);
    expect((await readdir(folder)).filter((n) => n.startsWith('a.'))).toEqual(['a.json', 'a.wav']); // held: Undo may still come
    clock.advance(HOLD_MS);
    await until(async () => (await trashedFiles(folder)).length === 2);
    expect((await readdir(folder)).filter((n) => n.startsWith('a.'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('two deletes: the newest toast is nearest, each Undo brings back what its toast names, Ctrl+Z undoes the latest', async () => {
    const folder = await library([
      { name: 'a', from: '1001', callerName: 'Alpha', startTime: local(2026, 11, 25, 11) },
      { name: 'b', from: '1002', callerName: 'Bravo', startTime: local(2026, 11, 25, 10) },
      { name: 'c', from: '1003', callerName: 'Charlie', startTime: local(2026, 11, 25, 9) },
    ]);
    const { page, rows, errors } = await openRecordings(folder, { clock: new FakeClock() });
    await until(async () => (await rows.count()) === 3);
    await rowOf(page, 'Alpha').click();
    await page.keyboard.press('Delete');
    await until(async () => (await names(rows)).join() === 'Bravo,Charlie');
    await page.locator('.toast').hover(); // the toasts stay while the pointer is on them, however slow this machine is
    await page.keyboard.press('Delete'); // the focus moved on to Bravo
    await until(async () => (await names(rows)).join() === 'Charlie');
    const toasts = page.locator('.toast');
    await until(async () => (await toasts.count()) === 2);
    const alpha = toasts.filter({ hasText: 'Alpha' });
    const bravo = toasts.filter({ hasText: 'Bravo' });
    await expect(toasts.first().textContent()).resolves.toContain('Bravo'); // the first the Tab key reaches
    const [alphaBox, bravoBox] = [await alpha.boundingBox(), await bravo.boundingBox()];
    expect(bravoBox && alphaBox && bravoBox.y > alphaBox.y).toBe(true); // the newest nearest the bottom edge

    await alpha.getByRole('button', { name: 'Undo' }).click(); // the older toast: Alpha comes back, only Alpha
    await until(async () => (await names(rows)).join() === 'Alpha,Charlie');
    await rowOf(page, 'Charlie').click();
    await page.keyboard.press('Control+z'); // the latest delete left: Bravo
    await until(async () => (await names(rows)).join() === 'Alpha,Bravo,Charlie');
    await until(async () => (await toasts.count()) === 0);
    await page.keyboard.press('Control+z'); // nothing left to undo: nothing changes
    await expect(names(rows)).resolves.toEqual(['Alpha', 'Bravo', 'Charlie']);
    await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('selects several with Shift- and Ctrl-click and Ctrl+A, and pins or deletes them together', async () => {
    const folder = await library(
      ['a', 'b', 'c', 'd'].map((name, i) => ({ name, from: `100${i}`, callerName: `Caller ${name.toUpperCase()}`, startTime: local(2026, 11, 25, 12 - i) })),
    );
    const { page, rows } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 4);
    const firstTop = () => rows.first().evaluate((row) => (row as unknown as Box).getBoundingClientRect().top);
    const before = await firstTop();
    await rowOf(page, 'Caller A').click();
    await rowOf(page, 'Caller C').click({ modifiers: ['Shift'] });
    const bar = page.getByRole('toolbar', { name: 'Selected recordings' });
    await expect(bar.textContent()).resolves.toContain('3 recordings selected');
    // The bar came without moving the list: the first row is where it was.
    expect(await firstTop()).toBe(before);
    const barBox = await bar.boundingBox();
    expect(barBox && barBox.y + barBox.height <= (page.viewportSize()?.height ?? 0)).toBe(true);
    await rowOf(page, 'Caller B').click({ modifiers: ['Control'] });
    await expect(bar.textContent()).resolves.toContain('2 recordings selected');
    await bar.getByRole('button', { name: 'Pin' }).click();
    await until(async () => (await sidecarOf(folder, 'a')).pinned && (await sidecarOf(folder, 'c')).pinned);
    expect((await sidecarOf(folder, 'b')).pinned).toBe(false);

    await rowOf(page, 'Caller D').click();
    await page.keyboard.press('Control+a');
    await expect(bar.textContent()).resolves.toContain('4 recordings selected');
    await bar.getByRole('button', { name: 'Delete' }).click();
    await until(async () => (await rows.count()) === 0);
    await expect(page.locator('.toast').textContent()).resolves.toContain('4 recordings were moved to the trash.');
  });
});

describe('the Recordings view: the player', () => {
  it('plays outside the list; Space, arrows and the speed; the part removed at pause is marked where the kept parts join', async () => {
    // 6 s saved: 2 s kept, 10 s paused (removed), then 4 s kept.
    const folder = await library([
      {
        name: 'paused',
        from: '1001',
        callerName: 'Paused call',
        startTime: local(2026, 11, 25, 9),
        durationSeconds: 6,
        keptSegments: [{ startMs: 0, endMs: 2000 }, { startMs: 12_000 }],
      },
    ]);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 1);
    await rows.first().click();
    await page.keyboard.press('Enter');
    const audio = page.locator('.player audio');
    await until(async () => (await audio.evaluate((a) => (a as unknown as Media).currentTime)) > 0);
    const mark = page.locator('.player .mark');
    await expect(mark.count()).resolves.toBe(1);
    const left = await mark.evaluate((m) => parseFloat((m as unknown as { style: { left: string } }).style.left));
    expect(left).toBeCloseTo((2 / 6) * 100, 1);
    await expect(mark.getAttribute('title')).resolves.toBe(
      'At 00:02: 00:10 paused here was removed from the saved file, so the call jumps ahead at this point.',
    );

    await page.keyboard.press(' ');
    await until(() => audio.evaluate((a) => (a as unknown as Media).paused));
    await expect(page.getByRole('button', { name: 'Play', exact: true }).count()).resolves.toBe(1);
    const at = await audio.evaluate((a) => (a as unknown as Media).currentTime);
    await page.keyboard.press('ArrowRight');
    await until(async () => (await audio.evaluate((a) => (a as unknown as Media).currentTime)) >= Math.min(6, at + 4.9));
    await page.keyboard.press('ArrowLeft');
    await until(async () => (await audio.evaluate((a) => (a as unknown as Media).currentTime)) <= Math.max(0, at + 0.1));
    await page.getByLabel('Speed', { exact: true }).selectOption('1.5');
    await expect(audio.evaluate((a) => (a as unknown as Media).playbackRate)).resolves.toBe(1.5);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await until(async () => !(await audio.evaluate((a) => (a as unknown as Media).paused)));
    expect(errors).toEqual([]);
  });

  it('before a recording is chosen, Play shows as unavailable and says why; once one is chosen it looks and acts as the main action', async () => {
    const folder = await library([{ name: 'call', from: '1001', callerName: 'Chosen call', startTime: local(2026, 11, 25, 9), durationSeconds: 20 }]);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 1);
    const play = page.locator('.player button.play');
    const look = () =>
      play.evaluate((button) => {
        const win = globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string; backgroundColor: string; cursor: string } };
        const style = win.getComputedStyle(button);
        return { opacity: style.opacity, background: style.backgroundColor, cursor: style.cursor };
      });
    // The accent colour of the theme shown, as the browser computes it.
    const accent = () =>
      page.evaluate<string>(
        "(() => { const probe = document.createElement('i'); probe.style.color = 'var(--accent)'; document.body.append(probe); const c = getComputedStyle(probe).color; probe.remove(); return c; })()",
      );
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expect(play.getAttribute('aria-disabled')).resolves.toBe('true');
      await expect(play.getAttribute('title')).resolves.toBe('Choose a recording to play');
      const unavailable = await look();
      expect(Number(unavailable.opacity)).toBeLessThan(1);
      expect(unavailable.cursor).toBe('default');
      expect(unavailable.background).not.toBe(await accent());
      await expectAccessible(page, `nothing to play (${colorScheme})`);
    }
    // It keeps its place in the Tab order; pressed anyway, it says why and plays nothing.
    await play.focus();
    await page.keyboard.press('Enter');
    await until(async () => (await page.locator('#announcer').textContent()) === 'Choose a recording to play.');
    await expect(page.locator('.player audio').evaluate((a) => (a as unknown as Media).paused)).resolves.toBe(true);

    await rows.first().click();
    await page.keyboard.press('Enter');
    await until(async () => (await play.getAttribute('aria-disabled')) === null);
    await expect(play.getAttribute('title')).resolves.toBe('Pause (Space)');
    const available = await look();
    expect(Number(available.opacity)).toBe(1);
    expect(available.background).toBe(await accent());
    expect(errors).toEqual([]);
  });

  it('after a click on the seek bar, Space still plays and pauses and the arrows still move 5 s', async () => {
    const folder = await library([{ name: 'long', from: '1001', callerName: 'Long call', startTime: local(2026, 11, 25, 9), durationSeconds: 20 }]);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 1);
    await rows.first().click();
    await page.keyboard.press('Enter');
    const audio = page.locator('.player audio');
    const media = () => audio.evaluate((a) => ({ currentTime: (a as unknown as Media).currentTime, paused: (a as unknown as Media).paused }));
    await until(async () => (await media()).currentTime > 0);
    const seek = page.getByRole('slider', { name: 'Position' });
    const bar = await seek.boundingBox();
    if (!bar) throw new Error('The seek bar is not shown');
    await page.mouse.click(bar.x + bar.width / 2, bar.y + bar.height / 2); // to about 10 s, the focus on the bar
    await expect(page.evaluate<string>('document.activeElement.getAttribute("aria-label")')).resolves.toBe('Position');
    await page.keyboard.press(' ');
    await until(async () => (await media()).paused);
    const at = (await media()).currentTime;
    expect(at).toBeGreaterThan(5);
    await page.keyboard.press('ArrowLeft');
    await until(async () => (await media()).currentTime <= at - 4.9);
    await page.keyboard.press('ArrowRight');
    await until(async () => (await media()).currentTime >= at - 0.1);
    await page.keyboard.press(' ');
    await until(async () => !(await media()).paused);
    expect(errors).toEqual([]);
  });

  it('a note added and a recording saved in the background patch the list: the player plays on, the focus and the scroll stay', async () => {
    const pbxClock = new FakeClock();
    const pbx = await startDemoPbx({ clock: pbxClock });
    const folder = await library(
      Array.from({ length: 40 }, (_, i) => ({
        name: `r${i}`,
        from: `+36 1 234 ${String(1000 + i)}`,
        callerName: `Caller ${i}`,
        startTime: local(2026, 11, 20 - Math.floor(i / 10), 17 - (i % 10)),
        durationSeconds: i === 0 ? 30 : 1,
      })),
    );
    const browser = await launchBrowser();
    const { page, preview, errors } = await openPreview(browser, { pbxUrl: pbx.url, folder, viewport: { width: 800, height: 600 } });
    await page.getByRole('tab', { name: 'Recordings' }).click();
    const rows = page.locator('.saved [role=row]');
    await until(async () => (await rows.count()) === 40);

    await rowOf(page, 'Caller 0 ').locator('.cell-play button').click();
    const audio = page.locator('.player audio');
    await until(async () => (await audio.evaluate((a) => (a as unknown as Media).currentTime)) > 0.2);
    await audio.evaluate(MARK);

    // Down the list: Caller 25's row, a note typed and saved with Enter.
    const target = rowOf(page, 'Caller 25 ');
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await target.evaluate(MARK);
    const top = () => target.evaluate((row) => (row as unknown as Box).getBoundingClientRect().top);
    const before = await top();
    await page.keyboard.press('n');
    await page.keyboard.type('wants a quote');
    await page.keyboard.press('Enter');
    await until(async () => (await sidecarOf(folder, 'r25')).note === 'wants a quote');

    // A call recorded and saved in the background: a new row at the top of Today.
    const callId = pbx.addCall({ source: '+36 30 999 8888', destination: '1001', callerId: 'New Caller', state: 'InCall' });
    await until(() => preview.host.service.state().calls.some((c) => c.callId === callId));
    const toggled = await preview.host.service.toggle(callId);
    expect(toggled.ok).toBe(true);
    pbxClock.advance(1000);
    await pbx.endCall(callId);
    // Held back while the focus is in the list: the count says what is shown and what waits.
    await until(async () => (await page.locator('.saved .count').textContent()) === '40 shown · 1 new');

    // Nothing was rebuilt: the same player still playing, the same row with the focus, at the same place.
    expect(await audio.evaluate((a) => (a as unknown as Media & { survivor?: boolean }).survivor === true && !(a as unknown as Media).paused)).toBe(true);
    expect(await page.evaluate<boolean>("document.activeElement?.survivor === true && document.activeElement.matches('[role=row]')")).toBe(true);
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 25 /);
    expect(Math.abs((await top()) - before)).toBeLessThan(1);
    // The new recording takes its place once the focus and the pointer leave the list; the player plays on.
    await page.keyboard.press('Control+f');
    await page.mouse.move(1, 1);
    await until(async () => (await rows.count()) === 41);
    await expect(rows.first().textContent()).resolves.toContain('New Caller');
    expect(await audio.evaluate((a) => (a as unknown as Media & { survivor?: boolean }).survivor === true && !(a as unknown as Media).paused)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a recording saved while a note is typed waits: the row does not move, the text stays; it is listed once the user leaves the list', async () => {
    const pbxClock = new FakeClock();
    const pbx = await startDemoPbx({ clock: pbxClock });
    const folder = await library(
      Array.from({ length: 6 }, (_, i) => ({
        name: `r${i}`,
        from: `+36 1 234 ${String(1000 + i)}`,
        callerName: `Caller ${i}`,
        startTime: local(2026, 11, 20, 17 - i),
      })),
    );
    const browser = await launchBrowser();
    const { page, preview, errors } = await openPreview(browser, { pbxUrl: pbx.url, folder });
    await page.getByRole('tab', { name: 'Recordings' }).click();
    const rows = page.locator('.saved [role=row]');
    await until(async () => (await rows.count()) === 6);

    // The second row, near the top (the page is not scrolled: nothing anchors it), its note being typed.
    const target = rowOf(page, 'Caller 1 ');
    await target.click();
    await page.keyboard.press('n');
    await page.keyboard.type('calls back at');
    const box = () => target.boundingBox();
    const before = await box();
    expect(await page.evaluate<number>('document.scrollingElement.scrollTop + document.querySelector(".views").scrollTop')).toBe(0);

    // A call recorded and saved in the background: it is newer than every row, its place is at the top.
    const callId = pbx.addCall({ source: '+36 30 999 8888', destination: '1001', callerId: 'New Caller', state: 'InCall' });
    await until(() => preview.host.service.state().calls.some((c) => c.callId === callId));
    expect((await preview.host.service.toggle(callId)).ok).toBe(true);
    pbxClock.advance(1000);
    await pbx.endCall(callId);
    await until(async () => (await page.locator('.saved .count').textContent()) === '6 shown · 1 new');

    expect(await box()).toEqual(before);
    const note = target.locator('.note-input');
    await expect(note.evaluate((input) => (input as unknown as { value: string }).value)).resolves.toBe('calls back at');
    await expect(page.evaluate<boolean>("document.activeElement?.matches('.note-input') ?? false")).resolves.toBe(true);
    await page.keyboard.type(' three');
    await page.keyboard.press('Enter');
    await until(async () => (await sidecarOf(folder, 'r1')).note === 'calls back at three');
    // The note saved, the focus back on its row: the list is still held.
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 1 /);
    expect((await box())?.y).toBe(before?.y);
    expect(await rows.count()).toBe(6);

    // The user leaves the list (the focus to the search, the pointer away): the new recording takes its place.
    await page.keyboard.press('Control+f');
    await page.mouse.move(1, 1);
    await until(async () => (await rows.count()) === 7);
    await expect(rows.first().textContent()).resolves.toContain('New Caller');
    await expect(target.locator('.note-text').textContent()).resolves.toContain('calls back at three');
    expect(errors).toEqual([]);
  });
});

describe('the Recordings view: on their way', () => {
  it('shows a failure in plain words with the detail behind Details; a focused Retry survives the updates; Dismiss clears it', async () => {
    const pbx = await startDemoPbx({ faults: { recordUrlStyle: 'foreign-host' } });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    pbx.addCall({ source: '1003', destination: '1002', callerId: 'Still talking', state: 'InCall' }); // its talk time changes every poll
    const browser = await launchBrowser();
    const { page, preview } = await openPreview(browser, { pbxUrl: pbx.url });
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await until(() => preview.host.service.state().calls.length === 2);
    expect((await preview.host.service.toggle(callId)).ok).toBe(true);
    await pbx.endCall(callId);
    const row = page.locator('.in-flight-item').filter({ hasText: 'Kovács Zoltán' });
    await until(async () => (await row.getByRole('button', { name: /^Retry/ }).count()) === 1);
    await expect(row.locator('.reason').textContent()).resolves.toContain('The file was not accepted');
    const details = row.locator('details');
    await expect(details.getAttribute('open')).resolves.toBeNull();
    await details.locator('summary').click();
    await expect(details.locator('p').textContent()).resolves.toMatch(/\S/);

    const retry = row.getByRole('button', { name: /^Retry/ });
    await retry.focus();
    await retry.evaluate(MARK);
    // Three updates from main (the other call's talk time moves on), then the same button still has the focus.
    const updates = await page.evaluate<number>(
      "new Promise((resolve) => { let seen = 0; window.recorder.on('stateChanged', () => { if (++seen === 3) resolve(seen); }); })",
    );
    expect(updates).toBe(3);
    expect(await page.evaluate<boolean>('document.activeElement?.survivor === true')).toBe(true);

    await row.getByRole('button', { name: /^Dismiss/ }).click();
    await until(async () => (await row.count()) === 0);
  });
});

describe('the Recordings view: announced after the call ended', () => {
  it('says a recording whose call ended before its announcement finished is waiting for it, then that it was saved', async () => {
    const pbxClock = new FakeClock(); // the PBX answers the announcement only when the test moves its clock
    const pbx = await startDemoPbx({ clock: pbxClock, faults: { announceAnswerDelayMs: 3000 } });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    const browser = await launchBrowser();
    // The PBX's answer is held on its clock; the client's deadline runs in real time.
    const { page, preview, errors } = await openPreview(browser, { pbxUrl: pbx.url, pbxTimeoutMs: 120_000, viewport: { width: 420, height: 640 } });
    await page.evaluate(
      `window.recorder.saveSettings(${JSON.stringify({ announce: 'text', announceText: 'This call is recorded.', announceOrder: 'record-first' })})`,
    );
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await until(() => preview.host.service.state().calls.length === 1 && preview.host.service.state().announce.mode === 'text');
    const toggled = preview.host.service.toggle(callId);
    await commandsReceived(pbx, 'Speak', 1); // recording, and the PBX is saying the announcement
    pbxClock.advance(2000);
    await pbx.endCall(callId); // the call ends before the PBX says the announcement is done

    const row = page.locator('.in-flight-item').filter({ hasText: 'Kovács Zoltán' });
    await until(
      async () => (await row.count()) === 1 && (await row.locator('.reason').textContent())?.trim() === 'Call ended — waiting for the announcement to finish',
    );
    await expect(row.getByRole('button').count()).resolves.toBe(0); // nothing to retry or dismiss: it goes on by itself
    await expectNoSidewaysScroll(page, 'waiting for the announcement at 420×640');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectAccessible(page, `waiting for the announcement, ${colorScheme}`);
    }

    pbxClock.advance(3000); // 3 s after the PBX took the announcement (before or after the first move): done, and the recording is saved
    await toggled; // what it answers is for the toggle's caller: the call it was for has ended
    await until(async () => (await row.count()) === 0);
    await until(async () => (await page.locator('#announcer').textContent()) === 'Recording of Kovács Zoltán +36 1 234 5678 saved.');
    await until(async () => (await page.locator('.saved [role=row]').count()) === 1);
    expect(errors).toEqual([]);
  });
});

describe('the Recordings view: Save a copy as…, the companion size, both themes', () => {
  it('Save a copy as… downloads the file in the preview, byte for byte', async () => {
    const folder = await library([{ name: 'call', from: '1001', callerName: 'Copy me', startTime: local(2026, 11, 25, 9) }]);
    const { page, rows } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 1);
    await rows.first().locator('.cell-more button').click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Save a copy as…' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('call.wav');
    const saved = join(await tempDir('e2e-download-'), 'call.wav');
    await file.saveAs(saved);
    expect(await fileSha256(saved)).toBe(await fileSha256(join(folder, 'call.wav')));
  });

  for (const colorScheme of ['light', 'dark'] as const)
    it(`at 420×640 (${colorScheme}): no sideways scroll, every control visible, a long name ellipsized but never its number`, async () => {
      const folder = await library([
        {
          name: 'long',
          from: '+36 1 234 5678',
          to: '1001',
          callerName: 'Müller & Söhne Gebäudereinigung und Hausmeisterdienste GmbH',
          startTime: local(2026, 11, 25, 9),
          note: 'A long note about what the caller wanted, which goes on and on beyond the width of the window',
        },
        { name: 'pinned', from: '1003', callerName: 'Front desk', startTime: local(2026, 11, 24, 9), pinned: true },
        {
          name: 'outgoing',
          from: '+36 1 234 5679',
          to: '+36 30 555 0199',
          callerName: 'Kovácsné Szabó Erzsébet Margit, Budapesti Ügyfélszolgálat',
          startTime: local(2026, 11, 25, 8),
          pinned: true,
        },
      ]);
      const { page, rows } = await openRecordings(folder, { viewport: { width: 420, height: 640 }, colorScheme });
      await until(async () => (await rows.count()) === 3);
      await rows.first().click();
      await page.keyboard.press('Enter');
      const widths = await page.evaluate<{ page: number; views: number }>(
        "({ page: document.documentElement.scrollWidth, views: document.querySelector('.views')?.scrollWidth ?? 0 })",
      );
      expect(widths.page).toBeLessThanOrEqual(420);
      expect(widths.views).toBeLessThanOrEqual(420);
      const row = rowOf(page, 'Müller');
      const inside = async (locator: Locator) => {
        const box = await locator.boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= 420 && box.width > 0;
      };
      for (const control of [
        row.locator('.cell-play button'),
        row.locator('.cell-more button'),
        page.getByRole('button', { name: 'Pinned' }),
        page.getByRole('button', { name: 'With a note' }),
        page.getByLabel('When', { exact: true }),
        page.getByLabel('Speed', { exact: true }),
        page.getByRole('button', { name: 'Forward 5 seconds' }),
        page.getByLabel('Position', { exact: true }),
      ])
        expect(await inside(control)).toBe(true);
      const name = row.locator('.name');
      expect(await name.evaluate((n) => (n as unknown as Box).scrollWidth > (n as unknown as Box).clientWidth)).toBe(true); // ellipsized
      // The name gives way; the number and the destination are read whole, inside their cell, on every row.
      for (const [who, to] of [
        ['Müller', '→ 1001'],
        ['Kovácsné', '→ +36 30 555 0199'],
      ] as const) {
        const each = rowOf(page, who);
        expect(await each.locator('.name').evaluate((n) => (n as unknown as Box).scrollWidth > (n as unknown as Box).clientWidth)).toBe(true);
        const cell = await each.locator('.cell-who').boundingBox();
        for (const part of [each.locator('.number'), each.locator('.to')]) {
          expect(await part.evaluate((n) => (n as unknown as Box).scrollWidth <= (n as unknown as Box).clientWidth), who).toBe(true);
          const box = await part.boundingBox();
          expect(box && cell && box.x + box.width <= cell.x + cell.width + 0.5, who).toBe(true);
          expect(await inside(part)).toBe(true);
        }
        await expect(each.locator('.to').textContent()).resolves.toBe(to);
      }
      await page.screenshot({ path: join(SCREENSHOTS, `recordings-420-${colorScheme}.png`) });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: join(SCREENSHOTS, `recordings-1280-${colorScheme}.png`) });
    });

  it('passes axe-core and fits at 1280×800 and 420×640, light and dark: a failed recording on its way, one playing, a note, a pin, the menu open', async () => {
    const pbx = await startDemoPbx({ faults: { recordUrlStyle: 'foreign-host' } });
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    const folder = await library([
      {
        name: 'long',
        from: '+36 1 234 5678',
        callerName: 'Müller & Söhne Gebäudereinigung und Hausmeisterdienste GmbH',
        startTime: local(2026, 11, 25, 9),
        note: 'Wants a quote for the second floor',
        durationSeconds: 6,
        keptSegments: [{ startMs: 0, endMs: 2000 }, { startMs: 12_000 }],
      },
      { name: 'pinned', from: '1003', callerName: 'Front desk', startTime: local(2026, 11, 24, 9), pinned: true },
      { name: 'old', from: '06 30 123 4567', startTime: local(2026, 11, 2, 14, 30) },
    ]);
    const browser = await launchBrowser();
    const { page, preview, errors } = await openPreview(browser, { pbxUrl: pbx.url, folder, beforeLoad: (p) => p.clock.setFixedTime(TODAY) });
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await until(() => preview.host.service.state().calls.length === 1);
    expect((await preview.host.service.toggle(callId)).ok).toBe(true);
    await pbx.endCall(callId);
    await until(
      async () =>
        (await page
          .locator('.in-flight-item')
          .getByRole('button', { name: /^Retry/ })
          .count()) === 1,
    );
    const rows = page.locator('.saved [role=row]');
    await rows.first().click();
    await page.keyboard.press('Enter');
    await page.locator('.in-flight details summary').click();
    await screenshotViews(page, 'recordings', { accessible: true, noSidewaysScroll: true });
    await rowOf(page, 'Müller').locator('.cell-more button').click();
    await screenshotViews(page, 'recordings-menu', { accessible: true, noSidewaysScroll: true });
    expect(errors).toEqual([]);
  });
});

describe("the Recordings view: what a receptionist's trial found", () => {
  it('a recording saved while the focus is in the list is offered on a line that moves no row, said once; Show lists it, the focus stays on its row', async () => {
    const pbxClock = new FakeClock();
    const pbx = await startDemoPbx({ clock: pbxClock });
    const folder = await library(
      Array.from({ length: 6 }, (_, i) => ({
        name: `r${i}`,
        from: `+36 1 234 ${String(1000 + i)}`,
        callerName: `Caller ${i}`,
        startTime: local(2026, 11, 20, 17 - i),
      })),
    );
    const browser = await launchBrowser();
    const { page, preview, errors } = await openPreview(browser, { pbxUrl: pbx.url, folder, viewport: { width: 800, height: 600 } });
    await page.getByRole('tab', { name: 'Recordings' }).click();
    const rows = page.locator('.saved [role=row]');
    const count = page.locator('.saved .count');
    await until(async () => (await rows.count()) === 6);
    // Every sentence the announcer says, in order.
    await page.evaluate(
      "window.__said = []; new MutationObserver(() => { const t = document.getElementById('announcer')?.textContent; if (t) window.__said.push(t); }).observe(document.getElementById('announcer'), { childList: true, characterData: true, subtree: true })",
    );

    // Keyboard only: into the list with Tab, down to the third row.
    await page.getByRole('button', { name: 'With a note' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 2 /);
    const tops = () => rows.evaluateAll((all) => all.map((row) => Math.round((row as unknown as Box).getBoundingClientRect().top)));
    const before = await tops();

    const callId = pbx.addCall({ source: '+36 30 999 8888', destination: '1001', callerId: 'New Caller', state: 'InCall' });
    await until(() => preview.host.service.state().calls.some((c) => c.callId === callId));
    expect((await preview.host.service.toggle(callId)).ok).toBe(true);
    pbxClock.advance(1000);
    await pbx.endCall(callId);

    // Held back, and said so: the count says what is shown, the line offers it, the rows stay where they were.
    const show = page.getByRole('button', { name: /^1 new recording\s*—\s*Show$/ });
    await until(async () => (await count.textContent()) === '6 shown · 1 new');
    await expect(show.isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'recordings-new-held-back.png') });
    expect(await rows.count()).toBe(6);
    expect(await tops()).toEqual(before);
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 2 /);
    const offered = '1 new recording saved. Show, at the top of the list, adds it.';
    await until(async () => (await page.evaluate<string[]>('window.__said')).some((t) => t.includes(offered)));

    // Reached by keyboard (Shift+Tab from the row), pressed: the new row takes its place, the focus stays on Caller 2.
    await page.keyboard.press('Shift+Tab');
    await expect(page.evaluate<string>('document.activeElement?.textContent?.replace(/\\s+/g, " ").trim()')).resolves.toBe('1 new recording — Show');
    expect(await tops()).toEqual(before);
    await page.keyboard.press('Enter');
    await until(async () => (await rows.count()) === 7);
    await expect(rows.first().textContent()).resolves.toContain('New Caller');
    await expect(page.evaluate<string>(FOCUSED_ROW)).resolves.toMatch(/^Caller 2 /);
    await expect(count.textContent()).resolves.toBe('7 recordings');
    await expect(show.count()).resolves.toBe(0);
    // Said once, however often the list was drawn while it waited.
    expect((await page.evaluate<string[]>('window.__said')).filter((t) => t.includes(offered))).toHaveLength(1);
    await expectAccessible(page, 'after a held-back recording was shown');
    expect(errors).toEqual([]);
  });

  it('searches a date as it is typed: "October 26" and 26/10 find the day, not every date of 2026; a number without its spaces still matches', async () => {
    const folder = await library([
      { name: 'a', from: '+36 1 234 5678', callerName: 'Anna', startTime: local(2026, 10, 26, 9) },
      { name: 'b', from: '+36 30 222 6226', callerName: 'Béla', startTime: local(2026, 10, 25, 15, 26) },
      { name: 'c', from: '1003', callerName: 'Cecil', startTime: local(2026, 10, 20, 10) },
      { name: 'd', from: '1004', callerName: 'Dóra', startTime: local(2026, 11, 24, 10) },
    ]);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 4);
    const count = page.locator('.saved .count');
    const found = async (query: string) => {
      await search(page).fill('');
      await until(async () => (await count.textContent()) === '4 recordings');
      await search(page).fill(query);
      await until(async () => /of 4|No recording/.test((await count.textContent()) ?? ''));
      return (await names(rows)).sort();
    };
    // The month as the heading writes it, in the browser's language.
    const october = await page.evaluate<string>("new Intl.DateTimeFormat(undefined, { month: 'long' }).format(new Date(2026, 9, 26))");
    expect(await found(`${october} 26`)).toEqual(['Anna']);
    for (const typed of ['26/10', '26.10.', '10/26', '2026-10-26', '26/10/2026']) expect(await found(typed), typed).toEqual(['Anna']);
    expect(await found(october.slice(0, 3))).toEqual(['Anna', 'Béla', 'Cecil']);
    expect(await found('15:26')).toEqual(['Béla']);
    expect(await found('3612345678')).toEqual(['Anna']);
    expect(await found('+3612345678')).toEqual(['Anna']);
    expect(await found('2226226')).toEqual(['Béla']);
    expect(errors).toEqual([]);
  });

  it('a pinned row says its day beside its time; a row under its own day does not', async () => {
    const folder = await library([
      { name: 'old', from: '06301234567', to: '1002', startTime: local(2026, 11, 10, 23, 14), pinned: true },
      { name: 'today', from: '1003', callerName: 'Pinned today', startTime: local(2026, 11, 25, 9, 30), pinned: true },
      { name: 'plain', from: '1004', callerName: 'Plain', startTime: local(2026, 11, 24, 8) },
    ]);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 3);
    const day = await page.evaluate<string>(
      "new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(2026, 10, 10))",
    );
    const when = async (text: string) => ((await rowOf(page, text).locator('.cell-when .time').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    await expect(when('06301234567')).resolves.toBe(`${day} 23:14`);
    await expect(when('Pinned today')).resolves.toBe('Today 09:30');
    await expect(when('Plain')).resolves.toBe('08:00');
    await expectNoSidewaysScroll(page, 'pinned rows with their day');
    expect(errors).toEqual([]);
  });

  it('on their way at 420×640: a long name gives way, the number and the destination are read whole', async () => {
    const pbx = await startDemoPbx({ faults: { recordUrlStyle: 'foreign-host' } });
    const long = 'Müller & Söhne GmbH Budapest Branch Office and Warehouse';
    const other = pbx.addCall({ source: '+49 89 1234 5678', destination: '1001', callerId: long, state: 'InCall' });
    const failing = pbx.addCall({ source: '+36 1 234 5678', destination: '1002', callerId: `${long} Two`, state: 'InCall' });
    const browser = await launchBrowser();
    const { page, preview, errors } = await openPreview(browser, { pbxUrl: pbx.url, viewport: { width: 420, height: 640 } });
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await until(() => preview.host.service.state().calls.length === 2);
    expect((await preview.host.service.toggle(other)).ok).toBe(true);
    expect((await preview.host.service.toggle(failing)).ok).toBe(true);
    await pbx.endCall(failing);
    const items = page.locator('.in-flight-item');
    await pbx.endCall(other);
    await until(async () => (await items.getByRole('button', { name: /^Retry/ }).count()) === 2);
    for (const [i, [number, to]] of [
      ['+49 89 1234 5678', '→ 1001'],
      ['+36 1 234 5678', '→ 1002'],
    ].entries()) {
      const item = items.filter({ hasText: number });
      const label = `item ${i}`;
      expect(await item.locator('.name').evaluate((n) => (n as unknown as Box).scrollWidth > (n as unknown as Box).clientWidth), label).toBe(true);
      await expect(item.locator('.number').textContent()).resolves.toBe(number);
      await expect(item.locator('.to').textContent()).resolves.toBe(to);
      const box = await item.boundingBox();
      for (const part of [item.locator('.number'), item.locator('.to')]) {
        expect(await part.evaluate((n) => (n as unknown as Box).scrollWidth <= (n as unknown as Box).clientWidth), label).toBe(true);
        const at = await part.boundingBox();
        expect(at && box && at.width > 0 && at.x >= box.x && at.x + at.width <= Math.min(box.x + box.width, 420) + 0.5, label).toBe(true);
      }
    }
    await expectNoSidewaysScroll(page, 'long names on their way at 420×640');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectAccessible(page, `long names on their way, ${colorScheme}`);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'recordings-on-their-way-420.png') });
    expect(errors).toEqual([]);
  });

  it('starting playback of a marked recording moves no row, and writes no inline style the window refuses', async () => {
    const folder = await library([
      {
        name: 'marked',
        from: '+36 30 222 2222',
        callerName: 'Béla Nagy',
        startTime: local(2026, 11, 25, 9),
        durationSeconds: 6,
        keptSegments: [{ startMs: 0, endMs: 2000 }, { startMs: 12_000 }],
      },
      { name: 'other', from: '1003', callerName: 'Other', startTime: local(2026, 11, 25, 8) },
    ]);
    const { page, rows, errors } = await openRecordings(folder, { viewport: { width: 1280, height: 800 } });
    const refused: string[] = [];
    page.on('console', (message) => /Content Security Policy|inline style/i.test(message.text()) && refused.push(message.text()));
    await page.evaluate("window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective))");
    await until(async () => (await rows.count()) === 2);
    const first = async () => (await rows.first().boundingBox())?.y;
    const before = await first();
    await rowOf(page, 'Béla').click();
    await page.keyboard.press('Enter');
    const audio = page.locator('.player audio');
    await until(async () => (await audio.evaluate((a) => (a as unknown as Media).currentTime)) > 0);
    const mark = page.locator('.player .mark');
    await expect(mark.count()).resolves.toBe(1);
    expect(await mark.evaluate((m) => parseFloat((m as unknown as { style: { left: string } }).style.left))).toBeCloseTo((2 / 6) * 100, 1);
    await expect(page.locator('#player-marks').textContent()).resolves.toMatch(/^\s*Marked on the bar: At 00:02/);
    expect(await first()).toBe(before);
    // Another recording, with nothing paused, and the player closed by nothing: the rows stay still too.
    await rowOf(page, 'Other').click();
    await page.keyboard.press('Enter');
    await until(async () => (await page.locator('#player-marks').textContent())?.trim() === 'Nothing was paused in this recording.');
    expect(await first()).toBe(before);
    expect(await page.evaluate<string[]>('window.__csp')).toEqual([]);
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('Page Down and Page Up move the focus by a screenful of rows; the shortcuts list says so', async () => {
    const folder = await library(
      Array.from({ length: 60 }, (_, i) => ({
        name: `r${i}`,
        from: `+36 1 234 ${String(1000 + i)}`,
        callerName: `Caller ${i}`,
        startTime: local(2026, 11, 24, 17, 59 - i),
      })),
    );
    const { page, rows, errors } = await openRecordings(folder, { viewport: { width: 800, height: 600 } });
    await until(async () => (await rows.count()) === 50);
    await page.getByRole('button', { name: 'With a note' }).focus();
    await page.keyboard.press('Tab');
    const at = async () => Number(/^Caller (\d+) /.exec(await page.evaluate<string>(FOCUSED_ROW))?.[1] ?? -1);
    expect(await at()).toBe(0);
    const inView = async () => {
      const row = await page.locator('.saved [role=row]:focus').boundingBox();
      const player = await page.locator('.player').boundingBox();
      return row !== null && player !== null && row.y >= player.y + player.height - 1 && row.y + row.height <= 600 + 0.5;
    };
    await page.keyboard.press('PageDown');
    const page1 = await at();
    expect(page1).toBeGreaterThan(3);
    expect(await inView()).toBe(true);
    await page.keyboard.press('PageDown');
    expect(await at()).toBe(2 * page1);
    expect(await inView()).toBe(true);
    await expect(rowOf(page, `Caller ${String(2 * page1)} `).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('PageUp');
    expect(await at()).toBe(page1);
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    expect(await at()).toBe(0);
    // Past the rows drawn: the next ones are drawn for it.
    await rowOf(page, 'Caller 49 ').click();
    await page.keyboard.press('PageDown');
    expect(await at()).toBe(Math.min(59, 49 + page1));
    expect(await rows.count()).toBe(60);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).textContent()).resolves.toMatch(/Page Up, Page Down/);
    expect(errors).toEqual([]);
  });
});
