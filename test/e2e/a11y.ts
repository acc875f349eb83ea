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
   * The README's picture: with UPDATE_SCREENSHOTS=1 the 1280×800 light screenshot is also written to
   * docs/screenshot-<readme>.png.
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
          await page.screenshot({ path: join(process.cwd(), 'docs', `screenshot-${checks.readme}.png`) });
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
