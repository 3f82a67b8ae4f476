// Single sign-on with a relying party no one here wrote: a sibling service
// on Apache with mod_auth_openidc (configured by
// contrib/apache/sibling-openidc.conf.example, sibling_service.py), in
// both languages. Its page sends the visitor to our login, in the
// browser's language; after the login the page shows the claims the
// module was given (e-mail, name, role, the municipality's name and tax
// number). Then the person logs out at KTK with the portal's own button,
// and the sibling's session must end too: the back-channel logout token
// (the mail worker delivers it within seconds) reaches mod_auth_openidc,
// so the sibling page asks for the login again. Signed in once more, the
// sibling's own logout link goes through our /oauth2/logout (the ID token
// as id_token_hint) back to the sibling, and both sessions are over.
import { BASE, test, assert, assertEqual, screenshots } from './harness.mjs';
import { account, freePort, sql, startSibling, stopSibling } from './stack.mjs';

const HEADING = { hu: 'Belépés a KTK-ba', en: 'Log in to KTK' };
const LOCALE = { hu: 'hu-HU', en: 'en-GB' };
// The mail worker polls its queue every second; a few more for the POST.
const BACKCHANNEL_SECONDS = 10;

function onOurLogin(page) {
  const u = new URL(page.url());
  return u.origin === BASE && u.pathname === '/login';
}

for (const lang of ['hu', 'en']) {
  const port = freePort();
  const SIBLING = `http://127.0.0.1:${port}`;
  test(`sibling service behind Apache mod_auth_openidc in ${lang}: our login, the claims, the back-channel logout`,
       async ({ page }) => {
    const person = account('linked', lang);
    startSibling(port, lang === 'hu' ? 'Virtuális Közfoglalkoztatási Piac' : 'Virtual Public Employment Market');
    try {
      // The sibling's page sends the visitor to our login, in their language.
      await page.goto(`${SIBLING}/`);
      assert(onOurLogin(page), `the sibling sent us to our login: ${page.url()}`);
      assertEqual(await page.getAttribute('html', 'lang'), lang, 'the login page\'s language');
      assertEqual((await page.textContent('main h1')).trim(), HEADING[lang], 'our login page');
      await page.fill('#email', person.email);
      await page.fill('#password', person.password);
      await Promise.all([page.waitForURL(`${SIBLING}/`), page.press('#password', 'Enter')]);

      // Back on the sibling page (first-party: no consent page), with the claims.
      const claim = async id => (await page.textContent(`#${id}`)).trim();
      assertEqual(await claim('email'), person.email, 'the e-mail claim');
      assertEqual(await claim('name'), `${person.last} ${person.first}`, 'the name claim');
      assertEqual(await claim('ktk_role'), 'contact', 'the role claim');
      assertEqual(await claim('municipality_name'), person.municipality, 'the municipality\'s name');
      assertEqual(await claim('municipality_tax_number'), person.tax_number, 'the municipality\'s tax number');
      assertEqual(await claim('sub'), sql('SELECT sub FROM oidc_subjects WHERE user_id = %s', person.id)[0][0], 'the subject');
      await screenshots(page, `oidc-sibling-${lang}`);
      await page.reload();
      assertEqual(page.url(), `${SIBLING}/`, 'the sibling keeps its own session');

      // Logging out at KTK with the portal's own button ends the sibling's
      // session through the back-channel logout.
      await page.goto(`${BASE}/home`);
      await Promise.all([page.waitForURL(`${BASE}/login**`), page.click('.user-nav .logout-form button')]);
      const deadline = Date.now() + BACKCHANNEL_SECONDS * 1000;
      for (;;) {
        await page.goto(`${SIBLING}/`);
        if (onOurLogin(page)) break;
        assert(Date.now() < deadline,
               `the sibling still shows the signed-in page ${BACKCHANNEL_SECONDS} s after the logout at KTK ` +
               '(no back-channel logout reached mod_auth_openidc)');
        await new Promise(resolve => setTimeout(resolve, 500));
      }
      assertEqual(await page.getAttribute('html', 'lang'), lang, 'the login page\'s language after the logout');

      // The other way round: signed in again, the sibling's own logout link
      // ends its session, goes through our /oauth2/logout (its ID token as
      // the hint ends the KTK session without a question) and back to the
      // sibling, which sends the visitor to our login once more.
      await page.fill('#email', person.email);
      await page.fill('#password', person.password);
      await Promise.all([page.waitForURL(`${SIBLING}/`), page.press('#password', 'Enter')]);
      assertEqual(await claim('email'), person.email, 'signed in at the sibling again');
      const visited = [];
      page.on('request', r => { if (r.isNavigationRequest() && r.frame() === page.mainFrame()) visited.push(r.url()); });
      await Promise.all([page.waitForURL(`${BASE}/login**`), page.click('#logout')]);
      const atLogout = visited.findIndex(u => u.startsWith(`${BASE}/oauth2/logout`));
      const backAtSibling = visited.findIndex((u, i) => i > atLogout && u === `${SIBLING}/`);
      assert(atLogout >= 0 && backAtSibling > atLogout,
             `through our logout back to the sibling: ${visited.join(' → ')}`);
      await page.goto(`${BASE}/home`);
      assert(onOurLogin(page), `the KTK session ended too: ${page.url()}`);
    } finally {
      stopSibling(port);
    }
  }, { locale: LOCALE[lang], sites: [SIBLING] });
}
