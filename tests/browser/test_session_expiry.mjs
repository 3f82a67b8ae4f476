// The warning before the idle timeout (WCAG 2.2.1) in a real browser. The
// browser's clock is Playwright's fake clock and the portal's clock is the
// stack's clock offset, so half an hour passes in a second: the warning
// appears five minutes before the end, "stay logged in" renews the session
// on the server, and when the time is up the page says so and offers the
// login page, which says why.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, test, assert, assertEqual, checkAccessibility, screenshots } from './harness.mjs';
import { ROOT, setClockOffset } from './stack.mjs';

// A linked contact made by the integration tests' fixture.
function account(language) {
  const code = 'import json, sys; sys.path.insert(0, sys.argv[1]); import ktk_accounts; ' +
               'print(json.dumps(ktk_accounts.account("linked", language=sys.argv[2])))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, path.join(ROOT, 'tests', 'integration'), language],
                                 { encoding: 'utf8' }));
}

const MINUTE = 60 * 1000;

async function logIn(page, a) {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', a.email);
  await page.fill('#password', a.password);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
  assertEqual(new URL(page.url()).pathname, '/home', 'logged in');
}

for (const lang of ['hu', 'en']) {
  const t = lang === 'hu'
    ? { warning: 'A munkamenete hamarosan lejár', stay: 'Bejelentkezve maradok', ended: 'A munkamenete lejárt',
        again: 'Belépés újra', loginSays: 'A munkamenete lejárt. Kérjük, lépjen be újra.' }
    : { warning: 'Your session is about to end', stay: 'Stay logged in', ended: 'Your session has ended',
        again: 'Log in again', loginSays: 'Your session has expired. Please log in again.' };

  test(`session expiry in ${lang}: warned before, stay logged in, then a clear message`, async ({ page }) => {
    try {
      setClockOffset(0);
      await page.clock.install();
      await logIn(page, account(lang));
      const dialog = page.locator('#session-warning');
      assert(!(await dialog.isVisible()), 'no warning at first');

      // 23 minutes of reading: still quiet. At 24.5 the warning is up, with the time it ends.
      await page.clock.fastForward(23 * MINUTE);
      assert(!(await dialog.isVisible()), 'no warning after 23 minutes');
      await page.clock.fastForward(1.5 * MINUTE);
      await dialog.waitFor({ state: 'visible' });
      assert((await dialog.textContent()).includes(t.warning), 'the warning');
      assert(/\d\d:\d\d/.test(await page.textContent('.session-deadline')), 'says when the session ends');
      const button = page.getByRole('button', { name: t.stay });
      assert(await button.evaluate(b => b === document.activeElement), 'the focus is on "stay logged in"');
      await checkAccessibility(page, `session-warning-${lang}`);
      await screenshots(page, `session-warning-${lang}`);

      // The server has seen 24.5 idle minutes too; staying renews the session there.
      setClockOffset(24.5 * 60);
      const [keepalive] = await Promise.all([
        page.waitForResponse(r => r.url().endsWith('/session/keepalive')),
        button.click(),
      ]);
      assertEqual(keepalive.status(), 200, 'keep-alive accepted');
      await dialog.waitFor({ state: 'hidden' });
      // 24.5 minutes later the server still knows the session: it was renewed.
      setClockOffset(49 * 60);
      const home = await page.request.get(`${BASE}/home`, { maxRedirects: 0 });
      assertEqual(home.status(), 200, 'the session lives on after "stay logged in"');

      // Now nobody answers: past the deadline the dialog says the session ended.
      await page.clock.fastForward(24.5 * MINUTE);
      await dialog.waitFor({ state: 'visible' });
      setClockOffset(49 * 60 + 31 * 60);
      await page.clock.fastForward(5 * MINUTE);
      await page.getByRole('link', { name: t.again }).waitFor({ state: 'visible' });
      assert((await dialog.textContent()).includes(t.ended), 'the session-ended message');
      assert(!(await page.getByRole('button', { name: t.stay }).isVisible()), 'nothing left to stay in');
      assertEqual(new URL(page.url()).pathname, '/home', 'the page did not leave by itself');
      await checkAccessibility(page, `session-ended-${lang}`);
      await screenshots(page, `session-ended-${lang}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: t.again }).click()]);
      assertEqual(new URL(page.url()).pathname, '/login', 'to the login page');
      assert((await page.textContent('main')).includes(t.loginSays), 'which says why');
      await checkAccessibility(page, `login-expired-${lang}`);
      await screenshots(page, `login-expired-${lang}`);
    } finally {
      setClockOffset(0);
    }
  });
}

test('a page left open in another tab does not warn while this one is in use', async ({ context, page }) => {
  try {
    setClockOffset(0);
    await context.clock.install();
    await logIn(page, account('hu'));
    const other = await context.newPage();
    await other.goto(`${BASE}/home`);
    await context.clock.fastForward(20 * MINUTE);
    await page.reload();  // activity in the first tab
    await context.clock.fastForward(6 * MINUTE);
    assert(!(await other.locator('#session-warning').isVisible()), 'the other tab knows about the activity');
    await context.clock.fastForward(19 * MINUTE);
    await other.locator('#session-warning').waitFor({ state: 'visible' });
  } finally {
    setClockOffset(0);
  }
});
