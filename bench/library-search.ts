// With a library of 5,000 recordings, how long a search keystroke takes to reach the screen in the window,
// measured in Chromium: the search and the rows it draws (after the debounce), then the next frame painted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { DemoPbx } from '../main/demo-pbx/server.ts';
import { startPreview } from '../main/preview/server.ts';
import { writeSidecar } from '../main/recorder/library.ts';
import type { Sidecar } from '../main/recorder/sidecar.ts';
import { SEARCH_DEBOUNCE_MS } from '../renderer/views/recordings/search-index.ts';

const RECORDINGS = 5000;
const NAMES = ['Kovács Zoltán', 'Anna Müller', "Siobhán O'Brien", 'Front desk', 'Nagy Éva', 'Jean Dupont', 'Tóth Péter', ''];
/** What is typed, one key at a time; "⌫" clears the field (one keystroke: select all, then Backspace). */
const TYPED = ['kovacs', '⌫', '3612345', '⌫', 'november', '⌫', 'invoice', '⌫', '10:3'];

// Runs in the page before its scripts: times the debounced search (the one timer of SEARCH_DEBOUNCE_MS) and the
// frame that follows it.
const INSTRUMENT = `
  window.__search = [];
  const later = window.setTimeout;
  window.setTimeout = function (callback, ms, ...rest) {
    if (ms !== ${SEARCH_DEBOUNCE_MS} || typeof callback !== 'function') return later.call(window, callback, ms, ...rest);
    return later.call(window, () => {
      const started = performance.now();
      callback();
      const drawn = performance.now();
      // The frame after the change: its rendering steps run before the next animation frame's callbacks return,
      // and a message posted from there arrives once that frame is painted.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__search.push({ work: drawn - started, painted: performance.now() - started });
        channel.port2.postMessage(null);
      });
    }, ms);
  };
`;

/**
 * Waits until `expression` is true in the page, looking every 10 ms (the window's CSP forbids the eval that
 * page.waitForFunction would use; the timings themselves are taken in the page).
 */
async function waitFor(page: Page, expression: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`The window never reached: ${expression}`);
    await page.waitForTimeout(10);
  }
}

/** 5,000 saved recordings: sidecars as the recorder writes them, each beside a small audio file. */
async function makeLibrary(folder: string): Promise<void> {
  const day = 86_400_000;
  const start = Date.UTC(2026, 10, 27, 17);
  for (let i = 0; i < RECORDINGS; i++) {
    const file = `call-${String(i).padStart(5, '0')}.wav`;
    const sidecar: Sidecar = {
      app: 'ozeki-recorder',
      version: 1,
      file,
      recordingId: `r${i}`,
      callId: `c${i}`,
      from: `+36 1 ${String(200 + (i % 700))} ${String(1000 + (i % 9000))}`,
      to: String(1000 + (i % 40)),
      callerName: NAMES[i % NAMES.length] ?? '',
      startTime: new Date(start - Math.floor(i / 25) * day - (i % 25) * 1_200_000).toISOString(),
      durationSeconds: 30 + (i % 300),
      keptSegments: [{ startMs: 0 }],
      pausedParts: 'remove',
      format: 'wav',
      sha256: '',
      note: i % 7 === 0 ? `Asked about invoice ${i}` : '',
      pinned: i % 250 === 0,
      savedAt: new Date(start).toISOString(),
    };
    await writeFile(join(folder, file), 'RIFF');
    await writeSidecar(join(folder, file), sidecar);
  }
}

export async function benchLibrarySearch(): Promise<Record<string, string>> {
  const folder = await mkdtemp(join(tmpdir(), 'ozeki-bench-library-'));
  await makeLibrary(folder);
  const pbx = new DemoPbx();
  await pbx.start();
  const preview = await startPreview({ rendererDir: join(process.cwd(), 'dist/renderer'), pbxUrl: pbx.url, folder });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.addInitScript(INSTRUMENT);
    await page.goto(preview.url);
    const timedListing = "(async () => { const t = performance.now(); await window.recorder.library(''); return performance.now() - t; })()";
    const listing = await page.evaluate<number>(timedListing);
    const again = await page.evaluate<number>(timedListing); // the sidecars unchanged: each file only looked at

    const opened = Date.now();
    await page.getByRole('tab', { name: 'Recordings' }).click();
    await waitFor(page, `document.querySelector('.saved .count')?.textContent === '${RECORDINGS.toLocaleString()} recordings'`, 60_000);
    const shown = Date.now() - opened;
    // The rows a search draws at once (more are drawn as the list is scrolled; those out of view are not laid out).
    const drawn = await page.evaluate<number>("document.querySelectorAll('.saved [role=row]').length");
    const search = page.getByLabel('Search recordings');
    await search.focus();
    const keystroke = async (press: () => Promise<void>) => {
      const before = await page.evaluate<number>('window.__search.length');
      await press();
      await waitFor(page, `window.__search.length > ${before}`, 10_000);
    };
    for (const word of TYPED) {
      if (word === '⌫')
        await keystroke(async () => {
          await page.keyboard.press('Control+a');
          await page.keyboard.press('Backspace');
        });
      else for (const key of word) await keystroke(() => page.keyboard.type(key));
    }
    const times = await page.evaluate<{ work: number; painted: number }[]>('window.__search');
    const at = (values: number[], q: number) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    };
    const painted = times.map((t) => t.painted);
    const work = times.map((t) => t.work);
    return {
      'saved recordings': RECORDINGS.toLocaleString(),
      'keystrokes measured': String(times.length),
      'search and rows drawn, median': `${at(work, 0.5).toFixed(1)} ms`,
      'keystroke painted (search, rows, frame), median': `${at(painted, 0.5).toFixed(1)} ms`,
      'keystroke painted, 95th percentile (target ≤ 30 ms)': `${at(painted, 0.95).toFixed(1)} ms`,
      'slowest keystroke painted': `${Math.max(...painted).toFixed(1)} ms`,
      'debounce before the search runs': `${SEARCH_DEBOUNCE_MS} ms`,
      'rows drawn by a search (more as the list is scrolled)': String(drawn),
      "library('') from main (every sidecar read once)": `${listing.toFixed(0)} ms`,
      "library('') again, nothing changed": `${again.toFixed(0)} ms`,
      'Recordings tab to 5,000 listed, indexed and drawn': `${shown} ms`,
    };
  } finally {
    await browser.close();
    await preview.close();
    await pbx.stop();
    await rm(folder, { recursive: true, force: true });
  }
}
