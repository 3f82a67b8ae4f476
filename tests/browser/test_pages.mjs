// Every other page and state a user can meet, checked with axe and captured
// for review: the confirmation link's states (already used, expired) and
// the resend pages, the login page's refusals, the logout question, an
// unknown reset link, the error pages of the programs (403, 404, 405),
// nginx's own static pages (413, 429, 503), and the subsidy application's
// refusals that its journey (test_applications.mjs) does not meet, and the
// office's inbox when nothing matches and an application of another office.
import { BASE, test, assert, assertEqual, checkAccessibility, checkAtBothWidths, screenshots } from './harness.mjs';
import { ANSWER, account, address, negotiationScene, secondStep, setClockOffset, waitForMail } from './stack.mjs';
import { ITEMS, VALID, fillApplication } from './application_form.mjs';

async function step(page, label) {
  await checkAccessibility(page, label);
  await screenshots(page, label);
}

async function submitted(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

// Registers through the form; returns the address and the confirmation link.
async function register(page, lang) {
  const email = address(`pages-${lang}`);
  await page.goto(`${BASE}/register?lang=${lang}`);
  await page.fill('#last_name', 'Varga');
  await page.fill('#first_name', 'Zoltán');
  await page.fill('#email', email);
  await page.selectOption('#language', lang);
  await page.fill('#phone', '06 30 222 3344');
  await page.fill('#password', 'Hegyi5Patak');
  await page.fill('#password_confirm', 'Hegyi5Patak');
  await page.fill('#captcha', ANSWER);
  await submitted(page, () => page.click('.actions .btn-primary'));
  assertEqual(new URL(page.url()).pathname, '/register/done', 'registered');
  const mail = await waitForMail(email, lang === 'hu' ? 'Regisztráció megerősítése' : 'Confirm your registration');
  return { email, link: mail.links.find(l => l.includes('/confirm?token=')) };
}

for (const lang of ['hu', 'en']) {
  test(`confirmation link states and the resend pages in ${lang}`, async ({ page }) => {
    try {
      // A used link says so.
      const used = await register(page, lang);
      await page.goto(used.link);
      await submitted(page, () => page.click('form[action="/confirm"] button'));
      await page.goto(used.link);
      assertEqual(await page.textContent('h1'), lang === 'hu' ? 'A regisztrációja már meg van erősítve'
                                                              : 'Your registration is already confirmed', 'already');
      await step(page, `confirm-already-${lang}`);

      // An expired link says so and offers a new mail.
      const old = await register(page, lang);
      setClockOffset(73 * 3600);
      await page.goto(old.link);
      assert(await page.isVisible('.alert-error'), 'the expired message');
      await step(page, `confirm-expired-${lang}`);
      await page.fill('#email', '');
      await submitted(page, () => page.click('form[action="/confirm/resend"] button'));
      assert(await page.isVisible('#error-summary'), 'the summary of the problem');
      assertEqual(await page.getAttribute('#email', 'aria-describedby'), 'email-error', 'the message is tied to the field');
      await step(page, `confirm-resend-error-${lang}`);
      await page.fill('#email', old.email);
      await submitted(page, () => page.click('form[action="/confirm/resend"] button'));
      assertEqual(new URL(page.url()).pathname, '/confirm/resend/sent', 'the new mail is on its way');
      await step(page, `confirm-resend-sent-${lang}`);
    } finally {
      setClockOffset(0);
    }
  });

  test(`the login page's refusals and the logout question in ${lang}`, async ({ page }) => {
    const pending = account('pending', lang);
    await page.goto(`${BASE}/login?lang=${lang}`);
    await page.fill('#email', pending.email);
    await page.fill('#password', pending.password);
    await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
    assert(await page.isVisible('.alert-info a[href="/confirm/resend"]'), 'a pending account is offered a new mail');
    await step(page, `login-pending-${lang}`);

    const disabled = account('disabled', lang);
    await page.fill('#email', disabled.email);
    await page.fill('#password', disabled.password);
    await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
    assert(await page.isVisible('.alert-error'), 'a disabled account is told');
    await step(page, `login-disabled-${lang}`);

    const linked = account('linked', lang);
    await page.fill('#email', linked.email);
    await page.fill('#password', linked.password);
    await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
    await page.goto(`${BASE}/logout`);
    assert(await page.isVisible('form[action="/logout"] .btn-primary'), 'the logout question');
    await step(page, `logout-question-${lang}`);
  });

  test(`error pages in ${lang}`, async ({ page }) => {
    let r = await page.goto(`${BASE}/no/such/page?lang=${lang}`);
    assertEqual(r.status(), 404, '404');
    await step(page, `error-404-${lang}`);
    r = await page.goto(`${BASE}/password/reset?token=nonsense`);
    assertEqual(r.status(), 404, 'an unknown reset link');
    assert(await page.isVisible('a.btn-primary[href="/password/forgot"]'), 'offers a new mail');
    await step(page, `password-reset-invalid-${lang}`);
    r = await page.goto(`${BASE}/captcha/new`);
    assertEqual(r.status(), 405, '405');
    await step(page, `error-405-${lang}`);
    // A form whose token does not belong to this browser is refused.
    await page.goto(`${BASE}/confirm/resend`);
    await page.$eval('input[name=csrf_token]', input => { input.value = 'forged'; });
    await page.fill('#email', 'valaki@example.hu');
    const [response] = await Promise.all([page.waitForNavigation(), page.click('form[action="/confirm/resend"] button')]);
    assertEqual(response.status(), 403, '403');
    await step(page, `error-403-${lang}`);
  });

  test(`applications: an incomplete draft's submission and a form changed meanwhile in ${lang}`,
       async ({ page, context }) => {
    const contact = account('linked', lang);
    await page.goto(`${BASE}/login`);
    await page.fill('#email', contact.email);
    await page.fill('#password', contact.password);
    await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
    await page.goto(`${BASE}/applications/new`);
    await page.fill('#title', lang === 'hu' ? 'Hiányos kérelem' : 'Incomplete application');
    await submitted(page, () => page.click('.application-form button[type=submit]'));
    const path = new URL(page.url()).pathname;

    // Submitting what is not complete: the summary names each problem
    // with its field's label and leads to the list of what is missing on
    // this page, whose entries lead to the field in the form.
    await page.check('#confirm');
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/submit"] button')]);
    assertEqual(refused.status(), 422, 'refused');
    assertEqual(await page.getAttribute('#application-state', 'data-state'), 'draft', 'still a draft');
    const problems = await page.$$eval('#error-summary a', links => links.map(a => [a.getAttribute('href'), a.textContent]));
    assert(problems.length > 1, 'the summary lists every problem, not only the programme type');
    assert(problems[0][1].startsWith(lang === 'hu' ? 'Programtípus: ' : 'Programme type: '), 'in page order');
    for (const [target, text] of problems) {
      assert(/^#[a-z_]+$/.test(target) && await page.$(target), `${target} is on this page`);
      assert(/^[^:]{3,}: \S/.test(text), `labelled: ${text}`);
      assertEqual(await page.getAttribute(`${target} a`, 'href'), `${path}/edit${target}`, 'it leads to the field');
    }
    await page.click('#error-summary a');
    assertEqual(await page.evaluate(() => document.activeElement.id), problems[0][0].slice(1), 'the focus follows');
    await submitted(page, () => page.click(`${problems[0][0]} a`));
    assertEqual(new URL(page.url()).pathname, `${path}/edit`, 'the form');
    await checkAtBothWidths(page, `applications-submit-incomplete-${lang}`);

    // Two tabs edit the draft; the one saving second is shown the other
    // version and keeps what it typed.
    await page.goto(`${BASE}${path}/edit`);
    const other = await context.newPage();
    await other.goto(`${BASE}${path}/edit`);
    await other.fill('#title', 'Másik lap változata');
    await submitted(other, () => other.click('.application-form button[type=submit]'));
    await other.close();
    await page.fill('#public_task', 'Ebben a lapban írt szöveg\nkét sorban');
    const [stale] = await Promise.all([page.waitForNavigation(), page.click('.application-form button[type=submit]')]);
    assertEqual(stale.status(), 409, 'changed meanwhile');
    assert((await page.textContent('.alert-error')).includes('Másik lap változata'), 'their version is shown');
    assertEqual(await page.inputValue('#public_task'), 'Ebben a lapban írt szöveg\nkét sorban', 'ours is kept');
    await checkAtBothWidths(page, `applications-edit-stale-${lang}`);
  });

  test(`the office's inbox: empty, no match, and another office's application refused in ${lang}`,
       async ({ page }) => {
    const { contact, clerk } = negotiationScene(lang);
    const stranger = negotiationScene(lang).clerk;
    await page.goto(`${BASE}/login`);
    await page.fill('#email', clerk.email);
    await page.fill('#password', clerk.password);
    await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
    await secondStep(page, clerk);
    await page.goto(`${BASE}/admin/applications`);
    assert(await page.isVisible('main .alert-info'), 'a new office has no application');
    assertEqual(await page.locator('#inbox').count(), 0, 'and no table');
    await checkAtBothWidths(page, `admin-inbox-empty-${lang}`);

    // The contact submits one; a search that does not match says so.
    await page.context().clearCookies();
    await page.goto(`${BASE}/login`);
    await page.fill('#email', contact.email);
    await page.fill('#password', contact.password);
    await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
    await page.goto(`${BASE}/applications/new`);
    await page.fill('#title', lang === 'hu' ? 'Temetőgondozás' : 'Cemetery care');
    await fillApplication(page, VALID, ITEMS);
    await submitted(page, () => page.click('.application-form button[type=submit]'));
    await page.check('#confirm');
    await submitted(page, () => page.click('form[action$="/submit"] button'));
    const applicationPath = new URL(page.url()).pathname;
    await page.context().clearCookies();
    await page.goto(`${BASE}/login`);
    await page.fill('#email', clerk.email);
    await page.fill('#password', clerk.password);
    await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
    await secondStep(page, clerk);
    await page.goto(`${BASE}/admin/applications?q=${encodeURIComponent('Nincs ilyen település')}`);
    assert(await page.isVisible('main .alert-info'), 'nothing matches');
    assertEqual(await page.inputValue('#q'), 'Nincs ilyen település', 'the search is kept');
    await checkAtBothWidths(page, `admin-inbox-no-match-${lang}`);

    // A clerk of another office: the refusal page, for the page and its forms.
    await page.context().clearCookies();
    await page.goto(`${BASE}/login`);
    await page.fill('#email', stranger.email);
    await page.fill('#password', stranger.password);
    await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
    await secondStep(page, stranger);
    const r = await page.goto(`${BASE}/admin${applicationPath}`);
    assertEqual(r.status(), 403, 'another office\'s application');
    await checkAtBothWidths(page, `admin-application-denied-${lang}`);
    assertEqual((await page.goto(`${BASE}/admin${applicationPath}/propose`)).status(), 403, 'and its propose form');
  });
}

test('nginx\'s own pages (413, 429, 503) are bilingual and pass axe', async ({ page }) => {
  for (const status of [413, 429, 503]) {
    const r = await page.goto(`${BASE}/static/errors/${status}.html`);
    assertEqual(r.status(), 200, `${status} page served`);
    assertEqual(await page.getAttribute('html', 'lang'), 'hu', 'Hungarian first');
    assert(await page.isVisible('[lang="en"] h2'), 'and English');
    await step(page, `nginx-${status}`);
  }
});
