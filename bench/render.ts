// With 200 live calls, how long one update takes to render in the window, measured in Chromium: each listener
// call of the window's 'state' (the whole state) and 'stateChanged' (what changed) events, plus the style and
// layout it causes, over the updates of ten seconds. The demo PBX's talk times tick every second, so most polls
// change some calls; a poll that changes nothing sends the window nothing (counted from the PBX's polls).
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DemoPbx } from '../main/demo-pbx/server.ts';
import { startPreview } from '../main/preview/server.ts';

const CALLS = 200;
const POLL_MS = 250;

// Runs in the page before its scripts: when the bridge defines window.recorder, every listener of the two state
// events is wrapped to time it (the object is frozen after that, so this is the one moment to do it).
const INSTRUMENT = `
  window.__renderTimes = { state: [], stateChanged: [] };
  const define = Object.defineProperty;
  Object.defineProperty = function (target, property, descriptor) {
    if (target === window && property === 'recorder' && descriptor && descriptor.value) {
      const recorder = descriptor.value;
      const on = recorder.on;
      descriptor = { ...descriptor, value: Object.freeze({ ...recorder, on(event, listener) {
        if (!(event in window.__renderTimes)) return on.call(recorder, event, listener);
        return on.call(recorder, event, (payload) => {
          void document.body.offsetHeight; // layout still pending from other work (the timers' tick) is not this update's
          const started = performance.now();
          listener(payload);
          void document.body.offsetHeight; // style and layout of what the listener changed
          window.__renderTimes[event].push(performance.now() - started);
        });
      } }) };
    }
    return define.call(this, target, property, descriptor);
  };
`;

const quantile = (times: number[], q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

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
  let polls = 0;
  pbx.on('command', (command) => {
    if (command.command.toLowerCase() === 'listactivecalls') polls++;
  });
  const preview = await startPreview({ rendererDir: join(process.cwd(), 'dist/renderer'), pbxUrl: pbx.url });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const open = async () => {
      const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
      await page.addInitScript(INSTRUMENT);
      await page.goto(preview.url);
      await page.waitForFunction(`document.querySelectorAll('.call-row').length === ${CALLS}`, undefined, { timeout: 20_000 });
      return page;
    };
    const page = await open();
    await page.evaluate(`window.recorder.saveSettings({ pollIntervalMs: ${POLL_MS} })`);
    // A second window opened now gets the whole state with every call at once (what a window gets when shown).
    const second = await open();
    const whole = Math.max(...(await second.evaluate<number[]>('window.__renderTimes.state')));
    await second.close();
    await page.evaluate('window.__renderTimes.stateChanged.length = 0');
    const pollsBefore = polls;
    await page.waitForTimeout(10_000);
    const changes = (await page.evaluate<number[]>('window.__renderTimes.stateChanged')).sort((a, b) => a - b);
    return {
      'live calls': String(CALLS),
      'polls in 10 s / changes sent to the window': `${polls - pollsBefore} / ${changes.length}`,
      'render time per change, median': ms(quantile(changes, 0.5)),
      'render time per change, 95th percentile (target < 8 ms)': ms(quantile(changes, 0.95)),
      'slowest change': ms(changes.at(-1) ?? NaN),
      'the whole state with every call (a window shown)': ms(whole),
    };
  } finally {
    await browser.close();
    await preview.close();
    await pbx.stop();
  }
}
