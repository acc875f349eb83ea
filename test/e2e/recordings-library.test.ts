// The Recordings view's part of the whole front desk's library: export to a ZIP, the desks and their copies,
// recordings kept on this computer while the shared folder is away, erasing a number, and the announcement.
import { access, mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sidecar } from '../../main/recorder/sidecar.ts';
import { announcementWords } from '../../preload/display.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { saveRecording, trashedFiles } from '../helpers/library.ts';
import { tempDir } from '../helpers/recorder.ts';
import { screenshotViews } from './a11y.ts';
import { launchBrowser, openPreview, SCREENSHOTS, until } from './browser.ts';

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).toISOString();
const TODAY = new Date(2026, 10, 25, 16, 0);
const desk = (name: string) => ({ name, machine: name.replace(/\s/g, '-').toUpperCase(), user: 'reception' });

type Recording = Partial<Sidecar> & { name: string };

async function library(recordings: Recording[]): Promise<string> {
  const folder = await tempDir('e2e-library-');
  for (const { name, ...fields } of recordings)
    await saveRecording(folder, `${name}.wav`, { recordingId: name, callId: name, savedAt: fields.startTime, ...fields });
  return folder;
}

async function openRecordings(folder: string, pbxUrl?: string) {
  const pbx = pbxUrl ? undefined : await startDemoPbx();
  const browser = await launchBrowser();
  const opened = await openPreview(browser, { pbxUrl: pbxUrl ?? pbx?.url ?? '', folder, beforeLoad: (page) => page.clock.setFixedTime(TODAY) });
  opened.page.on('dialog', (dialog) => {
    opened.errors.push(`native dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await opened.page.getByRole('tab', { name: 'Recordings' }).click();
  return { ...opened, rows: opened.page.locator('.saved [role=row]') };
}

const rowOf = (page: Page, text: string) => page.locator('.saved [role=row]').filter({ hasText: text });
const toastText = (page: Page) => page.locator('.toasts').textContent();

const THREE: Recording[] = [
  { name: 'anna', from: '+36 1 111 1111', callerName: 'Anna Kovács', startTime: local(2026, 11, 25, 9, 5) },
  { name: 'bela', from: '+36 1 222 2222', callerName: 'Béla Nagy', startTime: local(2026, 11, 24, 10, 0) },
  { name: 'old', from: '+36 1 111 1111', callerName: 'Anna Kovács', startTime: local(2026, 11, 2, 14, 30) },
];

describe('the Recordings view exports to one ZIP', () => {
  it('exports a range of days and a number: what it holds is said as they are typed, the ZIP is written and said in a toast', async () => {
    const folder = await library(THREE);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 3);

    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export recordings' });
    const summary = dialog.locator('.export-summary');
    await until(async () => (await summary.textContent())?.includes('3 recordings') ?? false);
    await dialog.getByLabel('From').fill('2026-11-24');
    await dialog.getByLabel('To').fill('2026-11-25');
    await until(async () => (await summary.textContent())?.includes('2 recordings') ?? false);
    await dialog.getByLabel('Number').fill('+36 1 111 1111');
    await until(async () => (await summary.textContent())?.includes('1 recording,') ?? false);
    await dialog.getByLabel('Number').fill('555');
    await until(async () => !(await dialog.getByRole('button', { name: 'Export…' }).isEnabled()));
    expect(await summary.textContent()).not.toContain('One ZIP');
    await dialog.getByLabel('Number').fill('06 1 111 1111'.replace('06', '+36'));
    await until(
      async () => (await dialog.getByRole('button', { name: 'Export…' }).isEnabled()) && ((await summary.textContent())?.includes('1 recording,') ?? false),
    );

    await dialog.getByRole('button', { name: 'Export…' }).click();
    await until(async () => (await toastText(page))?.includes('Exported 1 recording') ?? false);
    expect(await dialog.isVisible()).toBe(false);
    const file = /to (\S+\.zip)/.exec((await toastText(page)) ?? '')?.[1] ?? '';
    const zip = await readFile(file);
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(zip.includes(Buffer.from('anna.wav'))).toBe(true);
    expect(zip.includes(Buffer.from('old.wav'))).toBe(false);
    expect(errors).toEqual([]);
  });

  it('exports the selected recordings; a failed export is said as an error in the dialog', async () => {
    const folder = await library(THREE);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 3);
    await rowOf(page, 'Béla').click();
    await rowOf(page, '09:05').click({ modifiers: ['Control'] });
    await page.getByRole('toolbar', { name: 'Selected recordings' }).getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the selected recordings' });
    await until(async () => (await dialog.locator('.export-summary').textContent())?.includes('2 recordings') ?? false);

    // One of the two goes from the folder after it was counted: the export says which, in words.
    await rename(join(folder, 'bela.wav'), join(folder, 'bela.moved'));
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const alert = dialog.getByRole('alert');
    await until(async () => (await alert.count()) === 1);
    expect(((await alert.textContent()) ?? '').trim().length).toBeGreaterThan(10);
    expect(await dialog.isVisible()).toBe(true);

    await rename(join(folder, 'bela.moved'), join(folder, 'bela.wav'));
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await until(async () => (await toastText(page))?.includes('Exported 2 recordings') ?? false);
    expect(errors).toEqual([]);
  });
});

describe('the Recordings view and the desks of one shared folder', () => {
  const SHARED: Recording[] = [
    { name: 'one-a', callId: 'call-1', from: '+36 1 111 1111', callerName: 'Anna Kovács', startTime: local(2026, 11, 25, 9, 5), desk: desk('Front desk 1') },
    { name: 'one-b', callId: 'call-1', from: '+36 1 111 1111', callerName: 'Anna Kovács', startTime: local(2026, 11, 25, 9, 5), desk: desk('Front desk 2') },
    { name: 'two', callId: 'call-2', from: '+36 1 222 2222', callerName: 'Béla Nagy', startTime: local(2026, 11, 25, 10, 0), desk: desk('Front desk 1') },
    {
      name: 'three',
      callId: 'call-3',
      from: '+36 1 333 3333',
      callerName: 'Cecília Tóth',
      startTime: local(2026, 11, 25, 11, 0),
      desk: desk('Front desk 3'),
      announcement: { how: 'text', what: 'This call is recorded', party: 'caller', order: 'announce-first', outcome: 'announced' },
    },
  ];

  it('shows each call once with its desks, filters by desk, and plays another desk’s copy from the menu', async () => {
    const folder = await library(SHARED);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 3);
    expect((await rowOf(page, 'Anna').locator('.desks').textContent())?.trim()).toMatch(/^Front desk [12], Front desk [12]$/);
    expect((await rowOf(page, 'Béla').locator('.desks').textContent())?.trim()).toBe('Front desk 1');

    const deskFilter = page.getByLabel('Desk', { exact: true });
    expect(await deskFilter.locator('option').allTextContents()).toEqual(['Every desk', 'Front desk 1', 'Front desk 2', 'Front desk 3']);
    await deskFilter.selectOption('Front desk 2');
    await until(async () => (await rows.count()) === 1);
    expect(await rows.first().textContent()).toContain('Anna');
    expect(await page.locator('.saved .count').textContent()).toBe('1 recording of 3');
    await deskFilter.selectOption('');
    await until(async () => (await rows.count()) === 3);

    const shown = (await rowOf(page, 'Anna').locator('.desks').textContent())?.trim().split(', ')[0] ?? '';
    const other = shown === 'Front desk 1' ? 'Front desk 2' : 'Front desk 1';
    await rowOf(page, 'Anna').locator('.cell-more button').click();
    await page.getByRole('menuitem', { name: `Play ${other}'s copy` }).click();
    const otherFile = other === 'Front desk 1' ? 'one-a.wav' : 'one-b.wav';
    await until(async () => (await page.locator('.player audio').evaluate((a) => (a as unknown as { src: string }).src)).includes(otherFile));
    expect(errors).toEqual([]);
  });

  it('says in the row whether the call was announced, to whom and how', async () => {
    const folder = await library([
      ...SHARED.slice(3),
      {
        name: 'failed',
        from: '1004',
        callerName: 'Dóra',
        startTime: local(2026, 11, 25, 12, 0),
        announcement: {
          how: 'file',
          what: 'notice.mp3',
          party: 'both',
          order: 'record-first',
          outcome: 'failed',
          problem: 'The PBX could not play the file (code 404).',
        },
      },
      { name: 'plain', from: '1005', callerName: 'Ede', startTime: local(2026, 11, 25, 13, 0) },
      {
        name: 'unexplained',
        from: '1006',
        callerName: 'Feri',
        startTime: local(2026, 11, 25, 14, 0),
        announcement: { how: 'text', what: 'This call is recorded', party: 'caller', order: 'announce-first', outcome: 'failed' },
      },
    ]);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 4);
    expect((await rowOf(page, 'Cecília').locator('.announced').textContent())?.trim()).toBe('Announced to the caller: said “This call is recorded”');
    expect((await rowOf(page, 'Dóra').locator('.announced').textContent())?.trim()).toBe('Not announced: The PBX could not play the file (code 404).');
    expect(await rowOf(page, 'Ede').locator('.announced').count()).toBe(0);
    // A failure the PBX gave no reason for reads as it did on the live call's row.
    const unexplained = announcementWords({ outcome: 'failed', party: 'caller' });
    expect(unexplained).toBe('Not announced: the PBX gave no reason');
    expect((await rowOf(page, 'Feri').locator('.announced').textContent())?.trim()).toBe(unexplained);
    // One desk only: the rows do not repeat its name, and there is no desk filter.
    expect(await page.locator('.saved .desks').count()).toBe(0);
    expect(await page.getByLabel('Desk', { exact: true }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('passes axe-core and fits at both sizes in both themes with the desks shown and the export and erase dialogs open', async () => {
    const folder = await library(SHARED);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 3);
    await screenshotViews(page, 'recordings-desks', { accessible: true, noSidewaysScroll: true });
    await page.getByRole('button', { name: 'Export…' }).click();
    await until(async () => (await page.locator('.export-summary').textContent())?.includes('recordings,') ?? false);
    await screenshotViews(page, 'recordings-export', { accessible: true, noSidewaysScroll: true });
    await page.keyboard.press('Escape');
    await rowOf(page, 'Anna').locator('.cell-more button').click();
    await page.getByRole('menuitem', { name: 'Erase every recording of this number…' }).click();
    await until(async () => (await page.locator('.erase-list li').count()) === 2); // both desks' copies
    await screenshotViews(page, 'recordings-erase', { accessible: true, noSidewaysScroll: true });
    expect(errors).toEqual([]);
  });
});

describe('the Recordings view erases every recording of a number', () => {
  it('from a row’s menu: lists them, asks, moves them to the trash, says so, and retention.log says it too', async () => {
    const folder = await library([...THREE, { name: 'pinned', from: '1001', to: '+36 1 111 1111', startTime: local(2026, 11, 20, 8), pinned: true }]);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 4);
    await rowOf(page, '09:05').locator('.cell-more button').click();
    await page.getByRole('menuitem', { name: 'Erase every recording of this number…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase every recording of a number' });
    await until(async () => (await dialog.locator('.erase-list li').count()) === 3);
    expect(await dialog.getByLabel('Phone number').inputValue()).toBe('+36 1 111 1111');
    expect(await dialog.locator('.erase-summary').textContent()).toContain('3 recordings');
    // Nothing moves before the question is answered.
    expect((await readdir(folder)).filter((f) => f.endsWith('.wav'))).toHaveLength(4);

    await dialog.getByRole('button', { name: 'Move all 3 to the trash' }).click();
    await until(async () => (await rows.count()) === 1);
    expect(await dialog.isVisible()).toBe(false);
    expect((await toastText(page))?.length ?? 0).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toContain('Béla');
    expect((await readdir(folder)).filter((f) => f.endsWith('.wav'))).toEqual(['bela.wav']);
    expect((await trashedFiles(folder)).filter((f) => f.endsWith('.wav'))).toHaveLength(3);
    expect(await readFile(join(folder, 'retention.log'), 'utf8')).toContain('1111');
    expect(errors).toEqual([]);
  });

  it('from the view’s command: a number typed, found, and no button to erase when nothing is saved of it', async () => {
    const folder = await library(THREE);
    const { page, rows, errors } = await openRecordings(folder);
    await until(async () => (await rows.count()) === 3);
    await page.getByRole('button', { name: 'Erase a number…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase every recording of a number' });
    await dialog.getByLabel('Phone number').fill('+44 20 7946 0018');
    await dialog.getByLabel('Phone number').press('Enter');
    await until(async () => (await dialog.locator('.erase-summary').textContent())?.includes('No recording') ?? false);
    expect(await dialog.getByRole('button', { name: /trash/ }).count()).toBe(0);
    await dialog.getByLabel('Phone number').fill('36 1 222 2222');
    await dialog.getByRole('button', { name: 'Find' }).click();
    await dialog.getByRole('button', { name: 'Move it to the trash' }).click();
    await until(async () => (await rows.count()) === 2);
    await expect(access(join(folder, 'bela.wav'))).rejects.toThrow();
    expect(errors).toEqual([]);
  });
});

describe('the Recordings view while the shared folder cannot be reached', () => {
  it('says a finished recording is kept on this computer, offers neither Retry nor Dismiss, and lists it once the folder is back', async () => {
    const pbx = await startDemoPbx();
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    const folder = await library(THREE);
    const { page, preview, rows, errors } = await openRecordings(folder, pbx.url);
    await until(async () => (await rows.count()) === 3);
    await until(() => preview.host.service.state().calls.length === 1);
    expect((await preview.host.service.toggle(callId)).ok).toBe(true);
    await rename(folder, `${folder}-away`); // the share dropped
    await pbx.endCall(callId);

    const row = page.locator('.in-flight-item').filter({ hasText: 'Kovács Zoltán' });
    await until(async () => (await row.locator('.reason').textContent())?.includes('Kept on this computer') ?? false);
    expect((await row.locator('.reason').textContent())?.trim()).toBe('Kept on this computer — moved to the shared folder when it is back');
    expect(await row.getByRole('button').count()).toBe(0);
    await screenshotViews(page, 'recordings-queued', { accessible: true, noSidewaysScroll: true });

    await rename(`${folder}-away`, folder); // back: the folder check moves it
    await until(async () => (await rowOf(page, 'Kovács Zoltán').count()) === 1, 60_000);
    expect(await page.locator('.in-flight-item').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
