// Registration and login, and a subsidy application (filled, saved,
// corrected from the error summary, submitted with its confirmation),
// completed with the keyboard alone: Tab moves through the fields in page
// order, every stop shows the focus style, the selects, the checkbox, the
// show-password toggle and the buttons work from the keyboard, and Enter
// sends the forms. No mouse event is used. The clerks' side too: the
// inbox's filter, the application's page, the propose form and the
// decision with its confirmation.
import { BASE, test, assert, assertEqual, checkAccessibility, tabTo as tabToAtMost, typeInto as typeIntoAtMost }
  from './harness.mjs';
import { ANSWER, account, address, linkWithCli, negotiationScene, secondStep, waitForMail } from './stack.mjs';
import { submitAsContact } from './application_form.mjs';

// Here the order of the page is checked too: each target within six stops unless said.
const tabTo = (page, selector, max = 6) => tabToAtMost(page, selector, max);
const typeInto = (page, selector, text, max = 6) => typeIntoAtMost(page, selector, text, max);

async function navigated(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

test('registration and login completed with the keyboard alone', async ({ page }) => {
  const email = address('keyboard');
  const password = 'Nyari7Eso';
  await page.goto(`${BASE}/register?lang=en`);

  // The first Tab reaches the skip link, which shows itself and jumps to the content.
  await page.keyboard.press('Tab');
  assertEqual(await page.evaluate(() => document.activeElement.className), 'skip-link', 'first stop');
  assert(await page.evaluate(() => document.activeElement.getBoundingClientRect().left >= 0), 'skip link on screen');

  await typeInto(page, '#last_name', 'Tóth', 4);
  await typeInto(page, '#first_name', 'Béla', 1);
  await typeInto(page, '#email', email, 1);
  await tabTo(page, '#language', 1);
  await page.keyboard.press('ArrowDown');  // magyar → angol (English)
  assertEqual(await page.inputValue('#language'), 'en', 'the select works from the keyboard');
  await typeInto(page, '#phone', '+36 1 234 5678', 1);
  await typeInto(page, '#password', password, 1);
  // The show-password toggle comes next; Space presses it, and again.
  await tabTo(page, '#password-toggle', 1);
  await page.keyboard.press('Space');
  assertEqual(await page.getAttribute('#password', 'type'), 'text', 'password shown');
  await page.keyboard.press('Space');
  assertEqual(await page.getAttribute('#password', 'type'), 'password', 'password hidden again');
  await typeInto(page, '#password_confirm', password, 1);
  // Then the toggle of the second field, "new code", "listen", and the answer.
  const stops = await tabTo(page, '#captcha', 4);
  assertEqual(stops.join(' → '), 'password_confirm-toggle → captcha-new → captcha-audio → captcha', 'captcha stops');
  await page.keyboard.type(ANSWER);
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(new URL(page.url()).pathname, '/register/done', 'registered with Enter');
  await checkAccessibility(page, 'keyboard-register-done-en');

  // Opening the mail's link is the mail program's job; the page's button is ours.
  const mail = await waitForMail(email, 'Confirm your registration');
  await page.goto(mail.links.find(l => l.includes('/confirm?token=')));
  await tabTo(page, 'form[action="/confirm"] button', 6);
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(new URL(page.url()).pathname, '/confirm/done', 'confirmed with the keyboard');
  linkWithCli(email, 'Town of Zsámbék');

  await page.goto(`${BASE}/login?lang=en`);
  await typeInto(page, '#email', email, 5);
  await typeInto(page, '#password', password, 1);
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(new URL(page.url()).pathname, '/home', 'logged in with Enter');
  assert((await page.textContent('main')).includes('Town of Zsámbék'), 'home shows the municipality');

  // Logging out is a button in the header: reachable and pressed with Enter.
  await tabTo(page, '.user-nav button', 8);
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(new URL(page.url()).pathname, '/login', 'logged out with the keyboard');
});

test('an error summary takes the focus and its links lead to the fields', async ({ page }) => {
  await page.goto(`${BASE}/register`);
  await tabTo(page, '#last_name', 4);
  await page.keyboard.type('Kovács');
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(await page.evaluate(() => document.activeElement.id), 'error-summary', 'focus on the summary');
  // Tab to the first link of the summary (the first field in error) and follow it.
  await page.keyboard.press('Tab');
  assertEqual(await page.evaluate(() => document.activeElement.getAttribute('href')), '#first_name', 'first link');
  await page.keyboard.press('Enter');
  assertEqual(await page.evaluate(() => document.activeElement.id), 'first_name', 'the field has the focus');
  assertEqual(await page.inputValue('#last_name'), 'Kovács', 'what was typed is kept');
});

for (const lang of ['hu', 'en']) {
  test(`an application filled, corrected, saved and submitted with the keyboard alone (${lang})`, async ({ page }) => {
    const contact = account('linked', lang);
    await page.goto(`${BASE}/login`);
    await typeInto(page, '#email', contact.email, 5);
    await typeInto(page, '#password', contact.password, 1);
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(new URL(page.url()).pathname, '/home', 'logged in');

    // "New application" is a link on the list: Tab to it, Enter.
    await page.goto(`${BASE}/applications`);
    await tabTo(page, 'a[href="/applications/new"]', 12);
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(new URL(page.url()).pathname, '/applications/new', 'the form');

    // Every field in page order; the daily hours wrong on purpose.
    await typeInto(page, '#title', 'Téli síkosságmentesítés', 12);
    await tabTo(page, '#programme_type', 1);
    for (let i = 0; i < 3 && (await page.inputValue('#programme_type')) !== 'long_term'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    assertEqual(await page.inputValue('#programme_type'), 'long_term', 'the select works from the keyboard');
    await typeInto(page, '#public_task', 'Járdák és buszmegállók\ncsúszásmentesítése', 1);
    await typeInto(page, '#work_locations', 'Belterület', 1);
    await typeInto(page, '#start_date', '2026-04-01', 1);
    await typeInto(page, '#end_date', '2026-06-30', 1);
    await typeInto(page, '#daily_hours', '12', 1);
    await typeInto(page, '#headcount_basic', '4', 1);
    await typeInto(page, '#headcount_skilled', '1', 1);
    await typeInto(page, '#headcount_leaders', '0', 1);
    await typeInto(page, '#headcount_leaders_skilled', '0', 1);
    await typeInto(page, '#material_item_name', 'Szórósó', 1);
    await typeInto(page, '#material_item_amount', '120 000', 1);
    await typeInto(page, '#wage_support_pct', '100', 5);  // past the two empty cost lines
    await typeInto(page, '#material_support', '100000', 1);
    await tabTo(page, '.application-form button[type=submit]', 1);
    await navigated(page, () => page.keyboard.press('Enter'));

    // The summary has the focus; its link puts the focus in the field.
    assertEqual(await page.evaluate(() => document.activeElement.id), 'error-summary', 'focus on the summary');
    await page.keyboard.press('Tab');
    assertEqual(await page.evaluate(() => document.activeElement.getAttribute('href')), '#daily_hours', 'its link');
    await page.keyboard.press('Enter');
    assertEqual(await page.evaluate(() => document.activeElement.id), 'daily_hours', 'the field has the focus');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('8');
    await navigated(page, () => page.keyboard.press('Enter'));  // Enter in a field sends the form
    assert(/^\/applications\/[0-9]+$/.test(new URL(page.url()).pathname), `saved: ${page.url()}`);
    assertEqual(await page.getAttribute('#application-state', 'data-state'), 'draft', 'a draft');
    assert(Number(await page.getAttribute('#budget-total-support', 'data-amount')) > 0, 'with its budget');

    // The confirmation is a checkbox: Space ticks it; the button sends it.
    await tabTo(page, '#confirm', 16);
    await page.keyboard.press('Space');
    assert(await page.isChecked('#confirm'), 'ticked with Space');
    await tabTo(page, 'form[action$="/submit"] button', 1);
    await navigated(page, () => page.keyboard.press('Enter'));
    assertEqual(await page.getAttribute('#application-state', 'data-state'), 'submitted', 'submitted');
    assert(/^KTK-20[0-9]{2}-[0-9]{6}$/.test((await page.textContent('#application-number')).trim()), 'numbered');
  });
}

test('a clerk filters the inbox, opens an application, proposes and rejects it with the keyboard alone',
     async ({ page, browser }) => {
  const { contact, clerk } = negotiationScene('en');
  // The contact's submission is not what this test is about: another browser, quickly.
  const other = await browser.newContext();
  const { id, number } = await submitAsContact(other, contact, 'Road verges 2026');

  await page.goto(`${BASE}/login`);
  await typeInto(page, '#email', clerk.email, 5);
  await typeInto(page, '#password', clerk.password, 1);
  await navigated(page, () => page.keyboard.press('Enter'));
  await secondStep(page, clerk);
  assertEqual(new URL(page.url()).pathname, '/admin', 'a clerk lands on /admin');

  // The inbox: the search field, the number typed, Enter.
  await page.goto(`${BASE}/admin/applications`);
  await typeInto(page, '#q', number, 16);
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(new URL(page.url()).searchParams.get('q'), number, 'filtered');
  // Past the filter's fields, the counts and the CSV link to the row's link.
  await tabTo(page, `#inbox tr[data-application-id="${id}"] a`, 30);
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(new URL(page.url()).pathname, `/admin/applications/${id}`, 'the application');
  assertEqual(await page.getAttribute('#application-state', 'data-state'), 'in_review', 'in review');

  // The proposal: the link, the headcount changed, the reason, the button.
  await tabTo(page, '#propose-link', 16);
  await navigated(page, () => page.keyboard.press('Enter'));
  await tabTo(page, '#headcount_basic', 30);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('4');
  await typeInto(page, '#message', 'The quota allows four.', 16);
  await tabTo(page, '.application-form button[type=submit]', 1);
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(await page.getAttribute('#application-state', 'data-state'), 'proposal', 'proposed');
  await checkAccessibility(page, 'keyboard-admin-proposed');

  // The decision: the reason, the checkbox with Space, the button with Enter.
  await tabTo(page, '#decision-reject', 60);
  assert(await page.isChecked('#decision-reject'), 'the only choice is chosen');
  await typeInto(page, '#reason', 'The quota is spent.', 1);
  await tabTo(page, '#confirm', 1);
  await page.keyboard.press('Space');
  assert(await page.isChecked('#confirm'), 'ticked with Space');
  await tabTo(page, '#decide button[type=submit]', 1);
  await navigated(page, () => page.keyboard.press('Enter'));
  assertEqual(await page.getAttribute('#application-state', 'data-state'), 'rejected', 'rejected with the keyboard');
});
