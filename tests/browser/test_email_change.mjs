// Changing the e-mail address through the pages, with the keyboard alone
// (Tab to each field and button, every stop showing the focus style, Enter
// to send): from the profile to the form, a wrong password and its error
// summary, the request, the confirmation link's page and its button, the
// done page, the login with the new address; the cancel link switching it
// back. A clerk starting the change for a contact of the office. Every
// page checked with axe, in Hungarian and in English.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots, tabTo, typeInto } from './harness.mjs';
import { ROOT, account, address, secondStep, waitForMail } from './stack.mjs';

// A linked contact and a clerk of the contact's office, made by the
// integration tests' fixtures.
function contactAndClerk(lang) {
  const code = 'import json, sys; sys.path.insert(0, sys.argv[1]); import ktk_accounts; ' +
               'a = ktk_accounts.account("linked", language=sys.argv[2]); ' +
               'k = ktk_accounts.clerk(a["office_id"], language=sys.argv[2]); ' +
               'print(json.dumps({"contact": a, "clerk": k}))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, path.join(ROOT, 'tests', 'integration'), lang],
                                 { encoding: 'utf8' }));
}

async function navigated(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

async function logIn(page, email, password, lang) {
  await page.goto(`${BASE}/login?lang=${lang}`);
  await typeInto(page, '#email', email);
  await typeInto(page, '#password', password);
  await navigated(page, () => page.keyboard.press('Enter'));
}

async function mainText(page) { return page.textContent('main'); }

const TEXT = {
  hu: { confirm: 'Erősítse meg az új e-mail címét', notice: 'Kérés a KTK-fiókja e-mail címének módosítására',
        wrong: 'A jelszó nem helyes', sent: 'Elküldtük a megerősítő levelet', done: 'megváltozott',
        reverted: 'korábbi e-mail címét használja' },
  en: { confirm: 'Confirm your new e-mail address', notice: "Request to change your KTK account's e-mail address",
        wrong: 'The password is not correct', sent: 'We sent the confirmation mail', done: 'has changed',
        reverted: 'previous e-mail address again' },
};

for (const lang of ['hu', 'en']) {
  test(`the address changes through the pages with the keyboard alone (${lang})`, async ({ page }) => {
    const t = TEXT[lang];
    const a = account('linked', lang);
    const fresh = address(`new-${lang}`);
    await logIn(page, a.email, a.password, lang);
    assertEqual(new URL(page.url()).pathname, '/home', 'logged in');

    await page.goto(`${BASE}/profile`);
    await tabTo(page, 'a[href="/profile/email"]');
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(new URL(page.url()).pathname, '/profile/email', 'the profile links to the form');
    assert((await mainText(page)).includes(a.email), 'the form shows the current address');
    await checkAccessibility(page, `email-form-${lang}`);
    await screenshots(page, `email-form-${lang}`);

    // A wrong password: the summary takes the focus, the address is kept.
    await typeInto(page, '#new_email', fresh);
    await typeInto(page, '#current_password', 'Rossz-Jelszo-1');
    await navigated(page, () => page.keyboard.press('Enter'));
    assert((await page.textContent('#current_password-error')).includes(t.wrong), 'the wrong password is told');
    assertEqual(await page.evaluate(() => document.activeElement.id), 'error-summary', 'focus on the summary');
    assertEqual(await page.inputValue('#new_email'), fresh, 'the typed address is kept');
    await checkAccessibility(page, `email-form-error-${lang}`);
    await screenshots(page, `email-form-error-${lang}`);

    await typeInto(page, '#current_password', a.password);
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(new URL(page.url()).pathname + new URL(page.url()).search, '/profile/email?sent=1', 'requested');
    assert((await mainText(page)).includes(t.sent), 'the page says what was mailed');
    await checkAccessibility(page, `email-sent-${lang}`);
    await screenshots(page, `email-sent-${lang}`);

    const confirmMail = await waitForMail(fresh, t.confirm);
    const notice = await waitForMail(a.email, t.notice);
    const confirm = confirmMail.links.find(l => l.includes('/profile/email/confirm?token='));
    const cancel = notice.links.find(l => l.includes('/profile/email/cancel?token='));
    assert(confirm && cancel, 'both links are mailed');

    // The link opens the page with the button; only the button changes the address.
    await page.goto(confirm);
    assertEqual(await page.getAttribute('html', 'lang'), lang, 'the page is in the account\'s language');
    assert((await mainText(page)).includes(fresh), 'the page shows the new address');
    await checkAccessibility(page, `email-confirm-${lang}`);
    await screenshots(page, `email-confirm-${lang}`);
    await tabTo(page, 'main button[type=submit]');
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(await page.getAttribute('#email-change-result', 'data-result'), 'changed', 'changed');
    assert((await mainText(page)).includes(t.done), 'the done page says so');
    await checkAccessibility(page, `email-confirmed-${lang}`);
    await screenshots(page, `email-confirmed-${lang}`);

    // The confirming browser kept its session; the profile shows the new address.
    await page.goto(`${BASE}/profile`);
    assert((await mainText(page)).includes(fresh), 'the profile shows the new address');

    // The notice's link now switches back.
    await page.goto(cancel);
    await checkAccessibility(page, `email-revert-${lang}`);
    await screenshots(page, `email-revert-${lang}`);
    await tabTo(page, 'main button[type=submit]');
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(await page.getAttribute('#email-change-result', 'data-result'), 'reverted', 'switched back');
    assert((await mainText(page)).includes(t.reverted), 'the page says the old address is back');
    await checkAccessibility(page, `email-reverted-${lang}`);
    await screenshots(page, `email-reverted-${lang}`);

    // Every session ended: this browser logs in again, with the old address.
    await page.goto(`${BASE}/profile`);
    assertEqual(new URL(page.url()).pathname, '/login', 'the session ended');
    await logIn(page, a.email, a.password, lang);
    assertEqual(new URL(page.url()).pathname, '/home', 'the old address logs in again');

    // A used link: a clear page.
    await page.goto(confirm);
    assertEqual(await page.getAttribute('#email-change-result', 'data-result'), 'used', 'the used link is refused');
    await checkAccessibility(page, `email-link-used-${lang}`);
  });
}

const CLERK_TEXT = {
  hu: { done: 'Elindította az e-mail cím módosítását', subject: 'Erősítse meg az új e-mail címét' },
  en: { done: 'You started the e-mail address change', subject: 'Confirm your new e-mail address' },
};

for (const lang of ['hu', 'en']) {
  test(`a clerk starts the change for a contact with the keyboard alone (${lang})`, async ({ page }) => {
    const { contact, clerk } = contactAndClerk(lang);
    const fresh = address(`office-${lang}`);
    await logIn(page, clerk.email, clerk.password, lang);
    await secondStep(page, clerk);
    assertEqual(new URL(page.url()).pathname, '/admin', 'a clerk lands on /admin');
    await page.goto(`${BASE}/admin?q=${encodeURIComponent(contact.email)}`);
    await tabTo(page, 'a[href^="/admin/email?email="]', 60);
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(new URL(page.url()).pathname, '/admin/email', 'the search result links to the page');
    assert((await mainText(page)).includes(contact.email), 'the page shows the contact');
    await checkAccessibility(page, `admin-email-${lang}`);
    await screenshots(page, `admin-email-${lang}`);

    await typeInto(page, '#new_email', 'nem-cim');
    await navigated(page, () => page.keyboard.press('Enter'));
    assert(await page.isVisible('#new_email-error'), 'a bad address gets a field error');
    await checkAccessibility(page, `admin-email-error-${lang}`);
    await screenshots(page, `admin-email-error-${lang}`);

    await tabTo(page, '#new_email');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(fresh);
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(new URL(page.url()).pathname, '/admin', 'back on the search page');
    assert((await page.textContent('.alert-ok')).includes(CLERK_TEXT[lang].done), 'the message says what happens');
    await checkAccessibility(page, `admin-email-done-${lang}`);
    await waitForMail(fresh, CLERK_TEXT[lang].subject);
  });
}
