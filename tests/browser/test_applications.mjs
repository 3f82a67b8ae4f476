// A municipality contact's subsidy application, in Hungarian and in
// English: the empty list → "New application" → a draft with only a title
// → away (home, logout, login) and back to it from the list → edit with
// wrong data (the error summary and the fields' own messages, translated)
// → fixed and saved → the server's budget, checked against the README's
// formula with the seeded 2026 rates → submission refused without the
// confirmation, then submitted (state and number) → the PDF → withdrawal
// refused without a reason, then withdrawn. Every page state on the way is
// checked with axe (no violation of any impact) at 1280 px and at 360 px
// and captured for review. Before the submission a file is attached
// (attachmentStep); the home page shows the draft waiting, and after the
// submission its number and state (homeSummaryStep).
import { BASE, test, assert, assertEqual, checkAtBothWidths } from './harness.mjs';
import { account } from './stack.mjs';
import { VALID, fillApplication } from './application_form.mjs';

const TEXT = {
  hu: {
    listHeading: 'Kérelmek', empty: 'Az önkormányzatnak még nincs kérelme.', newButton: 'Új kérelem',
    save: 'Piszkozat mentése', saved: 'A piszkozatot elmentettük.', edit: 'Szerkesztés',
    missing: 'A benyújtás előtt még szükséges', summary: 'Az űrlapot nem sikerült elküldeni',
    endBeforeStart: 'A befejezés dátuma nem lehet korábbi a kezdésénél.',
    hoursRange: 'Ebben a programtípusban a napi munkaidő 4–8 óra lehet.', negative: 'A szám nem lehet negatív.',
    submit: 'A kérelem benyújtása', confirmError: 'Jelölje be a négyzetet',
    submitted: 'A kérelmet benyújtotta.', withdraw: 'Visszavonás', reasonError: 'Írja le, miért vonja vissza',
    withdrawn: 'A kérelmet visszavonta.', places: 'Munkavégzés helyei', title: 'Parkok és közterületek gondozása 2026',
    items: [['Munkaruha és védőfelszerelés', '240 000'], ['Kéziszerszámok', '95500']],
    reason: 'A képviselő-testület a programot elhalasztotta.',
    attach: 'Fájl csatolása', attached: 'A fájlt csatoltuk.', fileName: 'képviselő-testületi határozat.pdf',
    wrongFile: 'Csak PDF-, JPEG- vagy PNG-fájl csatolható',
  },
  en: {
    listHeading: 'Applications', empty: 'Your municipality has no application yet.', newButton: 'New application',
    save: 'Save draft', saved: 'The draft is saved.', edit: 'Edit',
    missing: 'Before it can be submitted', summary: 'The form could not be sent',
    endBeforeStart: 'The end date cannot be before the start date.',
    hoursRange: 'This programme type allows 4–8 working hours a day.', negative: 'The number cannot be negative.',
    submit: 'Submit the application', confirmError: 'Tick the box',
    submitted: 'The application is submitted.', withdraw: 'Withdraw', reasonError: 'Write why the application',
    withdrawn: 'The application is withdrawn.', places: 'Places of work', title: 'Care of parks and public spaces 2026',
    items: [['Work clothes and protective gear', '240 000'], ['Hand tools', '95500']],
    reason: 'The council postponed the programme.',
    attach: 'Attach file', attached: 'The file is attached.', fileName: 'council resolution.pdf',
    wrongFile: 'Only PDF, JPEG or PNG files can be attached',
  },
};

// The seeded 2026 rates (migration 0011; README "Subsidy rules"): monthly
// full-time wages of the two categories used, and the contribution tax in
// basis points.
const RATES_2026 = { basic: 161400, skilled: 186600, contributionBasisPoints: 1300 };

// The budget as the README's "The budget and its rounding" describes it,
// in exact integer arithmetic: a person's wage month by month (monthly
// wage × hours ÷ 8 × days inside ÷ days of the month, half up), times
// the headcount; the contribution tax half up; the support rounded down.
function expectedBudget({ start, end, hours, headcounts, rates, pct }) {
  const halfUp = (a, b) => (2n * a + b) / (2n * b);
  const [sy, sm, sd] = start.split('-').map(Number);
  const [ey, em, ed] = end.split('-').map(Number);
  let wage = 0n;
  for (let y = sy, m = sm, first = sd; y < ey || (y === ey && m <= em); first = 1) {
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();  // day 0 of the next month
    const last = y === ey && m === em ? ed : days;
    for (const [category, count] of Object.entries(headcounts)) {
      wage += BigInt(count) * halfUp(BigInt(rates[category] * hours * (last - first + 1)), BigInt(8 * days));
    }
    if (m === 12) { m = 1; y++; } else m++;
  }
  const contribution = halfUp(wage * BigInt(rates.contributionBasisPoints), 10000n);
  const wageSupport = (wage + contribution) * BigInt(pct) / 100n;
  return { wage: Number(wage), contribution: Number(contribution), wageSupport: Number(wageSupport) };
}

async function submitted(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

async function logIn(page, who) {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await submitted(page, () => page.click('form[action="/login"] button[type=submit]'));
  assertEqual(new URL(page.url()).pathname, '/home', 'logged in');
}

const amount = async (page, id) => Number(await page.getAttribute(`#${id}`, 'data-amount'));
const state = page => page.getAttribute('#application-state', 'data-state');

// The attachments (SPEC §7: a multipart POST to /applications/{id}/attachments,
// input `file`): a program renamed .pdf is refused with the field's message
// and the summary, a real PDF is attached and listed, and its link
// downloads the very bytes that were chosen.
const PDF = Buffer.from('%PDF-1.4\n% a council resolution\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
async function attachmentStep(page, t, lang, applicationPath) {
  await page.setInputFiles('#file', { name: 'program.pdf', mimeType: 'application/pdf',
                                      buffer: Buffer.from('MZ\x90\x00 not a PDF at all') });
  const [refused] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                                       page.getByRole('button', { name: t.attach }).click()]);
  assertEqual(refused.status(), 422, 'a program renamed .pdf is refused');
  assert((await page.textContent('#file-error')).includes(t.wrongFile), 'the file field\'s message');
  assert(await page.isVisible('#error-summary a[href="#file"]'), 'the summary links the file field');
  await checkAtBothWidths(page, `applications-${lang}-06b-attachment-refused`);

  await page.setInputFiles('#file', { name: t.fileName, mimeType: 'application/pdf', buffer: PDF });
  await submitted(page, () => page.getByRole('button', { name: t.attach }).click());
  assertEqual(new URL(page.url()).pathname, applicationPath, 'back on the application');
  assert((await page.textContent('.alert-ok')).includes(t.attached), 'the attached notice');
  const link = page.locator('#attachments li.attachment a', { hasText: t.fileName });
  assertEqual(await link.count(), 1, 'listed under its name');
  const got = await page.evaluate(async url => {
    const r = await fetch(url, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
  }, await link.getAttribute('href'));
  assertEqual(`${got.status} ${got.type}`, '200 application/pdf', 'downloaded');
  assertEqual(got.text, PDF.toString(), 'the same bytes');
  await checkAtBothWidths(page, `applications-${lang}-06c-attached`);
}

// The home page's summary: the draft waits for the contact (#home-waiting)
// and is among the municipality's applications (#home-applications) until
// it is submitted; then it waits no more and is listed with its number
// and state. The user bar's "Applications" link leads to the list.
async function homeSummaryStep(page, t, lang, applicationPath, number) {
  const id = applicationPath.split('/').pop();
  await page.goto(`${BASE}/home`);
  const waiting = page.locator(`#home-waiting .waiting-item[data-application-id="${id}"]`);
  const recent = page.locator('#home-applications tbody tr', { has: page.locator(`a[href="${applicationPath}"]`) });
  assertEqual(await recent.count(), 1, 'listed on the home page');
  if (!number) {
    assertEqual(await waiting.count(), 1, 'the draft waits for the contact');
    assertEqual(await recent.locator('[data-state]').getAttribute('data-state'), 'draft', 'listed as a draft');
    await checkAtBothWidths(page, `applications-${lang}-03b-home-draft`);
    await submitted(page, () => page.locator('.user-nav').getByRole('link', { name: t.listHeading }).click());
    assertEqual(new URL(page.url()).pathname, '/applications', 'the user bar leads to the list');
    assertEqual(await page.getAttribute('.user-nav a[href="/applications"]', 'aria-current'), 'page', 'marked current');
    await page.goto(`${BASE}/home`);
    return;
  }
  assertEqual(await waiting.count(), 0, 'a submitted application waits no more');
  assertEqual(await recent.locator('[data-state]').getAttribute('data-state'), 'submitted', 'listed as submitted');
  assert((await recent.textContent()).includes(number), 'with its number');
  await checkAtBothWidths(page, `applications-${lang}-08b-home-submitted`);
}

for (const lang of ['hu', 'en']) {
  const t = TEXT[lang];
  test(`an application in ${lang}: a draft with a title only, found again after logging out, wrong data refused ` +
       'with translated messages, fixed, the server\'s budget, a file attached, submitted with a number, the PDF, withdrawn',
       async ({ page }) => {
    const contact = account('linked', lang);
    await logIn(page, contact);

    // The list starts empty; "New application" opens the form.
    await page.goto(`${BASE}/applications`);
    assertEqual(await page.getAttribute('html', 'lang'), lang, 'in the contact\'s language');
    assertEqual(await page.textContent('h1'), t.listHeading, 'the list');
    assert((await page.textContent('main')).includes(contact.municipality), 'the list names the municipality');
    assert((await page.textContent('main')).includes(t.empty), 'no application yet');
    await checkAtBothWidths(page, `applications-${lang}-01-list-empty`);
    await submitted(page, () => page.getByRole('link', { name: t.newButton, exact: true }).click());
    assertEqual(new URL(page.url()).pathname, '/applications/new', 'the new form');
    assertEqual(await page.locator('main [placeholder]').count(), 0,
                'no example in a field that looks like a value typed in (the hint gives the date\'s form)');
    await checkAtBothWidths(page, `applications-${lang}-02-new`);

    // A draft may be incomplete: the title alone is saved.
    await page.fill('#title', t.title);
    await submitted(page, () => page.getByRole('button', { name: t.save }).click());
    const applicationPath = new URL(page.url()).pathname;
    assert(/^\/applications\/[1-9][0-9]*$/.test(applicationPath), `the draft's page: ${page.url()}`);
    assertEqual(await page.textContent('h1'), t.title, 'the draft\'s title');
    assertEqual(await state(page), 'draft', 'a draft');
    assert((await page.textContent('.alert-ok')).includes(t.saved), 'saved');
    assert(await page.isVisible('#budget-none'), 'no budget without the period and the workers');
    assert((await page.textContent('main')).includes(t.missing), 'what is still needed is listed');
    await checkAtBothWidths(page, `applications-${lang}-03-draft-title-only`);

    // Away and back: home (where the draft waits), log out, log in again,
    // the list leads to the draft.
    await homeSummaryStep(page, t, lang, applicationPath, null);
    await submitted(page, () => page.click('.user-nav .logout-form button'));
    assertEqual(new URL(page.url()).pathname, '/login', 'logged out');
    await logIn(page, contact);
    await page.goto(`${BASE}/applications`);
    const row = page.locator('table.applications tbody tr', { hasText: t.title });
    assertEqual(await row.count(), 1, 'the draft is on the list');
    assertEqual(await row.locator('[data-state]').getAttribute('data-state'), 'draft', 'as a draft');
    await checkAtBothWidths(page, `applications-${lang}-04-list-draft`);
    await submitted(page, () => row.getByRole('link', { name: t.title }).click());
    assertEqual(new URL(page.url()).pathname, applicationPath, 'back on the draft');

    // Wrong data: the end before the start, 12 hours a day, a negative headcount.
    await submitted(page, () => page.getByRole('link', { name: t.edit, exact: true }).click());
    assertEqual(new URL(page.url()).pathname, `${applicationPath}/edit`, 'the edit form');
    assertEqual(await page.inputValue('#title'), t.title, 'the saved title is in the form');
    await fillApplication(page, { programme_type: 'long_term', start_date: '2026-05-01', end_date: '2026-04-30',
                           daily_hours: '12', headcount_basic: '-3' });
    const [refused] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                                         page.getByRole('button', { name: t.save }).click()]);
    assertEqual(refused.status(), 422, 'refused');
    assertEqual(await page.getAttribute('html', 'lang'), lang, 'still in the contact\'s language');
    assert((await page.textContent('#error-summary')).includes(t.summary), 'the summary, translated');
    const expected = { end_date: t.endBeforeStart, daily_hours: t.hoursRange, headcount_basic: t.negative };
    for (const [field, message] of Object.entries(expected)) {
      assert(await page.isVisible(`#error-summary a[href="#${field}"]`), `the summary links ${field}`);
      assertEqual((await page.textContent(`#${field}-error`)).trim(), message, `${field}'s own message`);
      assertEqual(await page.getAttribute(`#${field}`, 'aria-invalid'), 'true', `${field} is marked`);
      assert((await page.getAttribute(`#${field}`, 'aria-describedby')).split(' ').includes(`${field}-error`),
             `${field}'s message is tied to it`);
    }
    assertEqual(await page.$$eval('#error-summary li', items => items.length), 3, 'only those three');
    assertEqual(await page.inputValue('#daily_hours'), '12', 'what was typed is kept');
    assertEqual(await page.locator('input[name=material_item_name]').count(), 3,
                'the three empty cost lines sent back are not added to three new ones');
    assertEqual(await page.evaluate(() => document.activeElement.id), 'error-summary', 'the summary has the focus');
    assertEqual(await page.inputValue('input[name=version]'), '1', 'nothing was saved');
    await checkAtBothWidths(page, `applications-${lang}-05-edit-errors`);

    // Fixed with valid data and saved: the server's budget.
    await fillApplication(page, VALID, t.items);
    await submitted(page, () => page.getByRole('button', { name: t.save }).click());
    assertEqual(new URL(page.url()).pathname, applicationPath, 'saved');
    assert((await page.textContent('.alert-ok')).includes(t.saved), 'the saved notice');
    assertEqual(await state(page), 'draft', 'still a draft');
    assertEqual(await page.textContent('#application-version'), '2', 'the second version');
    const budget = expectedBudget({ start: VALID.start_date, end: VALID.end_date, hours: 8, rates: RATES_2026,
                                    headcounts: { basic: 6, skilled: 3 }, pct: 95 });
    assertEqual(await amount(page, 'budget-wage'), budget.wage, 'the wages, as the README computes them');
    assertEqual(await amount(page, 'budget-contribution'), budget.contribution, 'the contribution tax');
    assertEqual(await amount(page, 'budget-wage-support'), budget.wageSupport, 'the wage support, rounded down');
    assertEqual(await amount(page, 'budget-material-support'), 300000, 'the material support requested');
    assertEqual(await amount(page, 'budget-total-support'), budget.wageSupport + 300000, 'the total support');
    assertEqual(await amount(page, 'budget-own-share'),
                budget.wage + budget.contribution + 335500 - budget.wageSupport - 300000, 'the own share');
    assert(!(await page.isVisible('#budget-none')), 'the budget is there');
    await checkAtBothWidths(page, `applications-${lang}-06-draft-complete`);

    // The places of work keep their lines, on the page and in the form
    // (a reopened form must not join them: saving it would store them so).
    const places = page.locator('dt', { hasText: t.places }).locator('xpath=following-sibling::dd[1]');
    assertEqual(await places.innerText(), VALID.work_locations, 'one place a line on the page');
    await page.goto(`${BASE}${applicationPath}/edit`);
    assertEqual(await page.inputValue('#work_locations'), VALID.work_locations, 'one place a line in the form');
    await page.goto(`${BASE}${applicationPath}`);

    await attachmentStep(page, t, lang, applicationPath);

    // Submission needs the confirmation; then it is submitted and numbered.
    const [unconfirmed] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                                             page.getByRole('button', { name: t.submit }).click()]);
    assertEqual(unconfirmed.status(), 422, 'not without the confirmation');
    assert((await page.textContent('#confirm-error')).includes(t.confirmError), 'the checkbox\'s message');
    assert(await page.isVisible('#error-summary a[href="#confirm"]'), 'the summary links the checkbox');
    assertEqual(await state(page), 'draft', 'not submitted');
    await checkAtBothWidths(page, `applications-${lang}-07-submit-unconfirmed`);
    await page.check('#confirm');
    await submitted(page, () => page.getByRole('button', { name: t.submit }).click());
    assertEqual(new URL(page.url()).pathname, applicationPath, 'back on the application');
    assertEqual(await state(page), 'submitted', 'submitted');
    assert((await page.textContent('.alert-ok')).includes(t.submitted), 'the submitted notice');
    const number = (await page.textContent('#application-number')).trim();
    assert(/^KTK-20[0-9]{2}-[0-9]{6}$/.test(number), `a number: ${number}`);
    assertEqual(await page.locator(`a[href="${applicationPath}/edit"]`).count(), 0, 'no editing any more');
    assertEqual(await amount(page, 'budget-wage'), budget.wage, 'the submitted budget');
    await checkAtBothWidths(page, `applications-${lang}-08-submitted`);

    // The PDF, fetched as the page's link would fetch it.
    const pdf = await page.evaluate(async url => {
      const r = await fetch(url, { credentials: 'same-origin' });
      const head = new Uint8Array(await r.arrayBuffer()).slice(0, 5);
      return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...head) };
    }, await page.getAttribute('#application-pdf', 'href'));
    assertEqual(`${pdf.status} ${pdf.type} ${pdf.head}`, '200 application/pdf %PDF-', 'the PDF');

    await homeSummaryStep(page, t, lang, applicationPath, number);

    // The list shows the number and the state.
    await page.goto(`${BASE}/applications`);
    const listed = page.locator('table.applications tbody tr', { hasText: number });
    assertEqual(await listed.locator('[data-state]').getAttribute('data-state'), 'submitted', 'listed as submitted');
    await checkAtBothWidths(page, `applications-${lang}-09-list-submitted`);

    // Withdrawal needs a reason.
    await page.goto(`${BASE}${applicationPath}`);
    await page.fill('#reason', '   ');
    const [noReason] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                                          page.getByRole('button', { name: t.withdraw, exact: true }).click()]);
    assertEqual(noReason.status(), 422, 'not without a reason');
    assert((await page.textContent('#reason-error')).includes(t.reasonError), 'the reason\'s message');
    assertEqual(await state(page), 'submitted', 'still submitted');
    await checkAtBothWidths(page, `applications-${lang}-10-withdraw-no-reason`);
    await page.fill('#reason', t.reason);
    await submitted(page, () => page.getByRole('button', { name: t.withdraw, exact: true }).click());
    assertEqual(await state(page), 'withdrawn', 'withdrawn');
    assert((await page.textContent('.alert-ok')).includes(t.withdrawn), 'the withdrawn notice');
    assertEqual((await page.textContent('#application-number')).trim(), number, 'the number stays');
    await checkAtBothWidths(page, `applications-${lang}-11-withdrawn`);
  });
}
