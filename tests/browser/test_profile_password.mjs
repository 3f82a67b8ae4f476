// The forgotten-password journey, the profile page and the Security tab in
// a real browser: every new page, its error states included, checked with
// axe and captured for review.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots } from './harness.mjs';

const root = process.env.KTK_ROOT || path.resolve('../..');
const integration = path.join(root, 'tests', 'integration');

// An account made by the integration tests' fixture (rows written
// directly, the password hashed by ktk-admin).
function account(state, language) {
  const code = 'import json, sys; sys.path.insert(0, sys.argv[1]); import ktk_accounts; ' +
               'print(json.dumps(ktk_accounts.account(sys.argv[2], language=sys.argv[3])))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, integration, state, language], { encoding: 'utf8' }));
}

// The reset link of the newest reset mail to `email`, read from the stack's Maildir.
function resetLink(email) {
  const code = [
    'import re, sys',
    'sys.path.insert(0, sys.argv[1])',
    'import ktk_test',
    'pattern = re.compile(r"https?://\\S+/password/reset\\?token=[A-Za-z0-9_-]{43}&lang=(?:hu|en)")',
    'def found():',
    '    for m in reversed(ktk_test.mails()):',
    '        if sys.argv[2].lower() in (m["To"] or "").lower():',
    '            hit = pattern.search(m.get_body(preferencelist=("plain",)).get_content())',
    '            if hit: return hit.group(0)',
    'print(ktk_test.wait_until(found, timeout=30, what="the reset mail"))',
  ].join('\n');
  return execFileSync('/usr/bin/python3', ['-c', code, integration, email], { encoding: 'utf8' }).trim();
}

const NEW_PASSWORD = 'Teli-Napsutes-2026';

// Runs `action` and waits for the page it submits to arrive.
async function submitted(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

async function logIn(page, email, password) {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submitted(page, () => page.keyboard.press('Enter'));
}

async function mainText(page) { return page.textContent('main'); }

test('a forgotten password is renewed from the mail (hu)', async ({ page }) => {
  const a = account('linked', 'hu');
  await page.goto(`${BASE}/login`);
  await submitted(page, () => page.click('a[href="/password/forgot"]'));
  assertEqual(new URL(page.url()).pathname, '/password/forgot', 'the login page links to the form');
  assert((await mainText(page)).includes('spam (levélszemét)'), 'the form mentions the spam folder');
  await checkAccessibility(page, 'password-forgot-hu');
  await screenshots(page, 'password-forgot-hu');

  // Only an empty field is named: every address gets the same answer.
  await page.fill('#email', '');
  await submitted(page, () => page.keyboard.press('Enter'));
  assert(await page.isVisible('#email-error'), 'an empty field gets a field error');
  assertEqual(await page.evaluate(() => document.activeElement.id), 'error-summary', 'focus on the summary');
  await checkAccessibility(page, 'password-forgot-error-hu');
  await screenshots(page, 'password-forgot-error-hu');

  await page.fill('#email', a.email);
  await submitted(page, () => page.click('button[type=submit]'));
  assertEqual(new URL(page.url()).pathname, '/password/forgot/sent', 'after the request');
  assert((await mainText(page)).includes('spam (levélszemét)'), 'the answer mentions the spam folder');
  await checkAccessibility(page, 'password-sent-hu');
  await screenshots(page, 'password-sent-hu');

  const link = resetLink(a.email);
  await page.goto(link);
  const shown = await mainText(page);
  assert(shown.includes('Kovács Anna'), `the reset page names the user: ${shown}`);
  assert(!(await page.content()).toLowerCase().includes(a.email.toLowerCase()), 'the address is never shown');
  await checkAccessibility(page, 'password-reset-hu');
  await screenshots(page, 'password-reset-hu');

  await page.fill('#password', NEW_PASSWORD);
  await page.fill('#password_confirm', NEW_PASSWORD + 'x');
  await submitted(page, () => page.click('button[type=submit]'));
  assert(await page.isVisible('#password_confirm-error'), 'a mismatch gets a field error');
  await checkAccessibility(page, 'password-reset-error-hu');
  await screenshots(page, 'password-reset-error-hu');

  await page.fill('#password', NEW_PASSWORD);
  await page.fill('#password_confirm', NEW_PASSWORD);
  await submitted(page, () => page.click('button:has-text("Jelszó megújítása")'));
  assertEqual(new URL(page.url()).pathname, '/login', 'no automatic login: back to the login page');
  assert((await page.textContent('.alert')).includes('A jelszava megváltozott'), 'the success message');
  await checkAccessibility(page, 'login-after-reset-hu');
  await screenshots(page, 'login-after-reset-hu');

  await logIn(page, a.email, NEW_PASSWORD);
  assertEqual(new URL(page.url()).pathname, '/home', 'the new password works');

  await page.goto(link);
  assert((await mainText(page)).includes('már nem érvényes'), 'a used link is refused');
  await checkAccessibility(page, 'password-link-used-hu');
  await screenshots(page, 'password-link-used-hu');
});

test('the reset pages in English', async ({ page }) => {
  const a = account('linked', 'en');
  await page.goto(`${BASE}/password/forgot?lang=en`);
  await checkAccessibility(page, 'password-forgot-en');
  await screenshots(page, 'password-forgot-en');
  await page.fill('#email', a.email);
  await submitted(page, () => page.click('button[type=submit]'));
  await checkAccessibility(page, 'password-sent-en');
  await screenshots(page, 'password-sent-en');
  await page.goto(resetLink(a.email));
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'the link opens in the user\'s language');
  assert((await mainText(page)).includes('Anna Kovács'), 'English name order');
  await checkAccessibility(page, 'password-reset-en');
  await screenshots(page, 'password-reset-en');
  await page.fill('#password', 'short');
  await page.fill('#password_confirm', 'short');
  await submitted(page, () => page.click('button[type=submit]'));
  assert(await page.isVisible('#password-error'), 'the policy is applied');
  await checkAccessibility(page, 'password-reset-error-en');
  await page.goto(`${BASE}/password/reset?lang=en&token=${'A'.repeat(43)}`);
  assert((await mainText(page)).includes('Invalid link'), 'an unknown link gets a clear page');
  await checkAccessibility(page, 'password-link-unknown-en');
  await screenshots(page, 'password-link-unknown-en');
});

test('profile and Security tab: edit, errors, password change', async ({ page }) => {
  const a = account('linked', 'hu');
  await logIn(page, a.email, a.password);
  await submitted(page, () => page.click('.user-nav a[href="/profile"]'));
  assertEqual(await page.getAttribute('.user-nav a[href="/profile"]', 'aria-current'), 'page', 'the tab is marked');
  assert((await mainText(page)).includes(a.email), 'the address is shown read-only');
  await checkAccessibility(page, 'profile-hu');
  await screenshots(page, 'profile-hu');

  await page.fill('#last_name', '');
  await page.fill('#phone', '12');
  await submitted(page, () => page.click('main button[type=submit]'));
  assert(await page.isVisible('#last_name-error') && await page.isVisible('#phone-error'), 'field errors');
  await checkAccessibility(page, 'profile-error-hu');
  await screenshots(page, 'profile-error-hu');

  await page.fill('#last_name', 'Szabó');
  await page.fill('#phone', '06 30 987 6543');
  await submitted(page, () => page.click('main button[type=submit]'));
  assert((await page.textContent('.alert')).includes('elmentettük'), 'saved');
  await checkAccessibility(page, 'profile-saved-hu');

  await submitted(page, () => page.click('.user-nav a[href="/profile/security"]'));
  await checkAccessibility(page, 'security-hu');
  await screenshots(page, 'security-hu');

  await page.fill('#current_password', 'Nem-Ez-A-Jelszo-1');
  await page.fill('#password', NEW_PASSWORD);
  await page.fill('#password_confirm', NEW_PASSWORD);
  await submitted(page, () => page.click('main button[type=submit]'));
  assert(await page.isVisible('#current_password-error'), 'a wrong current password is refused');
  await checkAccessibility(page, 'security-error-hu');
  await screenshots(page, 'security-error-hu');

  await page.fill('#current_password', a.password);
  await page.fill('#password', NEW_PASSWORD);
  await page.fill('#password_confirm', NEW_PASSWORD);
  await submitted(page, () => page.click('main button[type=submit]'));
  assert((await page.textContent('.alert')).includes('A jelszava megváltozott'), 'changed');
  await checkAccessibility(page, 'security-changed-hu');
  await screenshots(page, 'security-changed-hu');

  await page.goto(`${BASE}/profile/security?lang=en`);
  await checkAccessibility(page, 'security-en');
  await screenshots(page, 'security-en');
  await page.goto(`${BASE}/profile?lang=en`);
  await checkAccessibility(page, 'profile-en');
  await screenshots(page, 'profile-en');

  await submitted(page, () => page.click('.user-nav .logout-form button'));
  await logIn(page, a.email, NEW_PASSWORD);
  assertEqual(new URL(page.url()).pathname, '/home', 'the new password works');
});
