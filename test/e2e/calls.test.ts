// The Calls view in Chromium, on the preview and the demo PBX: the toggle and the rows, their order, the filter,
// Record my call, the keys, what the live region says, auto-record failures, the outage, the companion size, and
// that an update about nothing, or about another call, costs a row nothing.
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoPbx } from '../../main/demo-pbx/server.ts';
import { commandsReceived, morePolls, startDemoPbx } from '../helpers/demo.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { expectNoSidewaysScroll, screenshotViews } from './a11y.ts';
import { launchBrowser, openPreview, SCREENSHOTS, until } from './browser.ts';

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

const VIEW = '#calls-view';
const row = (page: Page, text: string) => page.locator('.call-row').filter({ hasText: text });
const toggleOf = (page: Page, text: string) => row(page, text).locator('.call-toggle');
const text = async (locator: Locator) => (await locator.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
/** The page's elements as the tests' TypeScript (without DOM types) may touch them. */
interface PageElement {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  disabled?: boolean;
  scrollWidth: number;
  clientWidth: number;
}
const shownOrder = (page: Page) => page.locator('.call-row').evaluateAll((rows) => rows.map((r) => (r as unknown as PageElement).getAttribute('data-call-id')));
/**
 * Waits until what the page shows comes to the value asked: the PBX is polled once a second, so a change it makes
 * takes that long to show. The deadline is for a broken test (or a machine under load), never a wait.
 */
const eventually = <T>(value: () => Promise<T>) => expect.poll(value, { timeout: 15_000 });
const announced = (page: Page) => page.locator('#announcer').textContent();
/** Whether the element has the focus (the tests' TypeScript has no DOM types: the page's own script). */
const focused = (locator: Locator) =>
  locator.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
const count = (locator: Locator) => locator.count();
/** The call whose row holds the focus, or what else has it: 'body' when the focus fell to the page. */
const focusedPlace = (page: Page) =>
  page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const row = el.closest('.call-row');
    return row ? row.getAttribute('data-call-id') + ' ' + el.className : el.id || el.className || el.tagName;
  })()`);
const recordsSent = (pbx: DemoPbx) => pbx.received.filter((r) => r.command === 'Record');

/** A window on a demo PBX whose clock stands still unless the test moves it (the times then stay as they are). */
async function callsWindow(options: { viewport?: { width: number; height: number }; pageClock?: boolean } = {}) {
  const pbxClock = new FakeClock();
  const pbx = await startDemoPbx({ clock: pbxClock });
  const browser = await launchBrowser();
  const { page, errors } = await openPreview(browser, {
    pbxUrl: pbx.url,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.pageClock ? { beforeLoad: (p: Page) => p.clock.install() } : {}),
  });
  await page.locator('#calls-view').waitFor();
  const settings = (change: Record<string, unknown>) => page.evaluate(`window.recorder.saveSettings(${JSON.stringify(change)})`);
  return { pbx, pbxClock, page, errors, settings };
}

describe('the Calls view', () => {
  it('names the toggle by what it does, keeps it focused and busy (not disabled) while Record runs, and the row keeps its height', async () => {
    const { pbx, pbxClock, page, errors } = await callsWindow();
    pbx.faults.recordAnswerDelayMs = 700; // on the PBX's clock, which stands still: Record runs until the test moves it
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    pbx.addCall({ source: '1003', destination: '1002', callerId: 'Front desk', state: 'InCall' });
    const toggle = toggleOf(page, 'Kovács Zoltán');
    await toggle.waitFor();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBeNull();
    await expect(text(toggle)).resolves.toBe('Record');
    const height = (await row(page, 'Kovács Zoltán').boundingBox())?.height;

    await toggle.focus();
    await page.keyboard.press('Enter');
    await eventually(() => text(row(page, 'Kovács Zoltán').locator('.call-state'))).toBe('Starting…');
    await expect(toggle.getAttribute('aria-busy')).resolves.toBe('true');
    await expect(
      toggle.evaluate((b) => (b as unknown as PageElement).disabled === true || (b as unknown as PageElement).hasAttribute('aria-disabled')),
    ).resolves.toBe(false);
    await expect(focused(toggle)).resolves.toBe(true);
    await commandsReceived(pbx, 'Record', 1);
    await pbxClock.whenPending();
    pbxClock.advance(700); // the PBX answers Record
    await eventually(() => text(row(page, 'Kovács Zoltán').locator('.call-state'))).toBe('Recording · by you');
    await expect(text(toggle)).resolves.toBe('Pause');
    await expect(toggle.getAttribute('aria-busy')).resolves.toBe('false');
    await expect(focused(toggle)).resolves.toBe(true);
    expect((await row(page, 'Kovács Zoltán').boundingBox())?.height).toBe(height);

    await page.keyboard.press('r'); // R on the focused call
    await eventually(() => text(toggle)).toBe('Resume');
    await expect(text(row(page, 'Kovács Zoltán').locator('.call-state'))).resolves.toBe('Paused · by you');
    await expect(count(page.getByRole('button', { name: 'Resume', exact: true }))).resolves.toBe(1);
    expect((await row(page, 'Kovács Zoltán').boundingBox())?.height).toBe(height);
    await page.keyboard.press('Enter');
    await eventually(() => text(toggle)).toBe('Pause');
    await expect(focused(toggle)).resolves.toBe(true);
    expect(recordsSent(pbx).map((r) => r.params['callid'])).toEqual([callId]);
    expect(errors).toEqual([]);
  });

  it('shows a refused Record in a toast, without moving any row', async () => {
    const { pbx, page } = await callsWindow();
    pbx.addCall({ source: '1000', destination: '1001', callerId: 'First', state: 'InCall' });
    pbx.addCall({ source: '1002', destination: '1001', callerId: 'Second', state: 'InCall' });
    await row(page, 'Second').waitFor();
    pbx.faults.refuseRecord = true;
    const before = (await row(page, 'Second').boundingBox())?.y;
    await toggleOf(page, 'First').click();
    const toast = page.locator('.toast').filter({ hasText: 'Could not start recording' });
    await toast.waitFor();
    await expect(text(toast)).resolves.toContain('(Ozeki code 303)');
    expect((await row(page, 'Second').boundingBox())?.y).toBe(before);
    await expect(text(toggleOf(page, 'First'))).resolves.toBe('Record');
  });

  it('shows each call: direction, caller name and number, destination, state, times and who started the recording', async () => {
    const { pbx, pbxClock, page, settings } = await callsWindow();
    await settings({ autoRecord: '1003', myExtension: '1001' });
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    pbx.addCall({ source: '1001', destination: '+44 20 7946 0018', callerId: '1001', state: 'InCall' });
    pbx.addCall({ source: '1003', destination: '1002', callerId: 'Front desk', state: 'InCall' });
    pbx.addCall({ source: '06301234567', destination: '1002', callerId: 'Müller & Söhne GmbH' });
    await eventually(() => text(row(page, 'Front desk').locator('.call-state'))).toBe('Recording · auto-record');
    await expect(text(row(page, 'Kovács Zoltán'))).resolves.toMatch(/^Incoming call Kovács Zoltán \+36 1 234 5678 → to 1001 In call Talk 00:0\d Record$/);
    await expect(text(row(page, '+44 20 7946 0018'))).resolves.toMatch(/^Outgoing call 1001 → to \+44 20 7946 0018 In call Talk/);
    await expect(text(row(page, 'Front desk'))).resolves.toMatch(
      /^Internal call Front desk 1003 → to 1002 Recording · auto-record Talk 00:0\d · kept 00:0\d Pause$/,
    );
    pbxClock.advance(4000);
    // A ringing call says "Ringing" once, to the eye and to a screen reader: its ring time is how long.
    const ringing = row(page, 'Müller');
    await eventually(() => text(ringing.locator('.call-times'))).toMatch(/00:0[4-9]$/);
    await expect(text(ringing)).resolves.toMatch(/^Incoming call Müller & Söhne GmbH 06301234567 → to 1002 Ringing for 00:0[4-9] Record$/);
    await expect(ringing.ariaSnapshot()).resolves.toMatch(/^(?![\s\S]*Ringing[\s\S]*Ringing)[\s\S]*Ringing/);
  });

  it('puts ringing calls first, then mine, then the rest; new calls join their group; the order holds under the pointer', async () => {
    const { pbx, page, settings } = await callsWindow();
    await settings({ myExtension: '1001' });
    const other = pbx.addCall({ source: '2000', destination: '1005', callerId: 'Other desk', state: 'InCall' });
    const mine = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Mine', state: 'InCall' });
    const ringing = pbx.addCall({ source: '06301234567', destination: '1002', callerId: 'Ringing one' });
    await eventually(() => shownOrder(page)).toEqual([ringing, mine, other]);
    const ringing2 = pbx.addCall({ source: '06301111111', destination: '1004', callerId: 'Ringing two' });
    const mine2 = pbx.addCall({ source: '1001', destination: '1007', callerId: 'Mine too', state: 'InCall' });
    await eventually(() => shownOrder(page)).toEqual([ringing, ringing2, mine, mine2, other]);

    // The pointer rests on a row: a call above it ends, another comes; nothing moves under the pointer.
    await row(page, 'Other desk').hover();
    const y = (await row(page, 'Other desk').boundingBox())?.y;
    await pbx.endCall(mine);
    const ringing3 = pbx.addCall({ source: '06302222222', destination: '1002', callerId: 'Ringing three' });
    await eventually(() => shownOrder(page)).toEqual([ringing, ringing2, mine, mine2, other, ringing3]);
    await expect(text(page.locator('.new-items-chip'))).resolves.toBe('1 new call — Show');
    await expect(text(row(page, 'Mine').first().locator('.call-state'))).resolves.toBe('Ended');
    expect((await row(page, 'Other desk').boundingBox())?.y).toBe(y);
    // The pointer leaves: the ended call goes, the new one takes its place in its group.
    await page.mouse.move(1, 1);
    await eventually(() => shownOrder(page)).toEqual([ringing, ringing2, ringing3, mine2, other]);
  });

  it('counts the calls, offers a filter beyond eight (Ctrl+F, /), Record my call, and ↑ ↓ and R on the keyboard', async () => {
    const { pbx, page, settings } = await callsWindow();
    for (let i = 0; i < 8; i++) pbx.addCall({ source: `2${i}00`, destination: '1005', callerId: `Desk ${i}`, state: 'InCall' });
    await eventually(() => text(page.locator('.calls-count'))).toBe('8');
    await expect(count(page.getByLabel('Filter calls'))).resolves.toBe(0);
    await expect(count(page.getByRole('button', { name: 'Record my call' }))).resolves.toBe(0);
    const kovacs = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    await eventually(() => text(page.locator('.calls-count'))).toBe('9');

    await page.locator('body').click();
    await page.keyboard.press('/');
    await expect(focused(page.getByLabel('Filter calls'))).resolves.toBe(true);
    await page.keyboard.type('kovacs');
    await eventually(() => shownOrder(page)).toEqual([kovacs]);
    await expect(text(page.locator('.calls-count'))).resolves.toBe('1 of 9');
    await page.getByLabel('Filter calls').fill('3612345678');
    await eventually(() => shownOrder(page)).toEqual([kovacs]);
    await page.getByLabel('Filter calls').fill('');
    await eventually(async () => (await shownOrder(page)).length).toBe(9);

    await settings({ myExtension: '1001' });
    const mine = page.getByRole('button', { name: 'Record my call' });
    await mine.click();
    await eventually(() => text(row(page, 'Kovács Zoltán').locator('.call-state'))).toBe('Recording · by you');
    await expect(count(page.getByRole('button', { name: 'Pause my call' }))).resolves.toBe(1);

    // Kovács is mine now, so first; ↓ from its toggle goes to the next row's, where R records that call.
    await toggleOf(page, 'Kovács Zoltán').focus();
    await page.keyboard.press('ArrowDown');
    const second = (await shownOrder(page))[1] ?? '';
    await expect(focused(page.locator(`.call-row[data-call-id="${second}"] .call-toggle`))).resolves.toBe(true);
    await page.keyboard.press('r');
    await eventually(() => text(page.locator(`.call-row[data-call-id="${second}"] .call-state`))).toBe('Recording · by you');
    await page.keyboard.press('ArrowUp');
    await expect(focused(toggleOf(page, 'Kovács Zoltán'))).resolves.toBe(true);
    await page.keyboard.down('Control');
    await page.keyboard.press('f');
    await page.keyboard.up('Control');
    await expect(focused(page.getByLabel('Filter calls'))).resolves.toBe(true);
  });

  it('keeps the focus when the focused call ends: on the next call, else the previous one, else the list itself', async () => {
    const { pbx, page, errors } = await callsWindow();
    const first = pbx.addCall({ source: '2000', destination: '1001', callerId: 'First', state: 'InCall' });
    const second = pbx.addCall({ source: '2001', destination: '1001', callerId: 'Second', state: 'InCall' });
    const third = pbx.addCall({ source: '2002', destination: '1001', callerId: 'Third', state: 'InCall' });
    await toggleOf(page, 'Third').waitFor();
    await eventually(() => shownOrder(page)).toEqual([first, second, third]);
    // By keyboard: to the first toggle, ↓ to the second call's.
    await toggleOf(page, 'First').focus();
    await page.keyboard.press('ArrowDown');
    await expect(focusedPlace(page)).resolves.toBe(`${second} call-toggle`);

    await pbx.endCall(second); // the PBX ends the focused call: the focus goes on to the next call's toggle
    await eventually(() => focusedPlace(page)).toBe(`${third} call-toggle`);
    await expect(text(row(page, 'Second').locator('.call-state'))).resolves.toBe('Ended'); // held in place while the focus is in the list
    await page.keyboard.press('r'); // and the keyboard goes on working there
    await eventually(() => text(row(page, 'Third').locator('.call-state'))).toBe('Recording · by you');

    await pbx.endCall(third); // the last row's call ends: the focus goes back to the previous call still going
    await eventually(() => focusedPlace(page)).toBe(`${first} call-toggle`);
    await pbx.endCall(first); // no call is left: the focus goes to the list's heading, and the list says so
    await eventually(() => focusedPlace(page)).toBe('calls-heading');
    await expect(text(page.locator('#calls-heading'))).resolves.toBe('Live calls 0');
    await eventually(() => count(page.locator('.call-row'))).toBe(0);
    await page.getByText('No calls right now.').waitFor();

    // A new call comes: Tab from where the focus is reaches its toggle.
    pbx.addCall({ source: '2003', destination: '1001', callerId: 'Fourth', state: 'InCall' });
    await toggleOf(page, 'Fourth').waitFor();
    await page.keyboard.press('Tab');
    await expect(focused(toggleOf(page, 'Fourth'))).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it('announces recording started, paused, resumed, saved and failed, each once', async () => {
    const { pbx, pbxClock, page } = await callsWindow();
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    const toggle = toggleOf(page, 'Kovács Zoltán');
    await toggle.click();
    await eventually(() => announced(page)).toBe('Recording started: Kovács Zoltán +36 1 234 5678.');
    pbxClock.advance(500);
    await toggle.click();
    await eventually(() => announced(page)).toBe('Recording paused: Kovács Zoltán +36 1 234 5678.');
    await toggle.click();
    await eventually(() => announced(page)).toBe('Recording resumed: Kovács Zoltán +36 1 234 5678.');
    pbxClock.advance(500);
    await pbx.endCall(callId);
    await eventually(() => announced(page)).toBe('Recording of Kovács Zoltán +36 1 234 5678 saved.');

    pbx.faults.recordUrlStyle = 'foreign-host'; // the file is offered from a host that is not the PBX: refused
    const failing = pbx.addCall({ source: '1003', destination: '1001', callerId: 'Front desk', state: 'InCall' });
    await toggleOf(page, 'Front desk').click();
    await eventually(() => announced(page)).toBe('Recording started: Front desk 1003.');
    pbxClock.advance(500);
    await pbx.endCall(failing);
    await eventually(() => announced(page)).toMatch(/^Recording of Front desk 1003 failed: /);
  });

  it('says and shows that the recording of a call never answered is not saved, and never that it was saved', async () => {
    const { pbx, pbxClock, page, errors } = await callsWindow();
    // Everything the live region says, in order (it is emptied before each sentence).
    await page.evaluate(`(() => {
      const region = document.getElementById('announcer');
      window.said = [];
      new MutationObserver(() => region.textContent && window.said.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
    })()`);
    const said = () => page.evaluate<string[]>('window.said');
    const ringing = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'Ringing' });
    await toggleOf(page, 'Kovács Zoltán').click();
    await eventually(() => announced(page)).toBe('Recording started: Kovács Zoltán +36 1 234 5678.');
    pbxClock.advance(3000);
    await pbx.endCall(ringing, 'Cancelled'); // the caller gives up: nobody answered, nothing was said

    const notSaved = 'Recording of Kovács Zoltán +36 1 234 5678 not saved — the call was never answered.';
    const toast = page.locator('.toast').filter({ hasText: notSaved });
    await toast.waitFor();
    await expect(toast.getByRole('button').count()).resolves.toBe(1); // no action, only its Close
    await expect(toast.getByRole('button', { name: 'Close the message' }).count()).resolves.toBe(1);
    await eventually(said).toContain(notSaved);

    // A call answered and recorded after it is saved: the window has heard all there was of the first by then.
    const answered = pbx.addCall({ source: '1003', destination: '1001', callerId: 'Front desk', state: 'InCall' });
    await toggleOf(page, 'Front desk').click();
    await eventually(() => announced(page)).toBe('Recording started: Front desk 1003.');
    pbxClock.advance(1000);
    await pbx.endCall(answered);
    await eventually(() => announced(page)).toBe('Recording of Front desk 1003 saved.');
    const wrong = 'Kovács Zoltán +36 1 234 5678 saved.';
    expect((await said()).filter((text) => text.includes(wrong))).toEqual([]);
    expect((await page.locator('.toast').allTextContents()).filter((text) => text.includes(wrong))).toEqual([]);
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await until(async () => (await page.locator('.saved [role=row]').count()) === 1);
    await expect(page.locator('.saved [role=row]').textContent()).resolves.toContain('Front desk');
    expect(errors).toEqual([]);
  });

  it('shows why auto-record could not record a call', async () => {
    const { pbx, page, settings } = await callsWindow();
    pbx.faults.refuseRecord = true;
    await settings({ autoRecord: 'all' });
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    const problem = page.locator('.calls-auto-problems');
    await problem.waitFor();
    await expect(text(problem)).resolves.toMatch(/^\+36 1 234 5678 → 1001: Auto-record: Could not start recording: .*\(Ozeki code 303\)$/);
    await screenshotViews(page, 'calls-auto-record-failed', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });
  });

  it('in an outage: says what is wrong and since when, offers Try now and Open settings, and shows the last calls greyed and still', async () => {
    const { pbx, page, settings } = await callsWindow({ pageClock: true });
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    await toggleOf(page, 'Kovács Zoltán').waitFor();
    // Polls far apart (and the backoff twice that): only Try now reaches the PBX while the test runs.
    await settings({ pollIntervalMs: 30_000 });
    await pbx.refuseConnections();
    await page.evaluate('window.recorder.pollNow()');
    const banner = page.locator('.calls-outage');
    await banner.waitFor();
    await expect(text(banner)).resolves.toMatch(
      /^Cannot reach the PBX at .*: connection refused\. Last update from the PBX at \d\d:\d\d \(\d+ s ago\)\. Try now Open settings$/,
    );
    await expect(text(page.locator('#calls-heading'))).resolves.toBe('Last known calls 1');
    await expect(count(page.getByText('No calls right now'))).resolves.toBe(0);
    await expect(count(row(page, 'Kovács Zoltán').locator('.call-toggle'))).resolves.toBe(0);
    await expect(text(row(page, 'Kovács Zoltán').locator('.call-action'))).resolves.toBe('Unavailable: the PBX is not answering');
    // The rows stand still while the PBX is away; the age of the last update grows.
    const times = await text(row(page, 'Kovács Zoltán').locator('.call-times'));
    const age = await text(banner);
    await page.clock.runFor(3000);
    await expect(text(row(page, 'Kovács Zoltán').locator('.call-times'))).resolves.toBe(times);
    await expect(text(banner)).resolves.not.toBe(age);
    await screenshotViews(page, 'calls-outage', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });

    await pbx.acceptConnections();
    await page.getByRole('button', { name: 'Try now' }).click();
    await banner.waitFor({ state: 'detached' });
    await expect(text(toggleOf(page, 'Kovács Zoltán'))).resolves.toBe('Record');
    await page.clock.runFor(2000);
    await eventually(() => text(row(page, 'Kovács Zoltán').locator('.call-times'))).not.toBe(times); // ticking again

    await pbx.refuseConnections();
    await page.evaluate('window.recorder.pollNow()');
    await banner.waitFor();
    await page.getByRole('button', { name: 'Open settings' }).click();
    await expect(page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).resolves.toBe('true');
  });

  it("keeps the focus when the outage banner goes: on the first call's toggle, else on the list's heading", async () => {
    const { pbx, page, errors, settings } = await callsWindow();
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    await toggleOf(page, 'Kovács Zoltán').waitFor();
    await settings({ pollIntervalMs: 30_000 }); // only Try now and the test's own polls reach the PBX
    const banner = page.locator('.calls-outage');
    const outage = async () => {
      await pbx.refuseConnections();
      await page.evaluate('window.recorder.pollNow()');
      await banner.waitFor();
      await pbx.acceptConnections();
    };

    await outage();
    await banner.getByRole('button', { name: 'Try now' }).focus();
    await page.keyboard.press('Enter'); // the PBX answers: the banner and its button go, the focus goes to the first call
    await banner.waitFor({ state: 'detached' });
    await eventually(() => focusedPlace(page)).toBe(`${callId} call-toggle`);

    await outage();
    await banner.getByRole('button', { name: 'Open settings' }).focus();
    await page.evaluate('window.recorder.pollNow()'); // the PBX answers a poll while the focus rests on Open settings
    await banner.waitFor({ state: 'detached' });
    await eventually(() => focusedPlace(page)).toBe(`${callId} call-toggle`);

    await pbx.endCall(callId);
    await page.evaluate('window.recorder.pollNow()');
    await page.getByText('No calls right now.').waitFor();
    await outage();
    await banner.getByRole('button', { name: 'Try now' }).focus();
    await page.keyboard.press('Enter'); // no call to go to: the list's heading
    await banner.waitFor({ state: 'detached' });
    await eventually(() => focusedPlace(page)).toBe('calls-heading');
    expect(errors).toEqual([]);
  });

  it("sets the outage banner's icons on their text's first line, at the desktop and the companion size", async () => {
    const { pbx, page, settings } = await callsWindow({ viewport: { width: 1280, height: 800 } });
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    await toggleOf(page, 'Kovács Zoltán').waitFor();
    await settings({ pollIntervalMs: 30_000 });
    await pbx.refuseConnections();
    await page.evaluate('window.recorder.pollNow()');
    await page.locator('.calls-outage').waitFor();
    // How far (px) each icon's middle is from the middle of its text's first line: the banner's, and each button's.
    const offsets = () =>
      page.evaluate<Record<string, number>>(`(() => {
        const middle = (rect) => rect.top + rect.height / 2;
        const firstLine = (element) => {
          const words = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          while (words.nextNode() && !words.currentNode.textContent.trim());
          const range = document.createRange();
          range.selectNodeContents(words.currentNode);
          return range.getClientRects()[0];
        };
        const banner = document.querySelector('.calls-outage');
        const parts = [['banner', banner.querySelector(':scope > svg'), banner.querySelector('.banner-text')]];
        for (const button of banner.querySelectorAll('button')) parts.push([button.textContent.trim(), button.querySelector('svg'), button]);
        return Object.fromEntries(parts.map(([name, icon, text]) => [name, Math.round(Math.abs(middle(icon.getBoundingClientRect()) - middle(firstLine(text))))]));
      })()`);
    for (const size of [
      { width: 1280, height: 800 },
      { width: 420, height: 640 },
    ]) {
      await page.setViewportSize(size);
      const off = await offsets();
      expect(Object.keys(off)).toEqual(['banner', 'Try now', 'Open settings']);
      expect(Object.entries(off).filter(([, px]) => px > 2)).toEqual([]);
    }
  });

  it('fits the companion size: no sideways scroll, the toggle visible, long names ellipsized and the number whole', async () => {
    const { pbx, page } = await callsWindow({ viewport: { width: 420, height: 640 } });
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Müller & Söhne GmbH Ersatzteile und Kundendienst Budapest', state: 'InCall' });
    pbx.addCall({ source: '1003', destination: '1002', callerId: 'Front desk', state: 'InCall' });
    const long = row(page, 'Müller');
    await long.waitFor();
    await toggleOf(page, 'Front desk').click();
    await eventually(() => text(toggleOf(page, 'Front desk'))).toBe('Pause');
    await expectNoSidewaysScroll(page, 'Calls at 420×640', VIEW);
    const box = await long.locator('.call-toggle').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 420).toBe(true);
    const fits = (part: string) =>
      long.locator(part).evaluate((el) => (el as unknown as PageElement).scrollWidth <= (el as unknown as PageElement).clientWidth);
    await expect(fits('.call-number')).resolves.toBe(true);
    await expect(fits('.call-name')).resolves.toBe(false); // cut with an ellipsis
    await screenshotViews(page, 'calls-recording', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });
  });

  it('shows every state a row can have whole, at the desktop and the companion size, the number whole too', async () => {
    const { pbx, page, errors, settings } = await callsWindow({ viewport: { width: 1280, height: 800 } });
    await settings({ autoRecord: '1003, 1004' });
    const add = (callerId: string, source: string, state?: 'InCall') =>
      pbx.addCall({ source, destination: '2100', callerId: `${callerId} Ersatzteile und Kundendienst GmbH`, ...(state ? { state } : {}) });
    const stateOf = (name: string) => text(row(page, name).locator('.call-state'));
    const press = async (name: string) => {
      const before = await text(toggleOf(page, name));
      await toggleOf(page, name).click();
      await eventually(() => text(toggleOf(page, name))).not.toBe(before);
      await eventually(() => toggleOf(page, name).getAttribute('aria-busy')).toBe('false'); // pressed again, it is heard
    };
    // Each row's state, whether it is shown whole (nothing cut at the side or below) and whether its number is.
    const rows = () =>
      page.evaluate<{ state: string; whole: boolean; number: boolean }[]>(`[...document.querySelectorAll('.call-row')].map((row) => {
        const state = row.querySelector('.call-state');
        const number = row.querySelector('.call-number');
        return {
          state: state.textContent.trim(),
          whole: state.scrollWidth <= state.clientWidth && state.scrollHeight <= state.clientHeight,
          number: number.scrollWidth <= number.clientWidth,
        };
      })`);
    // Every row at both sizes: the states seen, and each one not shown whole (cut at the side or below) or whose
    // number is cut. Taken as soon as a passing state shows (Starting… and Announcing… last until the recorder's
    // 5 s timeout) and once all are there; the window goes back to the desktop size after.
    const seen = new Set<string>();
    const cut: string[] = [];
    const measure = async () => {
      for (const size of [
        { width: 420, height: 640 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(size);
        for (const shown of await rows()) {
          seen.add(shown.state);
          if (!shown.whole || !shown.number) cut.push(`${size.width}: ${shown.state}`);
        }
      }
    };
    const ended = add('Gone', '+36 1 200 0001', 'InCall');
    pbx.hold(add('Holding', '+36 1 200 0002', 'InCall'));
    add('Ringer', '+36 1 200 0003');
    add('Plain', '+36 1 200 0004', 'InCall');
    add('Auto', '1003', 'InCall');
    add('Robot', '1004', 'InCall');
    add('Yours', '+36 1 200 0005', 'InCall');
    add('Halted', '+36 1 200 0006', 'InCall');
    await eventually(() => stateOf('Robot')).toBe('Recording · auto-record');
    await press('Robot');
    await press('Yours');
    await press('Halted');
    await press('Halted');
    // Record answered never (the PBX's clock stands still): Starting…, then after the recorder's timeout, unconfirmed.
    pbx.faults.recordAnswerDelayMs = 3_600_000;
    add('Unanswered', '+36 1 200 0007', 'InCall');
    await toggleOf(page, 'Unanswered').click();
    await eventually(() => stateOf('Unanswered')).toBe('Starting — no answer from the PBX yet');
    add('Starter', '+36 1 200 0008', 'InCall');
    await toggleOf(page, 'Starter').click();
    await eventually(() => stateOf('Starter')).toBe('Starting…');
    await measure();
    pbx.faults.recordAnswerDelayMs = 0;

    // Announcements: announced, skipped, refused (recording or paused), still being said.
    await settings({ announce: 'text', announceText: 'This call is recorded.', announceParty: 'caller', announceFailure: 'record', announceSkippable: true });
    add('Told', '+36 1 200 0009', 'InCall');
    await row(page, 'Told').locator('.call-more').waitFor();
    await press('Told');
    add('Skipped', '+36 1 200 0010', 'InCall');
    await row(page, 'Skipped').locator('.call-more').click();
    await page.getByRole('button', { name: 'Record without announcement' }).click();
    await eventually(() => stateOf('Skipped')).toBe('Recording without announcement');
    pbx.faults.refuseAnnouncements = true;
    add('Refused', '+36 1 200 0011', 'InCall');
    add('Declined', '+36 1 200 0012', 'InCall');
    await press('Refused');
    await press('Declined');
    await eventually(() => stateOf('Declined')).toMatch(/^Not announced: /);
    await press('Declined');
    pbx.faults.refuseAnnouncements = false;
    pbx.faults.announceAnswerDelayMs = 3_600_000;
    add('Telling', '+36 1 200 0013', 'InCall');
    await toggleOf(page, 'Telling').click();
    await eventually(() => stateOf('Telling')).toBe('Announcing…');
    await measure();

    // A call that ends while the focus is in the list stays in place, ended.
    await toggleOf(page, 'Plain').focus();
    await pbx.endCall(ended);
    await eventually(() => stateOf('Gone')).toBe('Ended');

    const shownStates = [
      'Ended',
      'On hold',
      'Ringing',
      'In call',
      'Recording · auto-record',
      'Paused · auto-record',
      'Recording · by you',
      'Paused · by you',
      'Starting — no answer from the PBX yet',
      'Starting…',
      'Announced to the caller',
      'Recording without announcement',
      'Not announced: ',
      'Paused · Not announced: ',
      'Announcing…',
    ];
    await measure();
    expect(shownStates.filter((state) => ![...seen].some((shown) => shown.startsWith(state)))).toEqual([]);
    expect(cut).toEqual([]);
    await screenshotViews(page, 'calls-states', { accessible: { include: [VIEW] }, noSidewaysScroll: [VIEW] });
    expect(errors).toEqual([]);
  });

  it('leaves the rows far out of sight to be drawn when they come near the view, and ↓ still reaches every call', async () => {
    const { pbx, page, errors } = await callsWindow({ viewport: { width: 1280, height: 800 } });
    const ids = Array.from({ length: 80 }, (_, i) =>
      pbx.addCall({ source: `+36 1 300 ${String(1000 + i)}`, destination: '1001', callerId: `Caller ${i}`, state: 'InCall' }),
    );
    await eventually(() => count(page.locator('.call-row'))).toBe(80);
    // Whether the browser draws a row now (false: skipped until it scrolls near the view; Chromium draws a screen and a half ahead).
    const drawn = (callId: string) =>
      page.evaluate<boolean>(`document.querySelector('.call-row[data-call-id="${callId}"] .call-who').checkVisibility({ contentVisibilityAuto: true })`);
    const last = ids.at(-1) ?? '';
    await eventually(() => drawn(last)).toBe(false); // decided at the browser's next frame
    await expect(drawn(ids[0] ?? '')).resolves.toBe(true);
    await expect(text(row(page, 'Caller 79'))).resolves.toMatch(/^Incoming call Caller 79 \+36 1 300 1079 → to 1001 In call Talk 00:0\d Record$/); // there for a reader all the same

    await toggleOf(page, 'Caller 0').focus();
    for (let i = 1; i < ids.length; i++) await page.keyboard.press('ArrowDown');
    await expect(focusedPlace(page)).resolves.toBe(`${last} call-toggle`);
    await expect(drawn(last)).resolves.toBe(true);
    const box = await row(page, 'Caller 79').boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 800).toBe(true);
    await page.keyboard.press('r');
    await eventually(() => text(row(page, 'Caller 79').locator('.call-state'))).toBe('Recording · by you');
    expect(errors).toEqual([]);
  });

  it('gets nothing from main while nothing changes, and an update about one call changes nothing in the other rows', async () => {
    const { pbx, page } = await callsWindow({ pageClock: true });
    const still = pbx.addCall({ source: '1000', destination: '1001', callerId: 'Still', state: 'InCall' });
    const moving = pbx.addCall({ source: '1002', destination: '1003', callerId: 'Moving', state: 'InCall' });
    await row(page, 'Moving').waitFor();
    await page.clock.pauseAt(Date.now() + 60_000); // the rows' timers stand still: only updates can change the page
    await page.evaluate(`(() => {
      window.__changes = 0;
      window.recorder.on('stateChanged', () => window.__changes++);
      window.__mutated = [];
      new MutationObserver((records) => {
        for (const record of records) window.__mutated.push(record.target.parentElement?.closest('.call-row')?.getAttribute('data-call-id') ?? 'outside');
      }).observe(document.querySelector('.calls'), { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await morePolls(pbx, 5); // the PBX's clock stands still: the calls are as they were
    await morePolls(pbx, 1); // and the state of the last poll has been handled
    expect(await page.evaluate('window.__changes')).toBe(0);

    pbx.hold(moving);
    await commandsReceived(pbx, 'ListActiveCalls', pbx.received.filter((r) => r.command === 'ListActiveCalls').length + 2);
    await eventually(() => text(row(page, 'Moving').locator('.call-state'))).toBe('On hold');
    expect(await page.evaluate('window.__changes')).toBeGreaterThan(0);
    const mutated = new Set(await page.evaluate<string[]>('window.__mutated'));
    expect([...mutated]).toEqual([moving]);
    expect(mutated.has(still)).toBe(false);
  });
});

describe('what a trial at the front desk found', () => {
  for (const viewport of [
    { width: 420, height: 640 },
    { width: 1280, height: 800 },
  ])
    it(`reads a call's number and destination whole at ${viewport.width}×${viewport.height}; the name gives way`, async () => {
      const { pbx, page } = await callsWindow({ viewport });
      pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán Ferenc és Társa Könyvelőiroda', state: 'InCall' });
      pbx.addCall({ source: '+36 30 222 2222', destination: '+36 1 234 5679', callerId: 'Béla Nagy', state: 'InCall' });
      pbx.addCall({ source: '+49 89 1234 5678', destination: '1002', callerId: 'Müller & Söhne GmbH Budapest Branch Office Ersatzteile' });
      await until(async () => (await count(page.locator('.call-row'))) === 3);
      const cut = (selector: string) =>
        page
          .locator(selector)
          .evaluateAll((els) => els.filter((el) => (el as unknown as PageElement).scrollWidth > (el as unknown as PageElement).clientWidth).length);
      await expect(cut('.call-destination')).resolves.toBe(0);
      await expect(cut('.call-number')).resolves.toBe(0);
      await expect(cut('.call-who')).resolves.toBe(0); // the name's ellipsis makes the room, nothing spills
      await expect(count(page.locator('.call-destination').filter({ hasText: '1001' }))).resolves.toBe(1);
      await expectNoSidewaysScroll(page, VIEW);
    });

  it('says a ringing call being recorded still rings, until it is answered', async () => {
    const { pbx, page } = await callsWindow();
    const callId = pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'Ringing' });
    await toggleOf(page, 'Kovács Zoltán').click();
    await eventually(() => text(row(page, 'Kovács Zoltán').locator('.call-state'))).toBe('Ringing · recording from the answer');
    pbx.answer(callId);
    await eventually(() => text(row(page, 'Kovács Zoltán').locator('.call-state'))).toBe('Recording · by you');
  });

  it('counts the rows it shows, ended ones too, and offers to put new calls in place with a chip that moves no row', async () => {
    const { pbx, page } = await callsWindow();
    const first = pbx.addCall({ source: '2000', destination: '1001', callerId: 'First', state: 'InCall' });
    const second = pbx.addCall({ source: '2001', destination: '1001', callerId: 'Second', state: 'InCall' });
    const third = pbx.addCall({ source: '2002', destination: '1001', callerId: 'Third', state: 'InCall' });
    const fourth = pbx.addCall({ source: '2003', destination: '1001', callerId: 'Fourth', state: 'InCall' });
    await eventually(() => text(page.locator('.calls-count'))).toBe('4');
    await toggleOf(page, 'Fourth').focus(); // the focus in the list holds it
    const y = (await row(page, 'Fourth').boundingBox())?.y;
    await pbx.endCall(first);
    await pbx.endCall(second);
    await eventually(() => text(page.locator('.calls-count'))).toBe('2 live · 2 ended');
    const ringing = pbx.addCall({ source: '06301234567', destination: '1002', callerId: 'Ringing one' });
    const ringing2 = pbx.addCall({ source: '06301111111', destination: '1002', callerId: 'Ringing two' });
    // The new calls come after the others (no row moves), and the chip offers to put them in their place.
    await eventually(() => text(page.locator('.new-items-chip'))).toBe('2 new calls — Show');
    await eventually(() => shownOrder(page)).toEqual([first, second, third, fourth, ringing, ringing2]);
    await expect(text(page.locator('.calls-count'))).resolves.toBe('4 live · 2 ended');
    expect((await row(page, 'Fourth').boundingBox())?.y).toBe(y);
    await expect(focused(toggleOf(page, 'Fourth'))).resolves.toBe(true);

    await page.locator('.new-items-chip').click();
    await eventually(() => shownOrder(page)).toEqual([ringing, ringing2, third, fourth]);
    await expect(text(page.locator('.calls-count'))).resolves.toBe('4');
    await expect(count(page.locator('.new-items-chip'))).resolves.toBe(0);
    await expect(focused(toggleOf(page, 'Ringing one'))).resolves.toBe(true);
  });

  it('closes the failure toast of Try now when the PBX answers again, and hides the Record hint during the outage', async () => {
    const { pbx, page, settings } = await callsWindow();
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    await toggleOf(page, 'Kovács Zoltán').waitFor();
    await expect(count(page.locator('.calls-note'))).resolves.toBe(1);
    await settings({ pollIntervalMs: 30_000 });
    await pbx.refuseConnections();
    await page.evaluate('window.recorder.pollNow()');
    await page.locator('.calls-outage').waitFor();
    await expect(count(page.locator('.calls-note'))).resolves.toBe(0);
    await page.getByRole('button', { name: 'Try now' }).click();
    const failure = page.locator('.toast').filter({ hasText: 'Still no answer' });
    await failure.waitFor();
    await pbx.acceptConnections();
    await page.getByRole('button', { name: 'Try now' }).click();
    await page.locator('.toast').filter({ hasText: 'The PBX answered.' }).waitFor();
    await expect(count(failure)).resolves.toBe(0);
    await expect(count(page.locator('.calls-note'))).resolves.toBe(1);
  });

  it('shows the filter box on Ctrl+F or / with few calls, and the shortcuts list draws each key on its own cap', async () => {
    const { pbx, page } = await callsWindow();
    pbx.addCall({ source: '+36 1 234 5678', destination: '1001', callerId: 'Kovács Zoltán', state: 'InCall' });
    pbx.addCall({ source: '1003', destination: '1002', callerId: 'Front desk', state: 'InCall' });
    await toggleOf(page, 'Front desk').waitFor();
    await expect(count(page.getByLabel('Filter calls'))).resolves.toBe(0);
    await page.keyboard.press('Control+f');
    await expect(focused(page.getByLabel('Filter calls'))).resolves.toBe(true);
    await page.keyboard.type('kovacs');
    await eventually(() => shownOrder(page).then((ids) => ids.length)).toBe(1);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Tab'); // left empty: it goes again
    await eventually(() => count(page.getByLabel('Filter calls'))).toBe(0);
    await page.keyboard.press('/');
    await expect(focused(page.getByLabel('Filter calls'))).resolves.toBe(true);

    await page.keyboard.press('Escape');
    await page.locator('#calls-heading').focus();
    await page.keyboard.press('?');
    const keys = page.locator('dialog .shortcuts dt').filter({ hasText: 'Ctrl+F' });
    await expect(keys.locator('kbd').allTextContents()).resolves.toEqual(['Ctrl+F', '/']);
    await expect(text(keys)).resolves.toBe('Ctrl+F or /');
  });
});
