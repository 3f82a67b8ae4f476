// The negotiation of an application between a municipality's contact and
// the district office's clerk, two browsers side by side, in Hungarian and
// in English: the contact submits → the clerk finds it in the inbox (a
// filter), opens it (in review) and proposes fewer workers with a reason,
// first refused without one → the contact sees the proposal, compares the
// versions (the changed fields marked), revises the dates and resubmits →
// the clerk, coming from the mail's link, compares the revision and
// proposes a lower material support → the contact accepts → the clerk
// approves after the confirmation step → both download the contract, read
// back with pdftotext: the contract number shown on the page, the agreed
// headcount, the revised period and the total support the page shows.
// Every transition mails the other side in each recipient's own language
// (a second clerk of the office reads the other language), with a link to
// the application and without its figures. Every page state on the way is
// checked with axe at 1280 and 360 px; the key actions are done with the
// keyboard. A second test covers a rejection and a withdrawal.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, OUT, test, assert, assertEqual, checkAtBothWidths } from './harness.mjs';
import { mailsTo, negotiationScene, secondStep } from './stack.mjs';
import { ITEMS, VALID, fillApplication } from './application_form.mjs';

const TEXT = {
  hu: {
    title: 'Belterületi utak és árkok karbantartása',
    proposalReason: 'A járás keretéből idén legfeljebb négy fő közfoglalkoztatási bérrel foglalkoztatható.',
    secondReason: 'A dologi támogatás a beszerzési terv alapján 250 000 forint.',
    acceptMessage: 'A képviselő-testület egyetért.',
    rejectReason: 'A kérelem a hatályos keretszámot meghaladja.',
    withdrawReason: 'A program megvalósítását a képviselő-testület elhalasztotta.',
    proposalReasonError: 'Írja le a javasolt módosítás indokát.',
    decisionReasonError: 'Írja le az elutasítás indokát.',
    confirmDecisionError: 'Jelölje be a négyzetet a döntés megerősítésére.',
    negative: 'A szám nem lehet negatív.',
    proposed: 'A módosítási javaslatot elküldtük az önkormányzatnak.',
    approved: 'A kérelmet jóváhagyta',
    rejected: 'A kérelmet elutasította.',
    revisionSaved: 'Az átdolgozott változatot elmentettük.',
    accepted: 'Elfogadta a hivatal javaslatát.',
    waitingProposal: 'A hivatal módosítást javasolt',
    contractTitle: 'Hatósági szerződés',
    pdf: { headcount: 'Közfoglalkoztatási bérrel foglalkoztatottak', period: 'A támogatás időtartama',
           material: 'Igényelt dologi támogatás (forint)', total: 'Igényelt támogatás összesen' },
    mail: {
      submitted: 'KTK: benyújtott kérelem,', newApplication: 'KTK: új kérelem,', update: 'KTK: kérelem',
      open: 'A járási hivatal megkezdte a kérelem vizsgálatát.',
      propose: 'A járási hivatal módosítást javasolt a kérelemben.',
      revised: 'Az önkormányzat benyújtotta a kérelem módosított változatát.',
      accept: 'Az önkormányzat elfogadta a hivatal javaslatát',
      approve: 'A járási hivatal jóváhagyta a kérelmet.',
      reject: 'A járási hivatal elutasította a kérelmet.',
      withdraw: 'Az önkormányzat visszavonta a kérelmet.',
    },
  },
  en: {
    title: 'Maintenance of village roads and ditches',
    proposalReason: 'The district\'s quota allows at most four workers at the public-employment wage this year.',
    secondReason: 'By the procurement plan the material support is HUF 250,000.',
    acceptMessage: 'The council agrees.',
    rejectReason: 'The application exceeds the quota in force.',
    withdrawReason: 'The council postponed the programme.',
    proposalReasonError: 'Write the reason for the proposed changes.',
    decisionReasonError: 'Write the reason for the rejection.',
    confirmDecisionError: 'Tick the box to confirm the decision.',
    negative: 'The number cannot be negative.',
    proposed: 'The proposed changes have been sent to the municipality.',
    approved: 'You approved the application',
    rejected: 'You rejected the application.',
    revisionSaved: 'Your revision is saved.',
    accepted: 'You accepted the office\'s proposal.',
    waitingProposal: 'The office proposed changes',
    contractTitle: 'Administrative contract',
    pdf: { headcount: 'Workers at the public-employment wage', period: 'Subsidy period',
           material: 'Material support requested (forints)', total: 'Total support requested' },
    mail: {
      submitted: 'KTK: application submitted,', newApplication: 'KTK: new application,', update: 'KTK: application',
      open: 'The district office has started to review the application.',
      propose: 'The district office has proposed changes to the application.',
      revised: 'The municipality has submitted a revised version of the application.',
      accept: 'The municipality has accepted the office\'s proposal',
      approve: 'The district office has approved the application.',
      reject: 'The district office has rejected the application.',
      withdraw: 'The municipality has withdrawn the application.',
    },
  },
};

// The revised period and the office's second proposal.
const REVISED = { start_date: '2026-05-04', end_date: '2026-09-30' };
const PROPOSED_HEADCOUNT = '4';
const PROPOSED_MATERIAL = '250 000';

async function submitted(page, action) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  return response;
}

// Logs in with the keyboard: the form's fields, Enter.
async function logIn(page, who, landing) {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await page.focus('#password');
  await submitted(page, () => page.keyboard.press('Enter'));
  await secondStep(page, who);
  assertEqual(new URL(page.url()).pathname, landing, `${who.email} logged in`);
}

// Focuses an element and presses a key on it (Enter on a link or a
// button, Space on a checkbox or a radio button).
async function press(page, selector, key = 'Enter') {
  await page.focus(selector);
  await page.keyboard.press(key);
}
const pressed = (page, selector) => submitted(page, () => press(page, selector));

const state = page => page.getAttribute('#application-state', 'data-state');
const pathOf = page => new URL(page.url()).pathname;

// The timeline as its entries' kinds in page order: a version as "v2", an
// event as its action ("submit", "open", "propose", …).
const timeline = page => page.$$eval('#timeline li.timeline-entry',
  items => items.map(li => li.dataset.action || `v${li.dataset.version}`));

// Money as the contract writes it (non-breaking spaces made plain).
function money(lang, n) {
  const digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'hu' ? ' ' : ',');
  return lang === 'hu' ? `${digits} Ft` : `HUF ${digits}`;
}

// The n-th mail to `who` with `subject` whose text says `what`, waited
// for (the worker polls every second): in the recipient's language and
// linking `linkPath`.
async function mailSaying(who, what, { subject, linkPath, n = 1 }) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const all = mailsTo(who.email);
    const found = all.filter(m => m.subject.startsWith(subject) && m.text.includes(what));
    if (found.length >= n) {
      const m = found[n - 1];
      assertEqual(m.lang, who.language, `the mail "${what}" is in ${who.email}'s language`);
      assert(m.links.some(l => new URL(l).pathname === linkPath), `the mail links ${linkPath}: ${m.links.join(' ')}`);
      return m;
    }
    if (Date.now() > deadline) {
      throw new Error(`no mail ${n} saying "${what}" to ${who.email} (have: ${all.map(m => m.subject).join(' | ')})`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

// How many mails `who` got (a step mailing twice, or the wrong side, shows).
// The mails about the application: the notices of a login from a new
// browser (each side logs in here from fresh browsers) are not counted.
const LOGIN_NOTICES = ['Új bejelentkezés a KTK-fiókjába', 'New login to your KTK account'];
function mailCount(who) { return mailsTo(who.email).filter(m => !LOGIN_NOTICES.includes(m.subject)).length; }

// Downloads the contract through its link (focused, Enter), keeps it in
// the output folder for review as `label`.pdf and reads it back with
// pdftotext; returns the file's name, the text as laid out and the text
// with runs of spaces made one (non-breaking spaces plain in both).
async function downloadContract(page, selector, label) {
  await page.focus(selector);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const bytes = fs.readFileSync(await download.path());
  fs.mkdirSync(path.join(OUT, 'contracts'), { recursive: true });
  fs.writeFileSync(path.join(OUT, 'contracts', `${label}.pdf`), bytes);
  assertEqual(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF');
  const layout = execFileSync('pdftotext', ['-q', '-layout', '-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' })
    .replace(/\u00a0/g, ' ');
  return { name: download.suggestedFilename(), layout, text: layout.replace(/[ \t]+/g, ' ') };
}

// The value of the row labelled `label` in pdftotext's layout: the label
// on the left (its words may wrap onto the next lines), the value on its
// first line, at least two spaces to the right.
function rowValue(layout, label) {
  const lines = layout.split('\n').map(line => line.trim());
  for (let i = 0; i < lines.length; i++) {
    const row = /^(.+?) {2,}(\S.*)$/.exec(lines[i]);
    if (!row || !label.startsWith(row[1])) continue;
    let name = row[1];
    for (let j = i + 1; name.length < label.length && j < lines.length; j++) name += ` ${lines[j]}`;
    if (name === label) return row[2];
  }
  return null;
}

// The contract's text carries the agreed figures, each in its row.
function checkContract(pdf, lang, expected) {
  const t = TEXT[lang];
  assertEqual(pdf.name, `${expected.contract.replace(/\//g, '-')}.pdf`, 'the file is named after the contract');
  for (const part of [`${t.contractTitle} ${expected.contract}`, expected.number, expected.municipality,
                      expected.taxNumber]) {
    // A heading too long for one line wraps (a code of wide letters in
    // English): the words are compared, not the line breaks.
    assert(pdf.text.replace(/\s+/g, ' ').includes(part), `the ${lang} contract says "${part}":\n${pdf.layout}`);
  }
  const rows = { headcount: PROPOSED_HEADCOUNT, period: `${REVISED.start_date} – ${REVISED.end_date}`,
                 material: money(lang, 250000), total: money(lang, expected.total) };
  for (const [row, value] of Object.entries(rows)) {
    assertEqual(rowValue(pdf.layout, t.pdf[row]), value, `the ${lang} contract's "${t.pdf[row]}"`);
  }
}

// A second browser beside the test's own, for the other side.
async function secondBrowser(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hu-HU' });
  const page = await context.newPage();
  const csp = [];
  page.on('console', msg => { if (/Content Security Policy|Refused to/.test(msg.text())) csp.push(msg.text()); });
  return { context, page, csp };
}

// The contact's new application, filled and submitted; returns its id and number.
async function submitNew(page, t, label) {
  await page.goto(`${BASE}/applications/new`);
  await page.fill('#title', t.title);
  await fillApplication(page, VALID, ITEMS);
  await submitted(page, () => page.click('.application-form button[type=submit]'));
  const id = pathOf(page).split('/').pop();
  await page.check('#confirm');
  await submitted(page, () => page.click('form[action$="/submit"] button'));
  assertEqual(await state(page), 'submitted', 'submitted');
  const number = (await page.textContent('#application-number')).trim();
  assert(/^KTK-20[0-9]{2}-[0-9]{6}$/.test(number), `numbered: ${number}`);
  if (label) await checkAtBothWidths(page, label);
  return { id, number };
}

// The clerk's propose form: the fields in `values` changed, the reason
// typed, sent with Enter in the last changed field.
async function propose(page, values, reason) {
  await pressed(page, '#propose-link');
  for (const [field, value] of Object.entries(values)) await page.fill(`#${field}`, value);
  await page.fill('#message', reason);
  await page.focus(`#${Object.keys(values).pop()}`);
  await submitted(page, () => page.keyboard.press('Enter'));
  assertEqual(await state(page), 'proposal', 'the proposal awaits the municipality\'s answer');
}

for (const lang of ['hu', 'en']) {
  const t = TEXT[lang];
  test(`the negotiation in ${lang}, contact and clerk side by side: submit, propose fewer workers, revise the dates, ` +
       'propose again, accept, approve, both contracts read back, the mails at each step', async ({ page, browser }) => {
    const s = negotiationScene(lang);
    const { contact, clerk, otherClerk } = s;
    const office = await secondBrowser(browser);
    const desk = office.page;
    try {
      await logIn(page, contact, '/home');
      await logIn(desk, clerk, '/admin');

      // 1. The contact submits; both sides are mailed.
      const { id, number } = await submitNew(page, t, `negotiation-${lang}-01-contact-submitted`);
      const mine = `/applications/${id}`, theirs = `/admin/applications/${id}`;
      await mailSaying(contact, '', { subject: t.mail.submitted, linkPath: mine });
      await mailSaying(clerk, '', { subject: t.mail.newApplication, linkPath: theirs });
      await mailSaying(otherClerk, '', { subject: TEXT[otherClerk.language].mail.newApplication, linkPath: theirs });

      // 2. The clerk's inbox: it waits among the submitted ones; the
      // filter (state and the number typed, Enter) finds it.
      await desk.goto(`${BASE}/admin/applications`);
      assertEqual(await desk.getAttribute('html', 'lang'), lang, 'the clerk\'s language');
      const row = desk.locator(`#inbox tr[data-application-id="${id}"]`);
      assertEqual(await row.locator('[data-state]').getAttribute('data-state'), 'submitted', 'listed as submitted');
      assertEqual(await desk.getAttribute('#state-counts li[data-state="submitted"] .count', 'data-count'), '1',
                  'one submitted in this office');
      await checkAtBothWidths(desk, `negotiation-${lang}-02-inbox`);
      await desk.selectOption('#state', 'submitted');
      await desk.fill('#q', number);
      await pressed(desk, '#q');
      assertEqual(new URL(desk.url()).searchParams.get('state'), 'submitted', 'filtered by state');
      assertEqual(await desk.locator('#inbox tbody tr').count(), 1, 'the number finds it');
      assertEqual(await desk.getAttribute('#state-counts li[data-state="submitted"] a', 'aria-current'), 'page',
                  'the state filtered on is marked');
      await checkAtBothWidths(desk, `negotiation-${lang}-03-inbox-filtered`);

      // Opened: in review, and the contact is told.
      await pressed(desk, `#inbox tr[data-application-id="${id}"] a`);
      assertEqual(pathOf(desk), theirs, 'the application\'s page');
      assertEqual(await state(desk), 'in_review', 'opening it starts the review');
      assertEqual((await desk.textContent('#application-number')).trim(), number, 'its number');
      await checkAtBothWidths(desk, `negotiation-${lang}-04-clerk-in-review`);
      await mailSaying(contact, t.mail.open, { subject: t.mail.update, linkPath: mine });

      // The proposal: without a reason and with a negative headcount it is
      // refused, the typed values kept; then fewer workers, with a reason.
      await pressed(desk, '#propose-link');
      assertEqual(pathOf(desk), `${theirs}/propose`, 'the propose form');
      assertEqual(await desk.inputValue('#headcount_basic'), VALID.headcount_basic, 'filled with the current version');
      await desk.fill('#headcount_basic', '-4');
      await desk.focus('#headcount_basic');
      const refused = await submitted(desk, () => desk.keyboard.press('Enter'));
      assertEqual(refused.status(), 422, 'refused');
      assertEqual((await desk.textContent('#headcount_basic-error')).trim(), t.negative, 'the headcount\'s message');
      assertEqual((await desk.textContent('#message-error')).trim(), t.proposalReasonError, 'the reason\'s message');
      assert(await desk.isVisible('#error-summary a[href="#message"]'), 'the summary links the reason');
      assertEqual(await desk.evaluate(() => document.activeElement.id), 'error-summary', 'the summary has the focus');
      assertEqual(await desk.inputValue('#headcount_basic'), '-4', 'what was typed is kept');
      await checkAtBothWidths(desk, `negotiation-${lang}-05-propose-errors`);
      await desk.fill('#headcount_basic', PROPOSED_HEADCOUNT);
      await desk.fill('#message', t.proposalReason);
      await desk.focus('#headcount_basic');
      await submitted(desk, () => desk.keyboard.press('Enter'));
      assertEqual(pathOf(desk), theirs, 'back on the application');
      assertEqual(await state(desk), 'proposal', 'the proposal waits for the municipality');
      assert((await desk.textContent('.alert-ok')).includes(t.proposed), 'the proposed notice');
      assertEqual(await desk.textContent('#application-version'), '3', 'the proposal is the third version');
      assertEqual(await desk.locator('#propose-link').count(), 0, 'no second proposal before the answer');
      await checkAtBothWidths(desk, `negotiation-${lang}-06-clerk-proposed`);
      await mailSaying(contact, t.mail.propose, { subject: t.mail.update, linkPath: mine });

      // 3. The contact: the home page asks for an answer; the proposal with
      // its reason; the comparison marks the headcount and the budget.
      await page.goto(`${BASE}/home`);
      const waiting = page.locator(`#home-waiting .waiting-item[data-application-id="${id}"]`);
      assertEqual(await waiting.getAttribute('data-state'), 'proposal', 'the proposal waits on the home page');
      assert((await waiting.textContent()).includes(t.waitingProposal), 'it asks for an answer');
      await page.goto(`${BASE}${mine}`);
      assertEqual(await state(page), 'proposal', 'the contact sees the proposal');
      assertEqual((await page.textContent('#proposal-reason')).trim(), t.proposalReason, 'with the office\'s reason');
      assertEqual(await page.textContent('#application-version'), '3', 'the proposal shown');
      await checkAtBothWidths(page, `negotiation-${lang}-07-contact-proposal`);
      await pressed(page, '#proposal-diff');
      assertEqual(pathOf(page), `${mine}/versions/2/diff/3`, 'the submitted version and the proposal compared');
      const headcountRow = page.locator('#diff-headcount_basic');
      assertEqual(await headcountRow.getAttribute('data-changed'), 'true', 'the headcount changed');
      assertEqual(await headcountRow.getAttribute('class'), 'changed', 'and is marked');
      assertEqual((await headcountRow.locator('.diff-a del').textContent()).trim(), VALID.headcount_basic, 'from');
      assertEqual((await headcountRow.locator('.diff-b ins').textContent()).trim(), PROPOSED_HEADCOUNT, 'to');
      for (const same of ['title', 'start_date', 'end_date', 'headcount_skilled', 'material_support']) {
        assertEqual(await page.getAttribute(`#diff-${same}`, 'data-changed'), 'false', `${same} is the same`);
      }
      assertEqual(await page.getAttribute('#diff-budget-total-support', 'data-changed'), 'true', 'the support changed');
      assertEqual(await page.locator('table.diff tr.changed').count(), Number(await page.textContent('#diff-changed-count')),
                  'the count is of the fields and figures marked');
      await checkAtBothWidths(page, `negotiation-${lang}-08-contact-diff`);

      // Revised: the form starts from the proposal; the dates changed,
      // saved, then submitted for review again.
      await page.goto(`${BASE}${mine}`);
      await pressed(page, '#revise-link');
      assertEqual(pathOf(page), `${mine}/edit`, 'the revision form');
      assert(await page.isVisible('#revision-note'), 'it says it revises the proposal');
      assertEqual(await page.inputValue('#headcount_basic'), PROPOSED_HEADCOUNT, 'starting from the proposal');
      await checkAtBothWidths(page, `negotiation-${lang}-09-contact-revision-form`);
      await fillApplication(page, REVISED);
      await page.focus('#end_date');
      await submitted(page, () => page.keyboard.press('Enter'));
      assertEqual(pathOf(page), mine, 'saved');
      assert((await page.textContent('.alert-ok')).includes(t.revisionSaved), 'the revision is saved');
      assertEqual(await state(page), 'proposal', 'not yet sent');
      await checkAtBothWidths(page, `negotiation-${lang}-10-contact-revision-saved`);
      await press(page, '#confirm', 'Space');
      assert(await page.isChecked('#confirm'), 'confirmed with Space');
      await pressed(page, 'form[action$="/submit"] button');
      assertEqual(await state(page), 'submitted', 'the revision is submitted');
      await checkAtBothWidths(page, `negotiation-${lang}-11-contact-resubmitted`);
      // The contacts get the submission's mail again, the clerks an update:
      // a revised version, not a new application.
      await mailSaying(contact, '', { subject: t.mail.submitted, linkPath: mine, n: 2 });
      const revisedMail = await mailSaying(clerk, t.mail.revised, { subject: t.mail.update, linkPath: theirs });
      await mailSaying(otherClerk, TEXT[otherClerk.language].mail.revised,
                       { subject: TEXT[otherClerk.language].mail.update, linkPath: theirs });

      // 4. The clerk follows the mail's link: in review again; the newest
      // comparison shows the revised dates. A second proposal: a lower
      // material support.
      await desk.goto(revisedMail.links.find(l => new URL(l).pathname === theirs));
      assertEqual(await state(desk), 'in_review', 'reviewed again');
      await mailSaying(contact, t.mail.open, { subject: t.mail.update, linkPath: mine, n: 2 });
      const newest = desk.locator('#timeline li.timeline-entry[data-version]').last();
      await pressed(desk, `#${await newest.getAttribute('id')} a[href*="/diff/"]`);
      assertEqual(pathOf(desk), `${theirs}/versions/3/diff/5`, 'the office compares its proposal and the revision');
      assertEqual(await desk.getAttribute('#diff-start_date', 'data-changed'), 'true', 'the start date changed');
      assertEqual(await desk.getAttribute('#diff-end_date', 'data-changed'), 'true', 'the end date changed');
      assertEqual(await desk.getAttribute('#diff-headcount_basic', 'data-changed'), 'false', 'the headcount kept');
      await checkAtBothWidths(desk, `negotiation-${lang}-12-clerk-diff`);
      await desk.goto(`${BASE}${theirs}`);
      await propose(desk, { material_support: PROPOSED_MATERIAL }, t.secondReason);
      await mailSaying(contact, t.mail.propose, { subject: t.mail.update, linkPath: mine, n: 2 });

      // The contact accepts, with a message.
      await page.goto(`${BASE}${mine}`);
      assertEqual((await page.textContent('#proposal-reason')).trim(), t.secondReason, 'the second reason');
      await page.fill('#accept_message', t.acceptMessage);
      await pressed(page, 'form[action$="/accept"] button');
      assertEqual(await state(page), 'agreed', 'agreed');
      assert((await page.textContent('.alert-ok')).includes(t.accepted), 'the accepted notice');
      await checkAtBothWidths(page, `negotiation-${lang}-13-contact-agreed`);
      await mailSaying(clerk, t.mail.accept, { subject: t.mail.update, linkPath: theirs });
      await mailSaying(otherClerk, TEXT[otherClerk.language].mail.accept,
                       { subject: TEXT[otherClerk.language].mail.update, linkPath: theirs });

      // 5. The clerk approves: without the confirmation it is refused;
      // the radio button and the checkbox with Space, the button with Enter.
      await desk.goto(`${BASE}${theirs}`);
      assertEqual(await state(desk), 'agreed', 'the clerk sees it agreed');
      assert((await desk.textContent('#timeline')).includes(t.acceptMessage), 'the contact\'s message is in the timeline');
      await press(desk, '#decision-approve', 'Space');
      assert(await desk.isChecked('#decision-approve'), 'approve chosen');
      const unconfirmed = await pressed(desk, '#decide button[type=submit]');
      assertEqual(unconfirmed.status(), 422, 'not without the confirmation');
      assertEqual((await desk.textContent('#confirm-error')).trim(), t.confirmDecisionError, 'the checkbox\'s message');
      assertEqual(await state(desk), 'agreed', 'nothing decided');
      assert(await desk.isChecked('#decision-approve'), 'the choice is kept');
      await checkAtBothWidths(desk, `negotiation-${lang}-14-clerk-decide-unconfirmed`);
      await press(desk, '#confirm', 'Space');
      await pressed(desk, '#decide button[type=submit]');
      assertEqual(await state(desk), 'approved', 'approved');
      assert((await desk.textContent('.alert-ok')).includes(t.approved), 'the approved notice');
      const contract = (await desk.textContent('#contract-number')).trim();
      const year = number.slice(4, 8);
      assertEqual(contract, `${s.code}/${year}/000001`, 'the office\'s first contract number this year');
      for (const gone of ['#propose-link', '#decide', '#message-form']) {
        assertEqual(await desk.locator(gone).count(), 0, `a decision is final: no ${gone}`);
      }
      await checkAtBothWidths(desk, `negotiation-${lang}-15-clerk-approved`);
      await mailSaying(contact, t.mail.approve, { subject: t.mail.update, linkPath: mine });

      // 6. Both download the contract; its text carries what was agreed.
      await page.goto(`${BASE}${mine}`);
      assertEqual(await state(page), 'approved', 'the contact sees it approved');
      assertEqual((await page.textContent('#contract-number')).trim(), contract, 'the same contract number');
      assertEqual(await page.textContent('#application-version'), '6', 'the agreed version');
      const total = Number(await page.getAttribute('#budget-total-support', 'data-amount'));
      assert(total > 0, 'the agreed budget');
      assertEqual(await page.getAttribute('#budget-material-support', 'data-amount'), '250000', 'the agreed material');
      await checkAtBothWidths(page, `negotiation-${lang}-16-contact-approved`);
      const expected = { contract, number, total, municipality: contact.municipality, taxNumber: contact.tax_number };
      checkContract(await downloadContract(page, '#contract-pdf', `negotiation-${lang}-contact`), lang, expected);
      assertEqual(Number(await desk.getAttribute('#budget-total-support', 'data-amount')), total, 'the same figure');
      assertEqual(await desk.getAttribute('#contract-pdf', 'href'), `${theirs}/contract.pdf`, 'the office\'s copy');
      checkContract(await downloadContract(desk, '#contract-pdf', `negotiation-${lang}-office`), lang, expected);

      // The whole story in one timeline on each side, oldest first (a
      // version just before the transition that made it); the office does
      // not see the municipality's drafts (versions 1 and 4).
      const story = ['v1', 'v2', 'submit', 'open', 'v3', 'propose', 'v4', 'v5', 'submit', 'open', 'v6', 'propose',
                     'accept', 'approve'];
      assertEqual((await timeline(page)).join(' '), story.join(' '), 'the contact\'s timeline');
      assertEqual((await timeline(desk)).join(' '), story.filter(e => e !== 'v1' && e !== 'v4').join(' '),
                  'the clerk\'s timeline');

      // 7. Every step mailed the other side once, and no mail carried a figure.
      assertEqual(mailCount(contact), 7, 'the contact: submitted twice, opened twice, two proposals, approved');
      assertEqual(mailCount(clerk), 3, 'the clerk: new, revised, accepted');
      assertEqual(mailCount(otherClerk), 3, 'the other clerk the same');
      const figures = [money('hu', total), money('en', total), String(total)];
      for (const who of [contact, clerk, otherClerk]) {
        for (const m of mailsTo(who.email)) {
          for (const x of figures) assert(!m.text.replace(/\u00a0/g, ' ').includes(x), `no figure in the mails: ${x}`);
        }
      }
      assert(office.csp.length === 0, `CSP violations on the clerk's side: ${office.csp.join(' | ')}`);
    } finally {
      await office.context.close();
    }
  });
}

test('a rejection and a withdrawal, the contact in English and the clerk in Hungarian', async ({ page, browser }) => {
  const s = negotiationScene('en', 'hu');
  const { contact, clerk } = s;
  const t = TEXT.en, k = TEXT.hu;
  const office = await secondBrowser(browser);
  const desk = office.page;
  try {
    await logIn(page, contact, '/home');
    await logIn(desk, clerk, '/admin');

    // Rejected: the reason is required; then final, with no contract.
    const rejected = await submitNew(page, t);
    await desk.goto(`${BASE}/admin/applications/${rejected.id}`);
    assertEqual(await state(desk), 'in_review', 'opened');
    await press(desk, '#decision-reject', 'Space');
    await press(desk, '#confirm', 'Space');
    const noReason = await pressed(desk, '#decide button[type=submit]');
    assertEqual(noReason.status(), 422, 'not without a reason');
    assertEqual((await desk.textContent('#reason-error')).trim(), k.decisionReasonError, 'the reason\'s message');
    assert(await desk.isVisible('#error-summary a[href="#reason"]'), 'the summary links the reason');
    assertEqual(await desk.getAttribute('#reason', 'aria-invalid'), 'true', 'the reason is marked');
    await checkAtBothWidths(desk, 'negotiation-reject-01-no-reason');
    await desk.fill('#reason', k.rejectReason);
    if (!(await desk.isChecked('#confirm'))) await press(desk, '#confirm', 'Space');
    await pressed(desk, '#decide button[type=submit]');
    assertEqual(await state(desk), 'rejected', 'rejected');
    assert((await desk.textContent('.alert-ok')).includes(k.rejected), 'the rejected notice');
    for (const gone of ['#propose-link', '#decide', '#message-form', '#contract-number']) {
      assertEqual(await desk.locator(gone).count(), 0, `nothing after a rejection: ${gone}`);
    }
    await checkAtBothWidths(desk, 'negotiation-reject-02-clerk-rejected');
    const mine = `/applications/${rejected.id}`;
    await mailSaying(contact, t.mail.reject, { subject: t.mail.update, linkPath: mine });
    await page.goto(`${BASE}${mine}`);
    assertEqual(await state(page), 'rejected', 'the contact sees the rejection');
    assertEqual((await page.textContent('#rejection-reason')).trim(), k.rejectReason, 'and the reason');
    assertEqual(await page.locator('#contract-pdf, #contract-number').count(), 0, 'no contract');
    assertEqual((await page.request.get(`${BASE}${mine}/contract.pdf`)).status(), 404, 'nor its PDF');
    for (const gone of ['#message-form', 'form[action$="/withdraw"]', 'form[action$="/accept"]', '#revise-link']) {
      assertEqual(await page.locator(gone).count(), 0, `nothing to do after the decision: ${gone}`);
    }
    await checkAtBothWidths(page, 'negotiation-reject-03-contact-rejected');

    // Withdrawn while a proposal waits for the answer: the clerk's page
    // shows it withdrawn, with the reason, and offers nothing.
    const withdrawn = await submitNew(page, t);
    const theirs = `/admin/applications/${withdrawn.id}`;
    await desk.goto(`${BASE}${theirs}`);
    await propose(desk, { headcount_basic: PROPOSED_HEADCOUNT }, k.proposalReason);
    await page.goto(`${BASE}/applications/${withdrawn.id}`);
    assertEqual(await state(page), 'proposal', 'the proposal waits');
    await page.fill('#reason', t.withdrawReason);
    await pressed(page, 'form[action$="/withdraw"] button');
    assertEqual(await state(page), 'withdrawn', 'withdrawn');
    assertEqual((await page.textContent('#withdrawal-reason')).trim(), t.withdrawReason, 'with its reason');
    await checkAtBothWidths(page, 'negotiation-withdraw-01-contact-withdrawn');
    await mailSaying(clerk, k.mail.withdraw, { subject: k.mail.update, linkPath: theirs });
    await desk.goto(`${BASE}${theirs}`);
    assertEqual(await state(desk), 'withdrawn', 'the clerk sees it withdrawn');
    assert((await desk.textContent('#timeline')).includes(t.withdrawReason), 'the reason in the timeline');
    for (const gone of ['#propose-link', '#decide', '#message-form', '#contract-number']) {
      assertEqual(await desk.locator(gone).count(), 0, `no action on a withdrawn application: ${gone}`);
    }
    await checkAtBothWidths(desk, 'negotiation-withdraw-02-clerk-withdrawn');

    // A decision posted from a page opened before the withdrawal does not apply.
    const token = await desk.evaluate(() => document.querySelector('input[name=csrf_token]')?.value);
    if (token) {
      const late = await desk.request.post(`${BASE}${theirs}/decide`, {
        form: { csrf_token: token, version: '3', decision: 'reject', reason: k.rejectReason, confirm: 'yes' } });
      assertEqual(late.status(), 409, 'a decision after the withdrawal is refused');
      assertEqual(await state(desk), 'withdrawn', 'still withdrawn');
    }
    assert(office.csp.length === 0, `CSP violations on the clerk's side: ${office.csp.join(' | ')}`);
  } finally {
    await office.context.close();
  }
});
