// The application form as the browser tests fill it (not a test file:
// run.mjs loads only test_*.mjs).
import { BASE } from './harness.mjs';

// A complete application: one year (2026), 8 hours a day, two wage
// categories, material support within 20 % of the wage support and within
// the two cost lines below (240 000 + 95 500 Ft).
export const VALID = {
  programme_type: 'long_term', public_task: 'Közterületek, parkok és árkok rendben tartása',
  work_locations: 'Fő tér\nPetőfi utca 2–40.', start_date: '2026-04-10', end_date: '2026-10-20',
  daily_hours: '8', headcount_basic: '6', headcount_skilled: '3', headcount_leaders: '0',
  headcount_leaders_skilled: '0', wage_support_pct: '95', material_support: '300 000',
};
export const ITEMS = [['Munkaruha és védőfelszerelés', '240 000'], ['Kéziszerszámok', '95500']];

// Fills the fields named in `values` (the field names are the ids) and the
// material cost lines (the first line's fields have the plain ids).
export async function fillApplication(page, values, items = []) {
  for (const [field, value] of Object.entries(values)) {
    if (field === 'programme_type') await page.selectOption('#programme_type', value);
    else await page.fill(`#${field}`, value);
  }
  for (const [i, [name, sum]] of items.entries()) {
    const suffix = i === 0 ? '' : `-${i + 1}`;
    await page.fill(`#material_item_name${suffix}`, name);
    await page.fill(`#material_item_amount${suffix}`, sum);
  }
}

// A contact's submission where a test is about what follows it: in the
// browser context `context` (closed afterwards), the contact logs in,
// fills the form with VALID and ITEMS under `title` and submits it.
// Returns { id, number }.
export async function submitAsContact(context, contact, title) {
  const go = (page, action) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  try {
    const c = await context.newPage();
    await c.goto(`${BASE}/login`);
    await c.fill('#email', contact.email);
    await c.fill('#password', contact.password);
    await go(c, () => c.click('form[action="/login"] button[type=submit]'));
    await c.goto(`${BASE}/applications/new`);
    await c.fill('#title', title);
    await fillApplication(c, VALID, ITEMS);
    await go(c, () => c.click('.application-form button[type=submit]'));
    await c.check('#confirm');
    await go(c, () => c.click('form[action$="/submit"] button'));
    return { id: new URL(c.url()).pathname.split('/').pop(),
             number: (await c.textContent('#application-number')).trim() };
  } finally {
    await context.close();
  }
}

