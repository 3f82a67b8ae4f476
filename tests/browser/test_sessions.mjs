// "Your logins and sign-ins" (/profile/sessions) in a real browser: the
// person logged in from two more browsers sees all three, logs one out by
// its button, the rest with "Log out everywhere else", and the other
// browsers find themselves at the login page; the new-device notice
// arrives by mail and can be turned off. axe at both widths, both
// languages, the buttons reached and pressed with the keyboard.
import { BASE, test, assert, assertEqual, checkAtBothWidths, tabTo } from './harness.mjs';
import { account, waitForMail } from './stack.mjs';

const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
               'Version/18.1 Mobile/15E148 Safari/604.1';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

async function submitted(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

async function logIn(page, a) {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', a.email);
  await page.fill('#password', a.password);
  await submitted(page, () => page.keyboard.press('Enter'));
  assertEqual(new URL(page.url()).pathname, '/home', `${a.email} logged in`);
}

async function otherBrowser(browser, userAgent) {
  const context = await browser.newContext({ userAgent, viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

async function stillLoggedIn(page) {
  await page.goto(`${BASE}/profile`);
  return new URL(page.url()).pathname === '/profile';
}

for (const [lang, texts] of [
  ['hu', { heading: 'Bejelentkezései és belépési kísérletei', link: 'Bejelentkezései és belépési kísérletei',
           ended: 'Azt a böngészőt kiléptettük', others: 'Minden más böngészőt kiléptettünk', subject: 'Új bejelentkezés a KTK-fiókjába',
           saved: 'A választását mentettük.', safari: 'Safari', thisDevice: 'ez az eszköz' }],
  ['en', { heading: 'Your logins and sign-ins', link: 'Your logins and sign-ins', ended: 'has been logged out',
           others: 'Every other browser has been logged out', subject: 'New login to your KTK account',
           saved: 'Your choice has been saved.', safari: 'Safari', thisDevice: 'this device' }],
]) {
  test(`logins and sign-ins: log out one browser and every other one (${lang})`, async ({ page, browser }) => {
    const a = account('linked', lang);
    const phone = await otherBrowser(browser, SAFARI);
    const laptop = await otherBrowser(browser, FIREFOX);
    try {
      await logIn(phone, a);
      await logIn(laptop, a);
      await logIn(page, a);
      // The first new browser is told; the next two fall within the notice's minute.
      const mail = await waitForMail(a.email, texts.subject);
      assert(mail.text.includes('Safari (iPhone)'), `the notice names the browser: ${mail.text}`);
      assert(mail.links.some(l => l.endsWith('/profile/sessions')), 'and links the sessions page');

      await page.goto(`${BASE}/profile/security`);
      await submitted(page, () => page.click('#sessions-link'));
      assertEqual(new URL(page.url()).pathname, '/profile/sessions', 'the Security tab links the page');
      assertEqual((await page.textContent('h1')).trim(), texts.heading, 'the heading');
      assertEqual(await page.locator('tr.session').count(), 3, 'three browsers are logged in');
      assert((await page.textContent('tr.session[data-this-device="1"]')).includes(texts.thisDevice),
             'this browser is marked');
      assertEqual(await page.locator('tr.sign-in').count() >= 3, true, 'the sign-ins are listed');
      await checkAtBothWidths(page, `sessions-${lang}`);

      // The phone's "Log out" button, reached and pressed with the keyboard.
      const phoneRow = page.locator('tr.session', { hasText: texts.safari });
      const ref = await phoneRow.getAttribute('data-session');
      await page.focus('h1');
      await tabTo(page, `tr.session[data-session="${ref}"] button`);
      await submitted(page, () => page.keyboard.press('Enter'));
      assert((await page.textContent('.alert')).includes(texts.ended), 'the page says it was logged out');
      assertEqual(await page.locator('tr.session').count(), 2, 'two remain');
      assert(!(await stillLoggedIn(phone)), 'the phone is at the login page');
      assert(await stillLoggedIn(laptop), 'the laptop is still logged in');
      await checkAtBothWidths(page, `sessions-ended-${lang}`);

      await page.focus('h1');
      await tabTo(page, '#log-out-others');
      await submitted(page, () => page.keyboard.press('Enter'));
      assert((await page.textContent('.alert')).includes(texts.others), 'everywhere else');
      assertEqual(await page.locator('tr.session').count(), 1, 'only this browser remains');
      assert(await page.isVisible('#no-other-sessions'), 'nothing else to log out');
      assert(!(await stillLoggedIn(laptop)), 'the laptop is at the login page');
      assert(await stillLoggedIn(page), 'this browser stays logged in');

      // The notice's choice, with the keyboard: "no", then save.
      await page.goto(`${BASE}/profile/sessions`);
      await page.focus('h1');
      await tabTo(page, '#new_device_mail-yes');
      await page.keyboard.press('ArrowDown');
      assert(await page.isChecked('#new_device_mail-no'), 'the arrow key chooses "no"');
      await tabTo(page, '#notice-save');
      await submitted(page, () => page.keyboard.press('Enter'));
      assert((await page.textContent('.alert')).includes(texts.saved), 'the choice is saved');
      assert(await page.isChecked('#new_device_mail-no'), 'and shown');
      await checkAtBothWidths(page, `sessions-notice-${lang}`);
    } finally {
      await phone.context().close();
      await laptop.context().close();
    }
  });
}
