// The second factor in a real browser (README, "Second factor"): a contact
// enrols an authenticator from the Security tab (the secret read from
// #totp-secret, the code made by oathtool as the phone's app would), keeps
// the recovery codes, then logs in with a code and with a recovery code,
// in both languages, with the keyboard alone; every page checked with axe.
import { BASE, test, assert, assertEqual, checkAccessibility, tabTo } from './harness.mjs';
import { account, freshCode, serverNow, totpCode } from './stack.mjs';

const TEXT = {
  hu: { left: 'Még 9 fel nem használt helyreállító kódja van.', qr: 'QR-kód a hitelesítő alkalmazáshoz.' },
  en: { left: 'You have 9 unused recovery codes left.', qr: 'QR code for the authenticator app.' },
};

async function navigated(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

// The password step with the keyboard: the fields typed, Enter.
async function passwordStep(page, a, lang) {
  await page.goto(`${BASE}/login?lang=${lang}`);
  await page.focus('#email');
  await page.keyboard.type(a.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(a.password);
  await navigated(page, () => page.keyboard.press('Enter'));
}

// From the Security tab to the enrolment, the code typed: returns who
// (the secret and the step used) and the recovery codes shown.
async function enrol(page, lang) {
  await page.goto(`${BASE}/profile/security`);
  assert(await page.isVisible('#security-two-factor-state'), 'the Security tab tells the state');
  await page.focus('#two-factor-link');
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(new URL(page.url()).pathname, '/profile/two-factor', 'the enrolment page');
  const svg = page.locator('svg.totp-qr');
  assertEqual(await svg.getAttribute('role'), 'img', 'the QR code is an image');
  assert((await svg.getAttribute('aria-label')).startsWith(TEXT[lang].qr), 'with a name in the page\'s language');
  assert((await svg.boundingBox()).width >= 100, 'large enough to scan');
  await checkAccessibility(page, `two-factor-enrol-${lang}`);
  const secret = (await page.textContent('#totp-secret')).replace(/\s/g, '');
  assert(/^[A-Z2-7]{32}$/.test(secret), 'a base32 secret');
  const step = Math.floor(serverNow() / 30);
  await tabTo(page, '#code', 40);
  assertEqual(await page.getAttribute('#code', 'autocomplete'), 'one-time-code', 'the code field');
  await page.keyboard.type(totpCode(secret, step));
  await navigated(page, () => page.keyboard.press('Enter'));
  const codes = await page.locator('.recovery-code').allTextContents();
  assertEqual(codes.length, 10, 'ten recovery codes');
  await checkAccessibility(page, `two-factor-codes-${lang}`);
  return { who: { totp_secret: secret, totp_last: step }, codes };
}

for (const lang of ['hu', 'en']) {
  test(`two-factor in ${lang}: enrolment from the Security tab, then a login with a code, with the keyboard`,
       async ({ page }) => {
    const a = account('linked', lang);
    await passwordStep(page, a, lang);
    assertEqual(new URL(page.url()).pathname, '/home', 'logged in with the password alone');
    const { who } = await enrol(page, lang);

    await page.context().clearCookies();
    await passwordStep(page, a, lang);
    assertEqual(new URL(page.url()).pathname, '/login/two-factor', 'the password is not enough now');
    assertEqual(await page.getAttribute('html', 'lang'), lang, 'in the chosen language');
    assertEqual(await page.getAttribute('#code', 'inputmode'), 'numeric', 'a numeric keypad on phones');
    await checkAccessibility(page, `two-factor-login-${lang}`);
    // A wrong code first: the generic message, the form again.
    await page.focus('#code');
    await page.keyboard.type('000000');
    await navigated(page, () => page.keyboard.press('Enter'));
    assert(await page.isVisible('main .alert-error'), 'a wrong code is refused');
    await checkAccessibility(page, `two-factor-login-wrong-${lang}`);
    await page.focus('#code');
    await page.keyboard.type(await freshCode(who));
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(new URL(page.url()).pathname, '/home', 'logged in with the code');
  });

  test(`two-factor in ${lang}: a recovery code behind the disclosure, once, with the keyboard alone`,
       async ({ page }) => {
    const a = account('linked', lang);
    await passwordStep(page, a, lang);
    const { codes } = await enrol(page, lang);
    await page.context().clearCookies();
    await passwordStep(page, a, lang);
    assertEqual(new URL(page.url()).pathname, '/login/two-factor', 'the second step');
    assert(!(await page.isVisible('#recovery_code')), 'the recovery field waits behind its disclosure');
    await tabTo(page, 'summary');
    await page.keyboard.press('Enter');
    assert(await page.isVisible('#recovery_code'), 'Enter opens it');
    await tabTo(page, '#recovery_code', 3);
    await page.keyboard.type(codes[0]);
    await navigated(page, () => page.keyboard.press('Enter'));
    assert((await page.textContent('#recovery-left')).trim().endsWith(TEXT[lang].left), 'how many remain');
    await checkAccessibility(page, `two-factor-recovery-used-${lang}`);
    await page.focus('#continue');
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(new URL(page.url()).pathname, '/home', 'logged in');

    // The same code a second time: refused.
    await page.context().clearCookies();
    await passwordStep(page, a, lang);
    await page.click('summary');
    await page.fill('#recovery_code', codes[0]);
    await navigated(page, () => page.press('#recovery_code', 'Enter'));
    assertEqual(new URL(page.url()).pathname, '/login/two-factor', 'a used code does not log in');
    assert(await page.isVisible('main .alert-error'), 'and says so');
  });
}
