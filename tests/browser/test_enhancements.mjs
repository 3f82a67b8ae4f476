// What ktk.js adds on top of pages that work without it: the spoken code
// played on the page, the show-password toggle, and typed values kept
// across the language switch (never the passwords).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots } from './harness.mjs';
import { ROOT } from './stack.mjs';

test('listen to the code plays the sound on the page, and a new code gets a new sound', async ({ page }) => {
  await page.goto(`${BASE}/register?lang=en`);
  const id = await page.inputValue('#captcha_id');
  await page.fill('#last_name', 'Kiss');
  const [sound] = await Promise.all([
    page.waitForResponse(r => r.url().includes('/captcha/audio?')),
    page.click('#captcha-audio'),
  ]);
  assertEqual(sound.status(), 200, 'the sound was fetched');
  assertEqual(sound.headers()['content-type'], 'audio/wav', 'as a WAV');
  assert(sound.url().endsWith(`/captcha/audio?id=${id}&lang=en`), `for this code, in English: ${sound.url()}`);
  assertEqual(new URL(page.url()).pathname, '/register', 'the page stays');
  assertEqual(await page.inputValue('#last_name'), 'Kiss', 'and so does what was typed');

  // A new code while the sound is still loading stops it; the page stays.
  await page.route(url => url.pathname === '/captcha/audio', async route => {
    await new Promise(resolve => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.click('#captcha-audio');
  await Promise.all([page.waitForResponse(r => r.url().endsWith('/captcha/new')), page.click('#captcha-new')]);
  await page.waitForFunction(old => document.getElementById('captcha_id').value !== old, id);
  await page.waitForTimeout(2000);  // the slow sound arrives after the swap
  assertEqual(new URL(page.url()).pathname, '/register', 'a stopped sound does not take the user away');
  await page.unroute(url => url.pathname === '/captcha/audio');
  const fresh = await page.inputValue('#captcha_id');
  assertEqual(await page.getAttribute('#captcha-audio', 'href'), `/captcha/audio?id=${fresh}&lang=en`, 'new link');
  const [second] = await Promise.all([
    page.waitForResponse(r => r.url().includes('/captcha/audio?')),
    page.click('#captcha-audio'),
  ]);
  assert(second.url().includes(fresh) && second.status() === 200, 'the new code is spoken');
});

test('the show-password toggle shows, hides, and never sends the password as text', async ({ page }) => {
  await page.goto(`${BASE}/login`);
  await page.fill('#password', 'Titok-Jelszo1');
  const toggle = page.locator('#password-toggle');
  assertEqual(await toggle.textContent(), 'Jelszó megjelenítése', 'label');
  assertEqual(await toggle.getAttribute('aria-controls'), 'password', 'tied to the field');
  await toggle.click();
  assertEqual(await page.getAttribute('#password', 'type'), 'text', 'shown');
  assertEqual(await toggle.textContent(), 'Jelszó elrejtése', 'now it hides');
  assert((await page.textContent('.password-wrap + p[aria-live]')).includes('látható'), 'the change is announced');
  await checkAccessibility(page, 'login-password-shown');
  await screenshots(page, 'login-password-shown');
  await toggle.click();
  assertEqual(await page.getAttribute('#password', 'type'), 'password', 'hidden again');
  await toggle.click();
  assertEqual(await page.getAttribute('#password', 'type'), 'text', 'shown when the form is sent');
  await page.evaluate(() => {
    const field = document.getElementById('password');
    field.form.addEventListener('submit', () => sessionStorage.setItem('typeWhenSent', field.type));
  });
  await page.fill('#email', 'valaki@example.hu');
  await Promise.all([page.waitForNavigation(), page.press('#email', 'Enter')]);
  assertEqual(await page.evaluate(() => sessionStorage.getItem('typeWhenSent')), 'password',
              'a password field again as the form leaves, so the browser does not keep it as text');
});

test('switching language keeps what was typed in the form, but not the passwords', async ({ page }) => {
  await page.goto(`${BASE}/register`);
  await page.fill('#last_name', 'Fekete');
  await page.fill('#first_name', 'Péter');
  await page.fill('#email', 'fekete.peter@example.hu');
  await page.selectOption('#language', 'en');
  await page.fill('#phone', '06 70 123 4567');
  await page.fill('#password', 'Titok-Jelszo1');
  await page.fill('#captcha', 'ABC');
  await Promise.all([page.waitForNavigation(), page.click('.lang-switch a')]);
  assertEqual(new URL(page.url()).pathname, '/register', 'same page');
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'in English');
  assert(!page.url().includes('fekete'), 'nothing typed travels in the URL');
  for (const [id, value] of [['last_name', 'Fekete'], ['first_name', 'Péter'], ['email', 'fekete.peter@example.hu'],
                             ['language', 'en'], ['phone', '06 70 123 4567'], ['password', ''], ['captcha', '']]) {
    assertEqual(await page.inputValue(`#${id}`), value, id);
  }
  // Only once: coming back later starts empty.
  await page.goto(`${BASE}/register`);
  assertEqual(await page.inputValue('#last_name'), '', 'not kept for ever');
});

test('a field the user did not touch follows the new language', async ({ page }) => {
  await page.goto(`${BASE}/register?lang=hu`);
  await page.fill('#last_name', 'Fekete');
  await Promise.all([page.waitForNavigation(), page.click('.lang-switch a')]);
  assertEqual(await page.inputValue('#language'), 'en', 'the language field follows the page');
  assertEqual(await page.inputValue('#last_name'), 'Fekete', 'the name is kept');
});

test('a logged-in user\'s language switch (a form) keeps the unsaved profile values too', async ({ page }) => {
  const code = 'import json, sys; sys.path.insert(0, sys.argv[1]); import ktk_accounts; ' +
               'print(json.dumps(ktk_accounts.account("linked", language="hu")))';
  const a = JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, path.join(ROOT, 'tests', 'integration')],
                                    { encoding: 'utf8' }));
  await page.goto(`${BASE}/login`);
  await page.fill('#email', a.email);
  await page.fill('#password', a.password);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
  await page.goto(`${BASE}/profile`);
  await page.fill('#first_name', 'Annamária');
  await Promise.all([page.waitForNavigation(), page.click('.lang-switch button')]);
  assertEqual(new URL(page.url()).pathname, '/profile', 'same page');
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'in English');
  assertEqual(await page.inputValue('#first_name'), 'Annamária', 'the unsaved change is still there');
  assertEqual(await page.inputValue('#last_name'), 'Kovács', 'the stored value of an untouched field');
});
