// Logging in and out in a real browser: the journey of a linked contact,
// /home in the user's language, and the login page's messages — each page
// checked with axe and captured for review.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots } from './harness.mjs';

// An account made by the integration tests' fixture (rows written
// directly, the password hashed by ktk-admin).
function account(state, language) {
  const root = process.env.KTK_ROOT || path.resolve('../..');
  const code = 'import json, sys; sys.path.insert(0, sys.argv[1]); import ktk_accounts; ' +
               'print(json.dumps(ktk_accounts.account(sys.argv[2], language=sys.argv[3])))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, path.join(root, 'tests', 'integration'), state, language],
                                 { encoding: 'utf8' }));
}

// A submitted application and a draft of the account's municipality, made
// through the pages by the integration tests' helpers.
function seedApplications(a) {
  const root = process.env.KTK_ROOT || path.resolve('../..');
  const code = 'import sys; sys.path.insert(0, sys.argv[1]); ' +
               'from test_applications import fields, logged_in; ' +
               'from test_home_applications import new_application, submit; ' +
               'c = logged_in({"email": sys.argv[2], "password": sys.argv[3]}); ' +
               'submit(c, "/applications/" + new_application(c, fields())); ' +
               'new_application(c, [("title", "Járdafelújítás")])';
  execFileSync('/usr/bin/python3', ['-c', code, path.join(root, 'tests', 'integration'), a.email, a.password],
               { encoding: 'utf8' });
}

async function logIn(page, a, query = '') {
  await page.goto(`${BASE}/login${query}`);
  await page.fill('#email', a.email);
  await page.fill('#password', a.password);
  await submitted(page, () => page.keyboard.press('Enter'));
}

// Runs `action` and waits for the page it submits to arrive.
async function submitted(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

test('a linked contact logs in, sees the municipality and logs out', async ({ page }) => {
  const a = account('linked', 'hu');
  await logIn(page, a);
  assertEqual(new URL(page.url()).pathname, '/home', 'after login');
  const main = await page.textContent('main');
  assert(main.includes('Kovács Anna') && main.includes(a.municipality) && main.includes(a.tax_number),
         `home shows name, municipality and tax number: ${main}`);
  await checkAccessibility(page, 'home-hu');
  await screenshots(page, 'home-hu');
  await submitted(page, () => page.click('.logout-form button'));
  assertEqual(new URL(page.url()).pathname, '/login', 'after logout');
  assert((await page.textContent('.alert')).includes('Sikeresen kilépett'), 'logged-out notice');
  await checkAccessibility(page, 'login-logged-out-hu');
  await page.goto(`${BASE}/home`);
  assertEqual(new URL(page.url()).pathname, '/login', 'home after logout');
});

test('home is in the stored language of an English-speaking user', async ({ page }) => {
  const a = account('linked', 'en');
  await logIn(page, a);
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'html lang');
  assert((await page.textContent('main')).includes('Anna Kovács'), 'English name order');
  await checkAccessibility(page, 'home-en');
  await screenshots(page, 'home-en');
});

test('home shows what waits and the newest applications, and passes axe at 1280 and 360 px', async ({ page }) => {
  const a = account('linked', 'hu');
  seedApplications(a);
  await logIn(page, a);
  for (const lang of ['hu', 'en']) {
    await page.goto(`${BASE}/home?lang=${lang}`);
    assertEqual(await page.locator('#home-waiting .waiting-item').count(), 1, 'the draft waits');
    assertEqual(await page.locator('#home-applications [data-state="submitted"]').count(), 1, 'the submitted one');
    assertEqual(await page.locator('#home-applications [data-state="draft"]').count(), 1, 'the draft in the list');
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await checkAccessibility(page, `home-applications-${lang}-${width}`);
    }
    await screenshots(page, `home-applications-${lang}`);
  }
});

for (const lang of ['hu', 'en']) {
  test(`login messages in ${lang} pass axe and are captured`, async ({ page }) => {
    await logIn(page, { email: 'nincs-ilyen@example.hu', password: 'Rossz-Jelszo1' }, `?lang=${lang}`);
    assert(await page.isVisible('.alert-error'), 'the generic error is shown');
    await checkAccessibility(page, `login-error-${lang}`);
    await screenshots(page, `login-error-${lang}`);
    await logIn(page, account('unlinked', lang), `?lang=${lang}`);
    assert(await page.isVisible('.alert-info'), 'the district-office message is shown');
    await checkAccessibility(page, `login-unlinked-${lang}`);
    await page.goto(`${BASE}/login?lang=${lang}`);
    await submitted(page, () => page.click('button[type=submit]'));
    assert(await page.isVisible('#email-error'), 'the empty form gets field errors');
    await checkAccessibility(page, `login-empty-${lang}`);
  });
}
