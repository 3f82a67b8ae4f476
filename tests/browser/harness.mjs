// A small test harness over playwright-core and the system Chromium:
// test(name, fn) registers, run() executes each test in a fresh browser
// context and prints one line per test, then "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const BASE = process.env.KTK_TEST_URL || 'http://127.0.0.1:8080';
export const OUT = process.env.KTK_BROWSER_OUT || path.resolve('output');

const tests = [];
const TEST_TIMEOUT_MS = 180000;
// `options` go to the browser context (e.g. { javaScriptEnabled: false }).
export function test(name, fn, options = {}) { tests.push({ name, fn, options }); }

export class AssertionError extends Error {}
export function assert(condition, message) { if (!condition) throw new AssertionError(message); }
export function assertEqual(actual, expected, message) {
  if (actual !== expected) throw new AssertionError(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// The yellow of the focus style in ktk.css.
const FOCUS = 'rgb(255, 191, 71)';

// Presses Tab until the focus is on `selector` (at most `max` times);
// returns the ids (or texts) of the stops on the way. Each stop must show
// the focus style.
export async function tabTo(page, selector, max = 40) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(yellow => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      const visible = [s.outlineColor, s.boxShadow, s.backgroundColor].some(v => v.includes(yellow)) &&
                      (s.outlineStyle !== 'none' || s.boxShadow !== 'none' || s.backgroundColor.includes(yellow));
      return { name: el.id || el.textContent.trim(), visible };
    }, FOCUS);
    stops.push(stop.name);
    assert(stop.visible, `the focus on "${stop.name}" is visible`);
    if (await page.evaluate(sel => document.activeElement.matches(sel), selector)) return stops;
  }
  throw new Error(`${selector} not reached with Tab: ${stops.join(' → ')}`);
}

// Tabs to `selector` and types `text` there.
export async function typeInto(page, selector, text, max) {
  await tabTo(page, selector, max);
  await page.keyboard.type(text);
}

// Runs axe-core on the page; fails on any serious or critical violation
// (with `{ strict: true }` on any violation at all, minor ones included).
// axe is a script: on a page whose context has JavaScript switched off it
// cannot run, so the page's DOM as it stands is checked in a helper page
// (script allowed, but the page's own script blocked), with the same
// stylesheet and pictures from the stack.
export async function checkAccessibility(page, label, { strict = false } = {}) {
  if (current.options.javaScriptEnabled === false) return checkWithoutScript(page, label, strict);
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  record(page.url(), label, result, strict);
}

async function checkWithoutScript(page, label, strict) {
  const html = await page.content();
  const context = await current.browser.newContext({ viewport: page.viewportSize() });
  try {
    await context.route(url => url.pathname.endsWith('.js'), route => route.abort());
    await context.route(`${BASE}/__axe__`, route => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    const helper = await context.newPage();
    await helper.goto(`${BASE}/__axe__`);
    await helper.evaluate(axeSource);
    const result = await helper.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    record(page.url(), label, result, strict);
  } finally {
    await context.close();
  }
}

const current = { options: {}, browser: null };

function record(url, label, result, strict = false) {
  const bad = result.violations.filter(v => strict || v.impact === 'serious' || v.impact === 'critical');
  axeLog.push({ page: label, url, passes: result.passes.length, incomplete: result.incomplete.length,
               violations: result.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) });
  assert(bad.length === 0, `${label}: axe found ${bad.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`).join('; ')}`);
}
export const axeLog = [];

// A page state checked at 1280 px and at 360 px (a phone): axe with no
// violation of any impact at each width, nothing wider than the page's
// column (WCAG 1.4.10: text reflows instead of sticking out; wide tables
// scroll in their own box), and the screenshot for review. The layout
// changes with the width (tables scroll, columns stack), so axe sees two
// different pages.
export async function checkAtBothWidths(page, label) {
  fs.mkdirSync(path.join(OUT, 'screenshots'), { recursive: true });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await checkAccessibility(page, `${label}-${width}`, { strict: true });
    const overflow = await page.$eval('main', main => {
      const edge = main.getBoundingClientRect().right;
      return [...main.querySelectorAll('*')].filter(el => el.getBoundingClientRect().right > edge + 0.5 &&
                                                         !el.closest('.table-scroll, .visually-hidden'))
        .slice(0, 3).map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}: ${el.textContent.trim().slice(0, 40)}`);
    });
    assert(overflow.length === 0, `${label}-${width}: wider than the page's column: ${overflow.join(' | ')}`);
    await page.screenshot({ path: path.join(OUT, 'screenshots', `${label}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Saves the page at 1280 px and at 360 px wide for a person to review.
export async function screenshots(page, name) {
  fs.mkdirSync(path.join(OUT, 'screenshots'), { recursive: true });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(OUT, 'screenshots', `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

export async function run(files) {
  for (const f of files) await import(path.resolve(f));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  let passed = 0, failed = 0;
  const only = process.env.KTK_BROWSER_ONLY;
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    // Our users' browsers ask for Hungarian first.
    current.options = t.options;
    current.browser = browser;
    // `sites`: other origins a test reaches on purpose (a sibling service's
    // callback, answered by the test itself); the rest go to the context.
    const { sites = [], ...contextOptions } = t.options;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hu-HU', ...contextOptions });
    const page = await context.newPage();
    const cspViolations = [];
    page.on('console', msg => { if (/Content Security Policy|Refused to/.test(msg.text())) cspViolations.push(msg.text()); });
    // Nothing may come from another site: no CDN, no web fonts, no trackers.
    const foreign = [];
    context.on('request', req => {
      const url = req.url();
      if (!url.startsWith(BASE + '/') && !/^(data|blob|about):/.test(url) && !sites.some(s => url.startsWith(s + '/')))
        foreign.push(url);
    });
    const started = Date.now();
    try {
      // A test that hangs (an evaluate that never settles) fails instead of stopping the run.
      let timer;
      await Promise.race([
        t.fn({ page, context, browser }),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no result after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS); }),
      ]).finally(() => clearTimeout(timer));
      assert(cspViolations.length === 0, `CSP violations: ${cspViolations.join(' | ')}`);
      assert(foreign.length === 0, `requests to other sites: ${foreign.join(' | ')}`);
      passed++;
      console.log(`ok    ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${t.name}\n      ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n      ')}`);
      try {
        fs.mkdirSync(path.join(OUT, 'failures'), { recursive: true });
        await page.screenshot({ path: path.join(OUT, 'failures', `${t.name.replace(/[^a-z0-9]+/gi, '_')}.png`), fullPage: true });
      } catch { /* the page may be gone */ }
    } finally {
      await context.close();
    }
  }
  await browser.close();
  fs.mkdirSync(OUT, { recursive: true });
  const serious = axeLog.reduce((n, p) => n + p.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').length, 0);
  const summary = { pages: axeLog.length, seriousOrCritical: serious,
                    minorOrModerate: axeLog.reduce((n, p) => n + p.violations.length, 0) - serious };
  fs.writeFileSync(path.join(OUT, 'axe.json'), JSON.stringify({ summary, pages: axeLog }, null, 2));
  console.log(`axe: ${summary.pages} page states checked, ${serious} serious or critical violations`);
  console.log(`${passed} passed, ${failed} failed`);
  if (process.env.KTK_BROWSER_RESULT) fs.writeFileSync(process.env.KTK_BROWSER_RESULT, `${passed} ${failed}\n`);
  return failed === 0;
}
