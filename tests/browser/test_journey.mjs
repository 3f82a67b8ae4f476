// The whole journey of a municipality contact, in Hungarian and in English,
// as far as the portal goes today: register → confirm from the mail → the
// district-office clerk links the account in the clerks' area → login → home
// (and the language switch of a logged-in user) → logout. Every page on the
// way is checked with axe and captured at 1280 px and 360 px.
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots } from './harness.mjs';
import { ANSWER, address, officeWithClerk, sql, waitForMail } from './stack.mjs';

const TEXT = {
  hu: {
    registerLink: 'Regisztráció', done: 'Sikeres regisztráció', confirmSubject: 'Regisztráció megerősítése',
    confirmButton: 'Megerősítés', confirmed: 'Regisztrációját megerősítette',
    confirmedSubject: 'Regisztrációja megerősítve', unlinked: 'még nem kapcsolták össze',
    name: 'Szabó Éva', loggedOut: 'Sikeresen kilépett', other: 'en', switchTo: 'English', homeHeading: 'KTK kezdőlap',
    linkAction: 'Összekapcsolás', linkedState: 'Összekapcsolva', linkedSubject: 'összekapcsolták az önkormányzatával',
  },
  en: {
    registerLink: 'Register', done: 'Registration successful', confirmSubject: 'Confirm your registration',
    confirmButton: 'Confirm', confirmed: 'Your registration is confirmed',
    confirmedSubject: 'Registration confirmed', unlinked: 'has not been linked',
    name: 'Éva Szabó', loggedOut: 'You have logged out', other: 'hu', switchTo: 'Magyar', homeHeading: 'KTK home',
    linkAction: 'Link', linkedState: 'Linked', linkedSubject: 'now linked to your municipality',
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
  test(`the whole journey in ${lang}: register, confirm from the mail, linked by a clerk, login, home, logout`,
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

    // Log out from the header.
    await submitted(page, () => page.click('.user-nav button'));
    assertEqual(new URL(page.url()).pathname, '/login', 'after logout');
    assert((await page.textContent('.alert')).includes(t.loggedOut), 'the logged-out notice');
    await step(page, `journey-${lang}-12-logged-out`);
    await page.goto(`${BASE}/home`);
    assertEqual(new URL(page.url()).pathname, '/login', 'home needs a login again');
  });
}
