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
export function test(name, fn) { tests.push({ name, fn }); }

export class AssertionError extends Error {}
export function assert(condition, message) { if (!condition) throw new AssertionError(message); }
export function assertEqual(actual, expected, message) {
  if (actual !== expected) throw new AssertionError(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// Runs axe-core on the page; fails on any serious or critical violation.
export async function checkAccessibility(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  axeLog.push({ page: label, url: page.url(), violations: result.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) });
  assert(bad.length === 0, `${label}: axe found ${bad.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`).join('; ')}`);
}
export const axeLog = [];

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
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hu-HU' });
    const page = await context.newPage();
    const cspViolations = [];
    page.on('console', msg => { if (/Content Security Policy|Refused to/.test(msg.text())) cspViolations.push(msg.text()); });
    const started = Date.now();
    try {
      await t.fn({ page, context, browser });
      assert(cspViolations.length === 0, `CSP violations: ${cspViolations.join(' | ')}`);
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
  fs.writeFileSync(path.join(OUT, 'axe.json'), JSON.stringify(axeLog, null, 2));
  console.log(`${passed} passed, ${failed} failed`);
  if (process.env.KTK_BROWSER_RESULT) fs.writeFileSync(process.env.KTK_BROWSER_RESULT, `${passed} ${failed}\n`);
  return failed === 0;
}
