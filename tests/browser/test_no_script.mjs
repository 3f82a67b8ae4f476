// With JavaScript switched off every page still works: registration with
// its "new code" button, the spoken code as a plain link to the sound, the
// error summary, login, the language switch of a logged-in user (a form)
// and logout; a subsidy application created, saved and submitted; the
// clerks' side: the inbox and its filters (a wrong year refused), the
// application's page, the propose form with its errors, and the decision
// with its confirmation step.
import { BASE, test, assert, assertEqual, checkAccessibility, checkAtBothWidths, screenshots } from './harness.mjs';
import { ANSWER, account, address, linkWithCli, negotiationScene, secondStep, sql, waitForMail } from './stack.mjs';
import { ITEMS, VALID, fillApplication, submitAsContact } from './application_form.mjs';

const NO_SCRIPT = { javaScriptEnabled: false };

async function submitted(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

test('without JavaScript: register, get a new code, listen to it, confirm, log in, switch language, log out',
     async ({ page }) => {
  const email = address('noscript');
  const password = 'Oszi9Level';
  await page.goto(`${BASE}/register`);
  assertEqual(await page.$$eval('.password-toggle', b => b.length), 0, 'no script, no toggle button');
  await page.fill('#last_name', 'Nagy');
  await page.fill('#first_name', 'Ilona');
  await page.fill('#email', email);
  await page.fill('#phone', '06 20 111 2233');
  await page.fill('#password', password);
  await page.fill('#password_confirm', password);

  // "New code" reloads the form: a new picture, the typed values kept, the passwords not.
  const before = await page.inputValue('#captcha_id');
  await submitted(page, () => page.click('#captcha-new'));
  const after = await page.inputValue('#captcha_id');
  assert(after !== before, 'a new captcha');
  assertEqual(await page.inputValue('#email'), email, 'the address is kept');
  assertEqual(await page.inputValue('#password'), '', 'the password is not sent back');
  assertEqual(await page.getAttribute('#captcha-audio', 'href'), `/captcha/audio?id=${after}&lang=hu`, 'audio link');
  await checkAccessibility(page, 'noscript-register-new-code');

  // The spoken code is an ordinary link to a WAV.
  const sound = await page.request.get(`${BASE}/captcha/audio?id=${after}&lang=hu`);
  assertEqual(sound.status(), 200, 'the sound is there');
  assertEqual(sound.headers()['content-type'], 'audio/wav', 'a WAV');

  // An error first (no password typed again): the summary is plain HTML.
  await page.fill('#captcha', ANSWER);
  await submitted(page, () => page.click('.actions .btn-primary'));
  assert(await page.isVisible('#error-summary'), 'the summary is shown');
  assert((await page.getAttribute('#error-summary a', 'href')) === '#password', 'it links the password field');
  assertEqual(await page.title(), 'Hiba – Regisztráció – KTK', 'the title says there is an error');
  await checkAccessibility(page, 'noscript-register-errors');
  await screenshots(page, 'noscript-register-errors');

  await page.fill('#password', password);
  await page.fill('#password_confirm', password);
  await page.fill('#captcha', ANSWER);
  await submitted(page, () => page.click('.actions .btn-primary'));
  assertEqual(new URL(page.url()).pathname, '/register/done', 'registered');

  const mail = await waitForMail(email, 'Regisztráció megerősítése');
  await page.goto(mail.links.find(l => l.includes('/confirm?token=')));
  await submitted(page, () => page.click('form[action="/confirm"] button'));
  assertEqual(new URL(page.url()).pathname, '/confirm/done', 'confirmed');
  linkWithCli(email, 'Zebegény Község Önkormányzata');

  await page.goto(`${BASE}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
  assertEqual(new URL(page.url()).pathname, '/home', 'logged in');
  assert(!(await page.isVisible('#session-warning')), 'the warning needs script; the footer says the rule');
  assert((await page.textContent('footer')).includes('30 perc'), 'the idle rule is on the page');

  await submitted(page, () => page.click('.lang-switch button'));
  assertEqual(new URL(page.url()).pathname, '/home', 'the switch is a form that comes back to the page');
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'English now');
  assertEqual(sql('SELECT language FROM users WHERE email_key = %s', email)[0][0], 'en', 'and stored');

  await submitted(page, () => page.click('.user-nav button'));
  assertEqual(new URL(page.url()).pathname, '/login', 'logged out');
  assert((await page.textContent('.alert')).includes('You have logged out'), 'in the language chosen last');
}, NO_SCRIPT);

test('without JavaScript the visitors\' language switch is a link to the same page', async ({ page }) => {
  await page.goto(`${BASE}/confirm/resend`);
  await submitted(page, () => page.click('.lang-switch a'));
  assertEqual(new URL(page.url()).pathname, '/confirm/resend', 'same page');
  assertEqual(await page.getAttribute('html', 'lang'), 'en', 'other language');
  await page.fill('#email', ' ');
  await submitted(page, () => page.click('.actions .btn-primary'));
  assert((await page.textContent('#email-error')).includes('Enter your e-mail address'), 'field error in English');
  await checkAccessibility(page, 'noscript-resend-error-en');
  await screenshots(page, 'confirm-resend-error-en');
}, NO_SCRIPT);

for (const lang of ['hu', 'en']) {
  test(`without JavaScript a subsidy application is created, saved and submitted (${lang})`, async ({ page }) => {
    const contact = account('linked', lang);
    await page.goto(`${BASE}/login`);
    await page.fill('#email', contact.email);
    await page.fill('#password', contact.password);
    await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
    await page.goto(`${BASE}/applications`);
    await submitted(page, () => page.click('a[href="/applications/new"]'));

    await page.fill('#title', lang === 'hu' ? 'Belvízelvezetés 2026' : 'Drainage 2026');
    await fillApplication(page, VALID, ITEMS);
    await submitted(page, () => page.click('.application-form button[type=submit]'));
    const path = new URL(page.url()).pathname;
    assert(/^\/applications\/[0-9]+$/.test(path), `saved: ${page.url()}`);
    assertEqual(await page.getAttribute('#application-state', 'data-state'), 'draft', 'a draft');
    assert(Number(await page.getAttribute('#budget-total-support', 'data-amount')) > 0, 'the budget, from the server');

    // Without the confirmation the plain-HTML summary says so.
    await submitted(page, () => page.click('form[action$="/submit"] button'));
    assert(await page.isVisible('#error-summary a[href="#confirm"]'), 'the summary links the checkbox');
    await checkAtBothWidths(page, `noscript-application-unconfirmed-${lang}`);
    await page.check('#confirm');
    await submitted(page, () => page.click('form[action$="/submit"] button'));
    assertEqual(new URL(page.url()).pathname, path, 'back on the application');
    assertEqual(await page.getAttribute('#application-state', 'data-state'), 'submitted', 'submitted');
    assert(/^KTK-20[0-9]{2}-[0-9]{6}$/.test((await page.textContent('#application-number')).trim()), 'numbered');
    assertEqual(sql('SELECT state FROM applications WHERE id = %s', path.split('/')[2])[0][0], 'submitted', 'stored');
    await checkAtBothWidths(page, `noscript-application-submitted-${lang}`);
  }, NO_SCRIPT);
}

test('without JavaScript a clerk filters the inbox, opens an application, proposes (refused first) and rejects it',
     async ({ page, browser }) => {
  const { contact, clerk } = negotiationScene('hu');
  // The contact submits in a browser of its own, without script too.
  const other = await browser.newContext({ ...NO_SCRIPT, locale: 'hu-HU' });
  const { id, number } = await submitAsContact(other, contact, 'Árokpartok kaszálása 2026');

  await page.goto(`${BASE}/login`);
  await page.fill('#email', clerk.email);
  await page.fill('#password', clerk.password);
  await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
  await secondStep(page, clerk);
  await page.goto(`${BASE}/admin/applications`);
  assertEqual(await page.locator(`#inbox tr[data-application-id="${id}"]`).count(), 1, 'the inbox lists it');

  // The filter is a plain GET form: a wrong year is told, a right one finds it.
  await page.selectOption('#state', 'submitted');
  await page.fill('#year', 'tavaly');
  await submitted(page, () => page.click('form.inbox-filter button[type=submit]'));
  assert((await page.textContent('#year-error')).includes('négy számjeggyel'), 'the year\'s message');
  assertEqual(await page.getAttribute('#year', 'aria-invalid'), 'true', 'the year is marked');
  await checkAtBothWidths(page, 'noscript-admin-inbox-year-error');
  await page.fill('#year', number.slice(4, 8));
  await submitted(page, () => page.click('form.inbox-filter button[type=submit]'));
  const url = new URL(page.url());
  assertEqual(`${url.searchParams.get('state')} ${url.searchParams.get('year')}`, `submitted ${number.slice(4, 8)}`,
              'the filters are in the address');
  assertEqual(await page.locator('#inbox tbody tr').count(), 1, 'found');
  await checkAtBothWidths(page, 'noscript-admin-inbox-filtered');

  // The application's page; opening it starts the review.
  await submitted(page, () => page.click(`#inbox tr[data-application-id="${id}"] a`));
  assertEqual(await page.getAttribute('#application-state', 'data-state'), 'in_review', 'in review');
  await checkAtBothWidths(page, 'noscript-admin-application');

  // The propose form: without a reason refused, then sent.
  await submitted(page, () => page.click('#propose-link'));
  await page.fill('#headcount_basic', '4');
  const [refused] = await Promise.all([page.waitForNavigation(), page.click('.application-form button[type=submit]')]);
  assertEqual(refused.status(), 422, 'not without a reason');
  assert(await page.isVisible('#error-summary a[href="#message"]'), 'the summary links the reason');
  assertEqual(await page.inputValue('#headcount_basic'), '4', 'what was typed is kept');
  await checkAtBothWidths(page, 'noscript-admin-propose-errors');
  await page.fill('#message', 'Négy fő a keret.');
  await submitted(page, () => page.click('.application-form button[type=submit]'));
  assertEqual(await page.getAttribute('#application-state', 'data-state'), 'proposal', 'proposed');
  assertEqual(sql('SELECT state FROM applications WHERE id = %s', id)[0][0], 'proposal', 'stored');

  // The decision (a proposal can only be rejected): the confirmation first.
  await page.fill('#reason', 'A keret elfogyott.');
  const [unconfirmed] = await Promise.all([page.waitForNavigation(), page.click('#decide button[type=submit]')]);
  assertEqual(unconfirmed.status(), 422, 'not without the confirmation');
  assert(await page.isVisible('#error-summary a[href="#confirm"]'), 'the summary links the checkbox');
  assertEqual(await page.inputValue('#reason'), 'A keret elfogyott.', 'the reason is kept');
  await checkAtBothWidths(page, 'noscript-admin-decide-unconfirmed');
  await page.check('#confirm');
  await submitted(page, () => page.click('#decide button[type=submit]'));
  assertEqual(await page.getAttribute('#application-state', 'data-state'), 'rejected', 'rejected');
  await checkAtBothWidths(page, 'noscript-admin-rejected');
}, NO_SCRIPT);
