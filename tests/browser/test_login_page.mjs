// The login page in a real browser: both languages, accessibility, the
// keyboard, the Caps Lock warning, and screenshots for review.
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots } from './harness.mjs';

for (const lang of ['hu', 'en']) {
  test(`login page in ${lang} passes axe and is captured`, async ({ page }) => {
    const r = await page.goto(`${BASE}/login?lang=${lang}`);
    assertEqual(r.status(), 200, 'status');
    assertEqual(await page.getAttribute('html', 'lang'), lang, 'html lang');
    await checkAccessibility(page, `login-${lang}`);
    await screenshots(page, `login-${lang}`);
  });
}

test('login form is reachable with the keyboard alone', async ({ page }) => {
  await page.goto(`${BASE}/login`);
  const order = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim()));
  }
  const email = order.indexOf('email'), password = order.indexOf('password');
  assert(email >= 0 && password === email + 1, `tab order ${order.join(' → ')}`);
  assert(order.includes('Belépés'), `the submit button is reachable: ${order.join(' → ')}`);
});

test('caps lock warning appears on the password field', async ({ page }) => {
  await page.goto(`${BASE}/login`);
  await page.focus('#password');
  assert(await page.isHidden('#password-capslock'), 'hidden at first');
  // Headless Chromium has no Caps Lock state of its own: send the key event
  // a real keyboard would, with the modifier set.
  await page.dispatchEvent('#password', 'keydown', { key: 'A', modifierCapsLock: true });
  assert(await page.isVisible('#password-capslock'), 'visible with Caps Lock on');
  await page.dispatchEvent('#password', 'keyup', { key: 'a', modifierCapsLock: false });
  assert(await page.isHidden('#password-capslock'), 'hidden again with Caps Lock off');
});

test('the language switch keeps the user on the login page', async ({ page }) => {
  await page.goto(`${BASE}/login`);
  await page.click('.lang-switch a');
  assertEqual(new URL(page.url()).pathname, '/login', 'path');
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'language');
  assert((await page.textContent('h1')).includes('Log in'), 'English heading');
});
