// What every view's tests check about its look: axe-core finds no serious or critical violation, nothing scrolls
// sideways, and the screenshots of each size and theme land in test-output/ (and the README's in docs/ on demand).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './browser.ts';

/** The sizes the window is looked at: a desktop window and the companion size beside a softphone. */
export const SIZES = [
  { width: 1280, height: 800 },
  { width: 420, height: 640 },
] as const;
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

const BLOCKING = new Set(['serious', 'critical']);
let axeSource: Promise<string> | undefined;

/**
 * Loads axe-core into the page once (the installed dev dependency; nothing is downloaded). The window's own CSP
 * refuses inline scripts, so page.addScriptTag cannot be used; an evaluation from the test runs beside the CSP,
 * as devtools code does, without loosening it for the window's own scripts.
 */
async function loadAxe(page: Page): Promise<void> {
  if (await page.evaluate<boolean>('typeof window.axe === "object"')) return;
  axeSource ??= readFile(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
}

export interface AxeScope {
  /** CSS selectors to check alone (the frame's own parts, say); the whole page when left out. */
  include?: string[];
  /** CSS selectors to leave out. */
  exclude?: string[];
}

/** The serious and critical violations axe-core finds in the page as it is now, one readable line per element. */
export async function accessibilityProblems(page: Page, scope: AxeScope = {}): Promise<string[]> {
  await loadAxe(page);
  const context = {
    ...(scope.include ? { include: scope.include.map((selector) => [selector]) } : {}),
    exclude: (scope.exclude ?? []).map((selector) => [selector]),
  };
  const violations = await page.evaluate<AxeViolation[], typeof context>(
    // The string form of axe's run, so the test's TypeScript needs no DOM types for window.axe.
    async (ctx) => {
      const axe = (globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(ctx.include ? ctx : { exclude: ctx.exclude }, { resultTypes: ['violations'] });
      return result.violations;
    },
    context,
  );
  return violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.impact ?? ''} ${violation.id} (${violation.help}) at ${node.target.map(String).join(' ')}` +
          (node.failureSummary ? `: ${node.failureSummary.replace(/\s*\n\s*/g, ' ')}` : ''),
      ),
    );
}

/** Fails, listing each problem on its own line, when axe-core finds a serious or critical violation. */
export async function expectAccessible(page: Page, label: string, scope: AxeScope = {}): Promise<void> {
  const problems = await accessibilityProblems(page, scope);
  if (problems.length) throw new Error(`${label}: ${problems.length} serious or critical accessibility problem(s):\n  ${problems.join('\n  ')}`);
}

// Runs in the page (the tests' TypeScript has no DOM types, so it is written as the page's own script).
const SIDEWAYS_SCROLLERS = `((within) => {
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].map((c) => '.' + c).join('');
  const wide = [];
  const root = document.scrollingElement;
  if (within === 'body' && root && root.scrollWidth > root.clientWidth) wide.push('the page (' + root.scrollWidth + ' px in ' + root.clientWidth + ' px)');
  for (const el of document.querySelectorAll(within + ', ' + within + ' *')) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      wide.push(name(el) + ' (' + el.scrollWidth + ' px in ' + el.clientWidth + ' px)');
  }
  // A control cut off at either side by the window or by a box that hides what overflows it.
  for (const el of document.querySelectorAll([' button', ' input', ' select', ' textarea', ' a[href]', ' [role=button]', ' [role=tab]'].map((c) => within + c).join())) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    let right = document.documentElement.clientWidth;
    let left = 0;
    for (let box = el.parentElement; box; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === 'visible') continue;
      const edge = box.getBoundingClientRect();
      right = Math.min(right, edge.right);
      left = Math.max(left, edge.left);
    }
    if (rect.right > right + 1 || rect.left < left - 1) {
      const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().slice(0, 40);
      wide.push(name(el) + ' "' + label + '" cut off (' + Math.round(rect.left) + ' to ' + Math.round(rect.right) + ' px, room ' + Math.round(left) + ' to ' + Math.round(right) + ' px)');
    }
  }
  return wide;
})`;

/** What does not fit sideways: the page or a box that scrolls sideways, a control cut off at the left or right. */
export async function sidewaysScrollers(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate<string[]>(`${SIDEWAYS_SCROLLERS}(${JSON.stringify(within)})`);
}

/** Fails when the page or a box in it scrolls sideways, or a control is cut off. */
export async function expectNoSidewaysScroll(page: Page, label: string, within = 'body'): Promise<void> {
  const wide = await sidewaysScrollers(page, within);
  if (wide.length) throw new Error(`${label}: scrolls sideways: ${wide.join(', ')}`);
}

async function currentTheme(page: Page): Promise<Theme> {
  return (await page.evaluate<boolean>('matchMedia("(prefers-color-scheme: dark)").matches')) ? 'dark' : 'light';
}

/** Waits until the page has painted what the last change of size or theme asked for. */
async function settled(page: Page): Promise<void> {
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

/** Writes test-output/<name>-<width>x<height>-<theme>.png of the page as it is now. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const size = page.viewportSize() ?? { width: 0, height: 0 };
  const path = join(SCREENSHOTS, `${name}-${size.width}x${size.height}-${await currentTheme(page)}.png`);
  await page.screenshot({ path });
  return path;
}

export interface LookChecks {
  /** Run axe-core at each size and theme (on these parts only, or the whole page). */
  accessible?: boolean | AxeScope;
  /** Fail when anything scrolls sideways or a control is cut off, at any size (within these parts, or the page). */
  noSidewaysScroll?: boolean | string[];
  /**
   * The README's picture: with UPDATE_SCREENSHOTS=1 the 1280×800 light look is also written to
   * docs/screenshot-<readme>.png, cut below the view's content so the page shows no empty window.
   */
  readme?: string;
}

/**
 * Screenshots the page at every size and in both themes (test-output/<name>-<w>x<h>-<theme>.png), checking what
 * `checks` asks at each, then puts the page back to the size and theme it had. Every problem of every look is
 * listed before it fails.
 */
export async function screenshotViews(page: Page, name: string, checks: LookChecks = {}): Promise<void> {
  const before = { size: page.viewportSize(), theme: await currentTheme(page) };
  const problems: string[] = [];
  try {
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await settled(page);
        const look = `${name} at ${size.width}×${size.height}, ${theme}`;
        await screenshot(page, name);
        if (checks.readme && process.env['UPDATE_SCREENSHOTS'] && theme === 'light' && size.width === 1280) {
          const used = await page.evaluate<number>(
            `(() => { const view = document.querySelector('.view:not([hidden])'); return view ? view.getBoundingClientRect().top + view.scrollHeight : innerHeight; })()`,
          );
          const height = Math.min(size.height, Math.max(360, Math.ceil(used)));
          await page.screenshot({ path: join(process.cwd(), 'docs', `screenshot-${checks.readme}.png`), clip: { x: 0, y: 0, width: size.width, height } });
        }
        if (checks.accessible) {
          const scope = checks.accessible === true ? {} : checks.accessible;
          problems.push(...(await accessibilityProblems(page, scope)).map((problem) => `${look}: ${problem}`));
        }
        const within = checks.noSidewaysScroll === true ? ['body'] : checks.noSidewaysScroll || [];
        for (const part of within) problems.push(...(await sidewaysScrollers(page, part)).map((wide) => `${look}: does not fit: ${wide}`));
      }
    }
  } finally {
    if (before.size) await page.setViewportSize(before.size);
    await page.emulateMedia({ colorScheme: before.theme });
  }
  if (problems.length) throw new Error(`${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// Runs in the page: the buttons shown that keep a look of the browser's own button (its grey face, its outset
// border, its font), compared with a button no stylesheet of the page reaches (one in a shadow root of its own).
const SYSTEM_LOOKING_BUTTONS = `(() => {
  const host = document.body.appendChild(document.createElement('div'));
  const probe = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('button'));
  const own = getComputedStyle(probe);
  const system = { face: own.backgroundColor, border: own.borderTopStyle, font: own.fontFamily };
  host.remove();
  const found = [];
  for (const el of document.querySelectorAll('button')) {
    const style = getComputedStyle(el);
    if (el.getClientRects().length === 0 || style.visibility === 'hidden') continue;
    const kept = [style.backgroundColor === system.face && 'face', style.borderTopStyle === system.border && 'border', style.fontFamily === system.font && 'font'].filter(Boolean);
    const label = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    if (kept.length) found.push('button' + (el.id ? '#' + el.id : '') + ' "' + label + '" keeps the system button\\'s ' + kept.join(', '));
  }
  return { checked: document.querySelectorAll('button').length, found };
})()`;

/** The buttons shown that look like the browser's own (unstyled) button, and how many buttons the page has. */
export async function systemLookingButtons(page: Page): Promise<{ checked: number; found: string[] }> {
  return page.evaluate<{ checked: number; found: string[] }>(SYSTEM_LOOKING_BUTTONS);
}

/** One stop of the Tab key: what it is, where it sits in the page (scrolling undone), and its focus ring. */
export interface TabStop {
  name: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The ring's contrast with what lies behind it (3:1 is the least that shows), or why there is none. */
  ring: { contrast: number; color: string; behind: string } | { missing: string };
}

// Runs in the page: describes the focused element and its ring. The colour behind an outside ring is the first
// ancestor's background that is not transparent (the element's own when the ring is drawn inside it).
const FOCUSED_STOP = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const backdrop = (start) => {
    const layers = [];
    for (let box = start; box; box = box.parentElement) { const c = parse(getComputedStyle(box).backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    let colour = { r: 255, g: 255, b: 255 };
    for (const c of layers.reverse()) colour = { r: c.r * c.a + colour.r * (1 - c.a), g: c.g * c.a + colour.g * (1 - c.a), b: c.b * c.a + colour.b * (1 - c.a) };
    return colour;
  };
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  let dx = 0, dy = 0;
  for (let box = el.parentElement; box; box = box.parentElement) { dx += box.scrollLeft; dy += box.scrollTop; }
  const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || el.getAttribute('name') || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (label ? ' "' + label + '"' : '');
  let ring;
  const width = parseFloat(style.outlineWidth);
  if (style.outlineStyle === 'none' || !(width > 0)) ring = { missing: style.boxShadow !== 'none' ? 'a box-shadow only (' + style.boxShadow + ')' : 'no outline' };
  else {
    const colour = parse(style.outlineColor);
    const behind = parseFloat(style.outlineOffset) + width > 0 ? backdrop(el.parentElement) : backdrop(el);
    const [a, b] = [lum(colour), lum(behind)].sort((x, y) => y - x);
    ring = { contrast: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100, color: style.outlineColor, behind: 'rgb(' + [behind.r, behind.g, behind.b].map(Math.round).join(', ') + ')' };
  }
  return { name, top: rect.top + dy, bottom: rect.bottom + dy, left: rect.left + dx, right: rect.right + dx, ring };
})()`;

/**
 * Walks the page with the Tab key from its start, as a keyboard user does, until the focus comes round again
 * (or `max` stops): each stop, where it sits and its focus ring.
 */
export async function tabStops(page: Page, max = 60): Promise<TabStop[]> {
  // The walk starts before the first control: the body is focused for a moment, as when the page has just loaded.
  await page.evaluate(`(() => { document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex'); })()`);
  const stops: TabStop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate<TabStop | null>(FOCUSED_STOP);
    if (!stop || (stops[0] && stop.name === stops[0].name && stop.top === stops[0].top)) break;
    stops.push(stop);
  }
  return stops;
}

/** Stops that come before the one above them or to their left in reading order (top to bottom, left to right). */
export function outOfOrderStops(stops: readonly TabStop[]): string[] {
  const problems: string[] = [];
  stops.forEach((stop, i) => {
    const before = stops[i - 1];
    if (!before) return;
    const above = stop.bottom <= before.top;
    const sameLine = stop.top < before.bottom && stop.bottom > before.top;
    if (above || (sameLine && stop.right <= before.left)) problems.push(`${stop.name} comes after ${before.name} but sits ${above ? 'above' : 'left of'} it`);
  });
  return problems;
}

/** Stops whose focus ring is missing or shows less than 3:1 against what lies behind it. */
export function faintFocusRings(stops: readonly TabStop[]): string[] {
  return stops.flatMap((stop) =>
    'missing' in stop.ring
      ? [`${stop.name}: no focus ring (${stop.ring.missing})`]
      : stop.ring.contrast < 3
        ? [`${stop.name}: focus ring ${stop.ring.color} on ${stop.ring.behind} is ${stop.ring.contrast}:1`]
        : [],
  );
}
