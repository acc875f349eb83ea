// The toasts (renderer/toast.ts) and the live region (renderer/announcer.ts) in Chromium, on a page of their own: the real module and the window's styles,
// beside a view with a sticky Save footer and a player, which the toasts must never cover.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, faintFocusRings, screenshot, tabStops } from './a11y.ts';
import { launchBrowser, SCREENSHOTS } from './browser.ts';

let script = '';
let styles = '';
beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  const result = await build({
    stdin: {
      contents: `import { showToast, toastContainer } from './renderer/toast.ts';
        import { announce, announcerRegion } from './renderer/announcer.ts';
        import './renderer/styles/tokens.css';
        import './renderer/styles/base.css';
        document.body.append(announcerRegion(), toastContainer());
        window.announce = announce;
        window.said = [];
        new MutationObserver((changes) => {
          for (const change of changes) for (const node of change.addedNodes) said.push(node.textContent);
        }).observe(announcerRegion(), { childList: true, subtree: true, characterData: true });
        window.undone = [];
        window.expired = [];
        window.showMessage = (text) => { window.closeMessage = showToast({ text }); };
        window.showUndo = (text) => showToast({ text, action: { label: 'Undo', run: () => undone.push(text) }, expired: () => expired.push(text) });`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    outdir: 'toast-page',
  });
  for (const file of result.outputFiles) {
    if (file.path.endsWith('.js')) script = file.text;
    if (file.path.endsWith('.css')) styles = file.text;
  }
});

/** A view as the window lays one out: a long list that scrolls, a search box, and a Save footer kept clear. */
async function page(size: { width: number; height: number }, options: { theme?: 'light' | 'dark'; clock?: boolean } = {}): Promise<Page> {
  const browser = await launchBrowser();
  const opened = await browser.newPage({ viewport: size, colorScheme: options.theme ?? 'light' });
  if (options.clock) await opened.clock.install(); // the test moves the page's time on itself
  const rows = Array.from({ length: 40 }, (_, i) => `<li><button type="button">Row ${i + 1}</button></li>`).join('');
  await opened.setContent(
    `<!doctype html><html lang="en"><head><title>Toasts</title><style>${styles}
      .view { display: flex; flex-direction: column; height: 100vh; }
      .list { flex: 1; overflow: auto; }
      .footer { position: sticky; bottom: 0; padding: 8px; background: var(--surface); display: flex; justify-content: flex-end; }
    </style></head>
    <body><main class="views"><div class="view"><input aria-label="Search" id="search"><ul class="list">${rows}</ul>
      <div class="footer" data-keep-clear><button type="button" class="primary" id="save">Save</button></div></div></main>
    <script>${script}</script></body></html>`,
  );
  return opened;
}

const box = async (page: Page, selector: string) => {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not shown`);
  return found;
};
const below = (upper: { y: number; height: number }, lower: { y: number }) => upper.y + upper.height <= lower.y;

describe('toasts', () => {
  it('sit above the Save footer a view keeps clear, and rise above a player that appears under them', async () => {
    for (const size of [
      { width: 1280, height: 800 },
      { width: 420, height: 640 },
    ]) {
      const view = await page(size);
      await view.evaluate('showUndo("Recording moved to the trash.")');
      const toast = view.locator('.toast');
      await toast.waitFor();
      expect(below(await box(view, '.toast'), await box(view, '#save')), `${size.width}×${size.height}`).toBe(true);
      await screenshot(view, 'toast');
      // A player comes up above the footer while the toast is shown: the toast moves above it too.
      await view.evaluate(`(() => {
        const player = document.createElement('div');
        player.id = 'player';
        player.dataset.keepClear = '';
        player.style.cssText = 'position: sticky; bottom: 48px; height: 64px; background: var(--surface-2)';
        document.querySelector('.footer').before(player);
      })()`);
      await view.waitForFunction(
        `document.querySelector('.toast').getBoundingClientRect().bottom <= document.querySelector('#player').getBoundingClientRect().top`,
      );
      expect(below(await box(view, '.toast'), await box(view, '#player'))).toBe(true);
    }
  });

  it('are named, pass axe-core and show their focus ring in both themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const view = await page({ width: 420, height: 640 }, { theme });
      await view.evaluate('showUndo("Recording of Kovács Zoltán moved to the trash.")');
      const messages = view.getByRole('region', { name: 'Messages' });
      await messages.getByRole('button', { name: 'Undo' }).waitFor();
      await expect(messages.getByRole('button', { name: 'Close the message' }).count()).resolves.toBe(1);
      await expectAccessible(view, `a toast, ${theme}`, { include: ['.toasts'] });
      const rings = faintFocusRings((await tabStops(view, 50)).filter((stop) => stop.name.includes('Undo') || stop.name.includes('Close the message')));
      expect(rings, theme).toEqual([]);
      await screenshot(view, 'toast');
    }
  });

  it('stay while the focus is in them, and Undo by keyboard puts the focus back where it was', async () => {
    const view = await page({ width: 420, height: 640 }, { clock: true });
    await view.focus('#save');
    await view.evaluate('showUndo("Recording moved to the trash.")');
    const undo = view.getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    await view.keyboard.press('Tab'); // from Save, the last control of the view, to the toast's Undo
    await expect(view.evaluate<string>('document.activeElement.textContent.trim()')).resolves.toBe('Undo');
    await view.clock.runFor(30_000); // far past the 10 s: the toast waits for the user
    await expect(undo.count()).resolves.toBe(1);
    await view.keyboard.press('Enter');
    await undo.waitFor({ state: 'detached' });
    await expect(view.evaluate<string[]>('window.undone')).resolves.toEqual(['Recording moved to the trash.']);
    await expect(view.evaluate<string>('document.activeElement.id')).resolves.toBe('save');
  });

  it('several at once: the newest is the first Tab reaches and the one nearest the bottom', async () => {
    const view = await page({ width: 420, height: 640 }, { clock: true });
    await view.focus('#save');
    await view.evaluate('showUndo("Recording of Alpha moved to the trash.")');
    await view.evaluate('showUndo("Recording of Bravo moved to the trash.")');
    await view.locator('.toast').nth(1).waitFor();
    await view.keyboard.press('Tab');
    await expect(view.evaluate<string>("document.activeElement.closest('.toast').textContent")).resolves.toContain('Bravo');
    const alpha = await box(view, '.toast:has-text("Alpha")');
    const bravo = await box(view, '.toast:has-text("Bravo")');
    expect(below(alpha, bravo)).toBe(true);
    await view.keyboard.press('Enter');
    await expect(view.evaluate<string[]>('window.undone')).resolves.toEqual(['Recording of Bravo moved to the trash.']);
  });

  it('never break a phone number across lines, whatever the length of the name before it, at the companion size', async () => {
    const view = await page({ width: 420, height: 640 });
    const number = '+36 1 234 5678';
    const words = 'Müller & Söhne GmbH Ersatzteile und Kundendienst Budapest';
    const lines: number[] = [];
    for (let cut = 8; cut <= words.length; cut++) {
      const text = `Recording of ${words.slice(0, cut)} (${number}) moved to the trash.`;
      await view.evaluate(`showMessage(${JSON.stringify(text)})`);
      await view.locator('.toast').filter({ hasText: text }).waitFor();
      // The lines the number's characters stand on, read from the text as laid out (whatever elements hold it).
      const tops = await view.evaluate<number[]>(`(() => {
        const box = document.querySelector('.toast .toast-text');
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        const chars = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) for (let i = 0; i < node.data.length; i++) chars.push([node, i]);
        const start = box.textContent.indexOf(${JSON.stringify(number)});
        const tops = new Set();
        for (let i = start; i < start + ${number.length}; i++) {
          const [node, offset] = chars[i];
          if (node.data[offset] === ' ') continue;
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          tops.add(Math.round(range.getBoundingClientRect().top));
        }
        return [...tops];
      })()`);
      expect(tops, text).toHaveLength(1);
      lines.push(await view.evaluate<number>(`Math.round(document.querySelector('.toast .toast-text').getBoundingClientRect().height)`));
      await view.evaluate('closeMessage()');
      await view.locator('.toast').waitFor({ state: 'detached' });
    }
    expect(new Set(lines).size, 'the names tried wrap onto more than one line').toBeGreaterThan(1);
  });

  it('go after 10 seconds on their own, and the undo window closes', async () => {
    const view = await page({ width: 420, height: 640 }, { clock: true });
    await view.evaluate('showUndo("Recording moved to the trash.")');
    await view.locator('.toast').waitFor();
    await view.clock.runFor(9_000);
    await expect(view.locator('.toast').count()).resolves.toBe(1);
    await view.clock.runFor(1_100);
    await view.locator('.toast').waitFor({ state: 'detached' });
    await expect(view.evaluate<string[]>('window.expired')).resolves.toEqual(['Recording moved to the trash.']);
  });
});

describe('the live region', () => {
  it('says each sentence, the same one twice in a row too, and what a toast says', async () => {
    const view = await page({ width: 420, height: 640 });
    await view.evaluate('announce("Recording started.")');
    await view.evaluate('announce("Recording started.")');
    await view.evaluate('showUndo("Recording moved to the trash.")');
    await expect(view.evaluate<string[]>('window.said')).resolves.toEqual([
      'Recording started.',
      'Recording started.',
      'Recording moved to the trash. Undo is available for a few seconds.',
    ]);
    await expect(view.locator('#announcer').getAttribute('aria-live')).resolves.toBe('polite');
    await expect(view.locator('#announcer').textContent()).resolves.toBe('Recording moved to the trash. Undo is available for a few seconds.');
  });

  it('says every sentence of one task, together (updates read from one chunk of the stream)', async () => {
    const view = await page({ width: 420, height: 640 });
    await view.evaluate('announce("Kovács Zoltán: Not announced: the PBX refused."); announce("Recording started: Kovács Zoltán.")');
    await expect(view.evaluate<string[]>('window.said')).resolves.toEqual(['Kovács Zoltán: Not announced: the PBX refused. Recording started: Kovács Zoltán.']);
  });
});
