// The whole journey of a municipality contact, in Hungarian and in English:
// register → confirm from the mail → the district-office clerk links the
// account in the clerks' area → login → home (and the language switch of a
// logged-in user) → profile edit → password change on the Security tab →
// logout → forgotten password → reset from the mail → login with the new
// password. Every page on the way, its error states included, is checked
// with axe and captured at 1280 px and 360 px.
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots } from './harness.mjs';
import { ANSWER, address, officeWithClerk, secondStep, sql, waitForMail } from './stack.mjs';

const TEXT = {
  hu: {
    registerLink: 'Regisztráció', done: 'Sikeres regisztráció', confirmSubject: 'Regisztráció megerősítése',
    confirmButton: 'Megerősítés', confirmed: 'Regisztrációját megerősítette',
    confirmedSubject: 'Regisztrációja megerősítve', unlinked: 'még nem kapcsolták össze',
    name: 'Szabó Éva', loggedOut: 'Sikeresen kilépett', other: 'en', switchTo: 'English', homeHeading: 'KTK kezdőlap',
    linkAction: 'Összekapcsolás', linkedState: 'Összekapcsolva', linkedSubject: 'összekapcsolták az önkormányzatával',
    saved: 'Az adatait elmentettük.', changed: 'A jelszava megváltozott.', changedSubject: 'A jelszava megváltozott',
    resetSubject: 'Jelszó megújítása', resetDone: 'jelszava megváltozott', wrongLogin: 'Hibás felhasználónév vagy jelszó',
  },
  en: {
    registerLink: 'Register', done: 'Registration successful', confirmSubject: 'Confirm your registration',
    confirmButton: 'Confirm', confirmed: 'Your registration is confirmed',
    confirmedSubject: 'Registration confirmed', unlinked: 'has not been linked',
    name: 'Éva Szabó', loggedOut: 'You have logged out', other: 'hu', switchTo: 'Magyar', homeHeading: 'KTK home',
    linkAction: 'Link', linkedState: 'Linked', linkedSubject: 'now linked to your municipality',
    saved: 'Your details have been saved.', changed: 'Your password has been changed.',
    changedSubject: 'Your password was changed', resetSubject: 'Renew your password', resetDone: 'password has been',
    wrongLogin: 'Wrong username or password',
  },
};

async function step(page, label) {
  await checkAccessibility(page, label);
  await screenshots(page, label);
}

async function submitted(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

async function logIn(page, email, password) {
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
}

for (const lang of ['hu', 'en']) {
  const t = TEXT[lang];
  test(`the whole journey in ${lang}: register, confirm, linked by a clerk, login, home, profile, password change, ` +
       'logout, forgotten password, reset from the mail, login with the new password',
       async ({ page, browser }) => {
    const email = address(`journey-${lang}`);
    const password = 'Tavaszi8Szel';

    // The start page, then registration from its button.
    await page.goto(`${BASE}/?lang=${lang}`);
    assertEqual(new URL(page.url()).pathname, '/login', 'the start page is the login page');
    await step(page, `journey-${lang}-01-login`);
    await submitted(page, () => page.getByRole('link', { name: t.registerLink, exact: true }).click());
    assertEqual(new URL(page.url()).pathname, '/register', 'registration page');
    assertEqual(await page.getAttribute('html', 'lang'), lang, 'page language');
    await step(page, `journey-${lang}-02-register`);

    await page.fill('#last_name', 'Szabó');
    await page.fill('#first_name', 'Éva');
    await page.fill('#email', email);
    await page.selectOption('#language', lang);
    await page.fill('#phone', '06 30 765 4321');
    await page.fill('#password', password);
    await page.fill('#password_confirm', password);
    await page.fill('#captcha', ANSWER.toLowerCase());  // the code is not case-sensitive
    await submitted(page, () => page.click('.actions .btn-primary'));
    assertEqual(new URL(page.url()).pathname, '/register/done', 'after registering');
    assert((await page.textContent('h1')).includes(t.done), 'success heading');
    await step(page, `journey-${lang}-03-register-done`);

    // The confirmation mail, in the chosen language, and its link.
    const mail = await waitForMail(email, t.confirmSubject);
    assertEqual(mail.lang, lang, 'mail language');
    const link = mail.links.find(l => l.includes('/confirm?token='));
    assert(link, `the mail has the confirmation link: ${mail.text}`);
    await page.goto(link);
    await step(page, `journey-${lang}-04-confirm`);
    await submitted(page, () => page.getByRole('button', { name: t.confirmButton }).click());
    assertEqual(new URL(page.url()).pathname, '/confirm/done', 'after confirming');
    assert((await page.textContent('h1')).includes(t.confirmed), 'confirmed heading');
    await step(page, `journey-${lang}-05-confirm-done`);
    await waitForMail(email, t.confirmedSubject);

    // Before the clerk links the account, a correct login is told to go to the district office.
    await page.goto(`${BASE}/login`);
    await logIn(page, email, password);
    assert((await page.textContent('.alert-info')).includes(t.unlinked), 'the district-office message');
    await step(page, `journey-${lang}-06-login-unlinked`);

    // The district-office clerk, in a browser of their own, finds the
    // registration in the clerks' area and links it to the tax number.
    const office = officeWithClerk(lang === 'hu' ? 'Pilisvörösvár Város Önkormányzata' : 'Town of Pilisvörösvár', lang);
    const linked = { municipality: office.municipality, tax_number: office.taxNumber };
    const clerkContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hu-HU' });
    try {
      const clerk = await clerkContext.newPage();
      await clerk.goto(`${BASE}/login`);
      await logIn(clerk, office.clerk.email, office.clerk.password);
      await secondStep(clerk, office.clerk);
      assertEqual(new URL(clerk.url()).pathname, '/admin', 'the clerk lands in the clerks\' area');
      assertEqual(await clerk.getAttribute('html', 'lang'), lang, 'in the clerk\'s language');
      await clerk.fill('#q', email);
      await submitted(clerk, () => clerk.press('#q', 'Enter'));
      const row = clerk.locator('tr', { hasText: email });
      await step(clerk, `journey-${lang}-07-admin-search`);
      await submitted(clerk, () => row.locator('a', { hasText: t.linkAction }).first().click());
      assertEqual(await clerk.inputValue('#email'), email, 'the link form names the registration');
      await clerk.fill('#tax_number', office.taxNumber);
      await step(clerk, `journey-${lang}-08-admin-link`);
      await submitted(clerk, () => clerk.click('form.form button[type=submit]'));
      assert(await clerk.isVisible('.alert-ok'), 'the clerk is told it is done');
      assert((await clerk.locator('tr', { hasText: email }).textContent()).includes(t.linkedState), 'now linked');
      await step(clerk, `journey-${lang}-09-admin-linked`);
    } finally {
      await clerkContext.close();
    }
    const linkedMail = await waitForMail(email, t.linkedSubject);
    assertEqual(linkedMail.lang, lang, 'the linked mail is in the user\'s language');

    await page.goto(`${BASE}/login`);
    await logIn(page, email, password);
    assertEqual(new URL(page.url()).pathname, '/home', 'after login');
    assertEqual(await page.getAttribute('html', 'lang'), lang, 'home in the stored language');
    const main = await page.textContent('main');
    assert(main.includes(t.name) && main.includes(linked.municipality) && main.includes(linked.tax_number),
           `home shows the name, the municipality and its tax number: ${main}`);
    assert((await page.textContent('.user-bar')).includes(t.name), 'the header says who is logged in');
    await step(page, `journey-${lang}-10-home`);

    // The language switch of a logged-in user: same page, other language,
    // and the stored language follows; then back.
    await submitted(page, () => page.click('.lang-switch button'));
    assertEqual(new URL(page.url()).pathname, '/home', 'the switch stays on the page');
    assertEqual(await page.getAttribute('html', 'lang'), t.other, 'switched');
    assertEqual(sql('SELECT language FROM users WHERE email_key = %s', email)[0][0], t.other, 'stored language');
    await step(page, `journey-${lang}-11-home-switched`);
    await submitted(page, () => page.click('.lang-switch button'));
    assertEqual(await page.getAttribute('html', 'lang'), lang, 'switched back');
    assertEqual(sql('SELECT language FROM users WHERE email_key = %s', email)[0][0], lang, 'stored language back');
    assert((await page.textContent('h1')).includes(t.homeHeading), 'home heading');

    // Profile: a problem first (the summary and the field's own message), then saved.
    await submitted(page, () => page.click('.user-nav a[href="/profile"]'));
    assertEqual(await page.getAttribute('.user-nav a[href="/profile"]', 'aria-current'), 'page', 'the tab is marked');
    assertEqual(await page.inputValue('#last_name'), 'Szabó', 'the stored name');
    await step(page, `journey-${lang}-12-profile`);
    await page.fill('#last_name', '');
    await page.fill('#phone', '06 30 999 8877');
    await submitted(page, () => page.click('form[action="/profile"] button[type=submit]'));
    assert(await page.isVisible('#error-summary a[href="#last_name"]'), 'the summary links the field');
    assertEqual(await page.getAttribute('#last_name', 'aria-invalid'), 'true', 'the field is marked');
    assertEqual(await page.inputValue('#phone'), '06 30 999 8877', 'what was typed is kept');
    await step(page, `journey-${lang}-13-profile-errors`);
    await page.fill('#last_name', 'Szabó-Kiss');
    await submitted(page, () => page.click('form[action="/profile"] button[type=submit]'));
    assert((await page.textContent('main')).includes(t.saved), 'saved');
    assertEqual(sql('SELECT last_name, phone FROM users WHERE email_key = %s', email)[0].join(' '),
                'Szabó-Kiss +36309998877', 'stored');
    await step(page, `journey-${lang}-14-profile-saved`);

    // Security tab: a wrong current password is refused, then the change.
    const changed = 'Oszi-Falevel-77';
    await submitted(page, () => page.click('.user-nav a[href="/profile/security"]'));
    await page.fill('#current_password', 'nem-ez-a-jelszo');
    await page.fill('#password', changed);
    await page.fill('#password_confirm', changed);
    await submitted(page, () => page.click('form[action="/profile/security"] button[type=submit]'));
    assert(await page.isVisible('#current_password-error'), 'the current password is checked');
    await step(page, `journey-${lang}-15-security-errors`);
    await page.fill('#current_password', password);
    await page.fill('#password', changed);
    await page.fill('#password_confirm', changed);
    await submitted(page, () => page.click('form[action="/profile/security"] button[type=submit]'));
    assert((await page.textContent('main')).includes(t.changed), 'changed');
    await step(page, `journey-${lang}-16-security-changed`);
    await waitForMail(email, t.changedSubject);

    // Log out from the header.
    await submitted(page, () => page.click('.user-nav .logout-form button'));
    assertEqual(new URL(page.url()).pathname, '/login', 'after logout');
    assert((await page.textContent('.alert')).includes(t.loggedOut), 'the logged-out notice');
    await step(page, `journey-${lang}-17-logged-out`);
    await page.goto(`${BASE}/home`);
    assertEqual(new URL(page.url()).pathname, '/login', 'home needs a login again');

    // Forgotten password: from the login page's link, a mail, its link, a new password.
    await submitted(page, () => page.click('a[href="/password/forgot"]'));
    await step(page, `journey-${lang}-18-forgot`);
    await page.fill('#email', email);
    await submitted(page, () => page.click('form[action="/password/forgot"] button[type=submit]'));
    assertEqual(new URL(page.url()).pathname, '/password/forgot/sent', 'the mail is on its way');
    await step(page, `journey-${lang}-19-forgot-sent`);
    const resetMail = await waitForMail(email, t.resetSubject);
    assertEqual(resetMail.lang, lang, 'the reset mail is in the user\'s language');
    const resetLink = resetMail.links.find(l => l.includes('/password/reset?token='));
    assert(resetLink, `the mail has the reset link: ${resetMail.text}`);
    await page.goto(resetLink);
    const resetPage = await page.textContent('main');
    assert(resetPage.includes(lang === 'hu' ? 'Szabó-Kiss Éva' : 'Éva Szabó-Kiss'), 'the page names the user');
    assert(!resetPage.includes(email), 'but does not show the address');
    await page.fill('#password', 'Tel-Hoesés-2026');
    await page.fill('#password_confirm', 'Tel-Hoeses-2026');
    await submitted(page, () => page.click('form[action="/password/reset"] button[type=submit]'));
    assert(await page.isVisible('#password_confirm-error'), 'the two passwords must match');
    await step(page, `journey-${lang}-20-reset-errors`);
    const renewed = 'Tel-Hoeses-2026';
    await page.fill('#password', renewed);
    await page.fill('#password_confirm', renewed);
    await submitted(page, () => page.click('form[action="/password/reset"] button[type=submit]'));
    assertEqual(new URL(page.url()).pathname, '/login', 'no automatic login after a reset');
    assert((await page.textContent('.alert')).includes(t.resetDone), 'the login page says the password changed');
    await step(page, `journey-${lang}-21-reset-done`);
    await waitForMail(email, t.changedSubject, 2);

    // The password of the Security tab is gone; the new one works.
    await logIn(page, email, changed);
    assert((await page.textContent('.alert-error')).includes(t.wrongLogin), 'the old password is refused');
    await logIn(page, email, renewed);
    assertEqual(new URL(page.url()).pathname, '/home', 'logged in with the new password');
    assert((await page.textContent('main')).includes(linked.tax_number), 'home again, with the municipality');
    await step(page, `journey-${lang}-22-home-again`);
  });
}
