// The registration pages in a real browser: accessibility in both languages
// and with errors, the captcha's "new code" with script, Enter submitting the
// registration (not "new code"), and screenshots for review.
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots } from './harness.mjs';

const ANSWER = process.env.KTK_CAPTCHA_TEST_ANSWER || '';

function address(tag) {
  return `${tag}.${Math.random().toString(16).slice(2, 12)}@example.hu`;
}

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) {
    if (name === 'language') await page.selectOption('#language', value);
    else await page.fill(`#${name}`, value);
  }
}

const GOOD = {
  last_name: 'Kovács', first_name: 'Anna', language: 'hu', phone: '06 30 123 4567',
  password: 'Tavaszi8Szel', password_confirm: 'Tavaszi8Szel',
};

for (const lang of ['hu', 'en']) {
  test(`registration page in ${lang} passes axe and is captured`, async ({ page }) => {
    const r = await page.goto(`${BASE}/register?lang=${lang}`);
    assertEqual(r.status(), 200, 'status');
    assertEqual(await page.getAttribute('html', 'lang'), lang, 'html lang');
    const size = await page.$eval('#captcha-image', img => [img.naturalWidth, img.naturalHeight]);
    assertEqual(size.join('x'), '220x70', 'the captcha picture loaded');
    await checkAccessibility(page, `register-${lang}`);
    await screenshots(page, `register-${lang}`);
  });
}

test('registration errors pass axe, the summary gets the focus', async ({ page }) => {
  await page.goto(`${BASE}/register`);
  await fill(page, { ...GOOD, email: 'nem-cím', password_confirm: 'más' });
  await page.fill('#captcha', 'WRONG7');
  await Promise.all([page.waitForNavigation(), page.click('.actions .btn-primary')]);
  assertEqual(await page.evaluate(() => document.activeElement.id), 'error-summary', 'focus');
  assertEqual(await page.getAttribute('#email', 'aria-invalid'), 'true', 'email marked invalid');
  assert((await page.textContent('#captcha-error')).includes('biztonsági kód'), 'captcha error shown');
  await checkAccessibility(page, 'register-errors-hu');
  await screenshots(page, 'register-errors-hu');
});

test('new code with script swaps only the picture and keeps what was typed', async ({ page }) => {
  await page.goto(`${BASE}/register`);
  await fill(page, { ...GOOD, email: address('swap') });
  await page.fill('#captcha', 'ABC');
  const before = await page.inputValue('#captcha_id');
  const url = page.url();
  await Promise.all([
    page.waitForResponse(res => res.url().endsWith('/captcha/new') && res.status() === 200),
    page.click('#captcha-new'),
  ]);
  await page.waitForFunction(old => document.getElementById('captcha_id').value !== old, before);
  const after = await page.inputValue('#captcha_id');
  assert(/^[A-Za-z0-9_-]{43}$/.test(after), `new id ${after}`);
  assertEqual(page.url(), url, 'no navigation');
  assertEqual(await page.getAttribute('#captcha-image', 'src'), `/captcha?id=${after}`, 'picture');
  assertEqual(await page.inputValue('#last_name'), 'Kovács', 'typed values stay');
  assertEqual(await page.inputValue('#password'), 'Tavaszi8Szel', 'even the password, as nothing was sent');
  assertEqual(await page.inputValue('#captcha'), '', 'the old answer is cleared');
  assertEqual(await page.evaluate(() => document.activeElement.id), 'captcha', 'focus on the answer');
});

test('Enter in a field registers, it does not ask for a new code', async ({ page }) => {
  const email = address('enter');
  await page.goto(`${BASE}/register`);
  await fill(page, { ...GOOD, email });
  await page.fill('#captcha', ANSWER);
  await Promise.all([page.waitForNavigation(), page.press('#captcha', 'Enter')]);
  assertEqual(new URL(page.url()).pathname, '/register/done', 'path after Enter');
  await checkAccessibility(page, 'register-done-hu');
  await screenshots(page, 'register-done-hu');
});

test('the confirmation and resend pages pass axe', async ({ page }) => {
  for (const [path, label] of [['/confirm?token=nonsense', 'confirm-invalid'], ['/confirm/resend', 'confirm-resend'],
                               ['/confirm/resend/sent?lang=en', 'confirm-resend-sent-en']]) {
    await page.goto(`${BASE}${path}`);
    await checkAccessibility(page, label);
    await screenshots(page, label);
  }
});
