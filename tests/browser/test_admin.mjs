// The clerks' area in a real browser: a clerk finds a confirmed
// registration and links it through the form, the other pages of the area
// in both languages, and the refusals — each page checked with axe and
// captured at 1280 and 360 px for review.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots } from './harness.mjs';
import { secondStep } from './stack.mjs';

// Offices, municipalities and clerks through ktk-admin, contacts as rows,
// by the integration tests' fixtures; `expression` is Python over them.
function fixture(expression) {
  const root = process.env.KTK_ROOT || path.resolve('../..');
  const code = 'import json, sys; sys.path.insert(0, sys.argv[1]); from ktk_accounts import *; ' +
               `print(json.dumps(${expression}))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, path.join(root, 'tests', 'integration')],
                                 { encoding: 'utf8' }));
}

// A new office with one municipality and a clerk, and a confirmed registration waiting for a link.
function scene(language = 'hu') {
  return fixture('(lambda o: {"office": o, "municipality": municipality(o, "Veresegyház Város Önkormányzata"), ' +
                 `"clerk": clerk(o, language="${language}"), "user": account("unlinked", last="Kiss", first="Péter")})(office())`);
}

async function logIn(page, a) {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', a.email);
  await page.fill('#password', a.password);
  await submitted(page, () => page.keyboard.press('Enter'));
  await secondStep(page, a);
}

async function submitted(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

test('a clerk finds a confirmed registration and links it with the keyboard', async ({ page }) => {
  const s = scene('hu');
  await logIn(page, s.clerk);
  assertEqual(new URL(page.url()).pathname, '/admin', 'a clerk lands on /admin');
  assert((await page.textContent('main')).includes(s.user.email), 'the waiting registration is listed');
  await checkAccessibility(page, 'admin-search-hu');
  await screenshots(page, 'admin-search-hu');

  await page.fill('#q', 'Kiss Péter');
  await submitted(page, () => page.keyboard.press('Enter'));
  const row = page.locator('tr', { hasText: s.user.email });
  assert((await row.textContent()).includes('Megerősítve'), 'the state is shown');
  await checkAccessibility(page, 'admin-results-hu');
  await screenshots(page, 'admin-results-hu');

  await submitted(page, () => row.locator('a', { hasText: 'Összekapcsolás' }).click());
  assertEqual(await page.inputValue('#email'), s.user.email, 'the form is prefilled');
  await checkAccessibility(page, 'admin-link-hu');
  await screenshots(page, 'admin-link-hu');
  await page.focus('#tax_number');
  await page.keyboard.type(s.municipality[1]);
  await submitted(page, () => page.keyboard.press('Enter'));
  assertEqual(new URL(page.url()).pathname, '/admin', 'back on the search page');
  assert((await page.textContent('.alert-ok')).includes('Az összekapcsolás megtörtént'), 'the success message');
  assert((await page.locator('tr', { hasText: s.user.email }).textContent()).includes('Összekapcsolva'), 'now linked');
  await checkAccessibility(page, 'admin-linked-hu');
  await screenshots(page, 'admin-linked-hu');
});

test('link errors, the confirmation pages and the audit log pass axe in both languages', async ({ page }) => {
  const s = scene('hu');
  const pending = fixture('account("pending")');
  await logIn(page, s.clerk);
  for (const lang of ['hu', 'en']) {
    await page.goto(`${BASE}/admin/link?lang=${lang}&email=${encodeURIComponent(pending.email)}`);
    await page.fill('#tax_number', '15731035-2-13');
    await submitted(page, () => page.click('form.form button[type=submit]'));
    assert(await page.isVisible('#error-summary'), 'the error summary is shown');
    assert(await page.isVisible('#tax_number-error'), 'the tax number has its message');
    await checkAccessibility(page, `admin-link-errors-${lang}`);
    await screenshots(page, `admin-link-errors-${lang}`);
    await page.fill('#tax_number', s.municipality[1]);
    await submitted(page, () => page.click('form.form button[type=submit]'));
    const text = await page.textContent('#email-error');
    assert(text.includes(lang === 'hu' ? 'még nincs megerősítve' : 'not confirmed yet'), `pending is refused: ${text}`);
    await checkAccessibility(page, `admin-link-pending-${lang}`);
  }
  await page.goto(`${BASE}/admin/link?lang=hu&email=${encodeURIComponent(s.user.email)}`);
  await page.fill('#tax_number', s.municipality[1]);
  await submitted(page, () => page.click('form.form button[type=submit]'));
  // A second factor on, set up as the enrolment leaves it, for its reset's page.
  fixture(`__import__("test_two_factor_reset").enrol(${s.user.id})`);
  for (const lang of ['hu', 'en']) {
    for (const action of ['unlink', 'disable', 'reset-two-factor']) {
      await page.goto(`${BASE}/admin/${action}?lang=${lang}&email=${encodeURIComponent(s.user.email)}`);
      assert(await page.isVisible(`form[action="/admin/${action}"] button`), `${action} asks for confirmation`);
      await checkAccessibility(page, `admin-${action}-${lang}`);
      await screenshots(page, `admin-${action}-${lang}`);
    }
    await page.goto(`${BASE}/admin/audit?lang=${lang}&user=${encodeURIComponent(s.user.email)}`);
    assert((await page.textContent('table.audit')).includes('user.link'), 'the link is in the audit log');
    await checkAccessibility(page, `admin-audit-${lang}`);
    await screenshots(page, `admin-audit-${lang}`);
  }
  await page.goto(`${BASE}/admin?lang=en`);
  await checkAccessibility(page, 'admin-search-en');
  await screenshots(page, 'admin-search-en');
});

test('a clerk of another office and a contact get the refusal page', async ({ page, context }) => {
  const s = scene('en');
  const outsider = fixture('account("linked")');
  await logIn(page, s.clerk);
  const r = await page.goto(`${BASE}/admin/unlink?email=${encodeURIComponent(outsider.email)}`);
  assertEqual(r.status(), 403, 'outside the office');
  assert((await page.textContent('main')).includes('does not belong to your district office'), 'the reason is told');
  await checkAccessibility(page, 'admin-denied-en');
  await screenshots(page, 'admin-denied-en');
  await context.clearCookies();
  await logIn(page, outsider);
  const contact = await page.goto(`${BASE}/admin`);
  assertEqual(contact.status(), 403, 'a contact');
  await checkAccessibility(page, 'admin-not-a-clerk-hu');
});
