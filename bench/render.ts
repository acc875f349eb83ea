// With 200 live calls, how long one state update takes to render in the window, measured in Chromium:
// each 'state' listener call plus the style and layout it causes, over the updates of ten seconds.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DemoPbx } from '../main/demo-pbx/server.ts';
import { startPreview } from '../main/preview/server.ts';

const CALLS = 200;

// Runs in the page before its scripts: times every listener of the 'state' event stream.
const INSTRUMENT = `
  window.__renderTimes = [];
  const add = EventSource.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (type, listener, options) {
    if (type !== 'state') return add.call(this, type, listener, options);
    return add.call(this, type, function (event) {
      void document.body.offsetHeight; // layout still pending from other work (the timers' tick) is not this update's
      const started = performance.now();
      listener.call(this, event);
      void document.body.offsetHeight; // style and layout of what the listener changed
      window.__renderTimes.push(performance.now() - started);
    }, options);
  };
`;

export async function benchRender(): Promise<Record<string, string>> {
  const pbx = new DemoPbx();
  await pbx.start();
  for (let i = 0; i < CALLS; i++)
    pbx.addCall({
      source: `+36 1 ${String(1000 + i)}`,
      destination: String(1000 + (i % 40)),
      callerId: `Caller ${i} & Co.`,
      state: i % 5 === 0 ? 'Ringing' : 'InCall',
    });
  const preview = await startPreview({ rendererDir: join(process.cwd(), 'dist/renderer'), pbxUrl: pbx.url });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.addInitScript(INSTRUMENT);
    await page.goto(preview.url);
    await page.evaluate('window.recorder.saveSettings({ pollIntervalMs: 250 })');
    await page.waitForFunction(`document.querySelectorAll('.call').length === ${CALLS}`, undefined, { timeout: 20_000 });
    await page.evaluate('window.__renderTimes.length = 0');
    await page.waitForTimeout(10_000);
    const times = (await page.evaluate<number[]>('window.__renderTimes')).sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
    return {
      'live calls': String(CALLS),
      'state updates measured': String(times.length),
      'render time per update, median': `${at(0.5).toFixed(1)} ms`,
      'render time per update, 95th percentile (target < 16 ms)': `${at(0.95).toFixed(1)} ms`,
      'slowest update': `${(times.at(-1) ?? NaN).toFixed(1)} ms`,
    };
  } finally {
    await browser.close();
    await preview.close();
    await pbx.stop();
  }
}
