// The provider's own pages that a person meets when a sibling service
// sends them to KTK, in both languages, with axe and by keyboard: the
// login page with the sign-in waiting, the consent page of a service that
// is not the ministry's (answered with the keyboard alone, then the
// service's callback reached with a code), the error page for a service
// we do not know, and the question when a service asks to log the person
// out of KTK (answered by keyboard, back to the service).
import { BASE, test, assert, assertEqual, checkAtBothWidths } from './harness.mjs';
import { account, oidcClient } from './stack.mjs';

const CALLBACK = 'https://vkp.example.hu/redirect_uri';
const LOGGED_OUT = 'https://vkp.example.hu/logged-out';

function authorizeUrl(clientId, extra = {}) {
  const q = new URLSearchParams({ client_id: clientId, redirect_uri: CALLBACK, response_type: 'code',
                                 scope: 'openid profile email ktk', state: 'st-1', nonce: 'n-1',
                                 code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
                                 code_challenge_method: 'S256', ...extra });
  return `${BASE}/oauth2/authorize?${q}`;
}

for (const lang of ['hu', 'en']) {
  test(`single sign-on pages in ${lang}: the waiting login, the consent by keyboard, an unknown service, the logout question`,
       async ({ page: first }) => {
    let page = first;
    const person = account('linked', lang);
    const clientId = oidcClient(lang === 'hu' ? 'Közmunka Statisztika' : 'Public Works Statistics',
                                '--post-logout-redirect-uri', LOGGED_OUT);

    // The service we do not know: our page, no redirect.
    const unknown = await page.goto(`${authorizeUrl('nincs-ilyen')}&lang=${lang}`);
    assertEqual(unknown.status(), 400, 'an unknown client');
    assert((await page.textContent('main .alert-error')).includes(lang === 'hu' ? 'nincs nyilvántartva' : 'not registered'),
           'says the service is not registered');
    await checkAtBothWidths(page, `oidc-error-${lang}`);

    // The visitor is sent to our login with the sign-in waiting.
    await page.goto(authorizeUrl(clientId, { login_hint: person.email }));
    assertEqual(new URL(page.url()).pathname, '/login', 'to our login');
    assertEqual(await page.inputValue('#email'), person.email, 'the hint pre-filled');
    await checkAtBothWidths(page, `oidc-login-${lang}`);
    await page.fill('#password', person.password);
    await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);

    // The consent page names the service and what it reads.
    assertEqual(new URL(page.url()).pathname, '/oauth2/authorize', 'the consent page');
    assert((await page.textContent('#consent-client')).length > 0, 'names the service');
    assertEqual(await page.locator('.consent-claims li').count(), 4, 'the identifier, name, address and KTK role');
    await checkAtBothWidths(page, `oidc-consent-${lang}`);

    // Allow with the keyboard alone: the service's callback gets a code.
    const answer = page.waitForRequest(r => r.url().startsWith(CALLBACK));
    await page.route(`${CALLBACK}**`, route => route.fulfill({ status: 200, body: 'callback' }));
    await page.focus('.actions .btn-primary');
    await page.keyboard.press('Enter');
    const back = new URL((await answer).url());
    assert(/^[A-Za-z0-9_-]{43}$/.test(back.searchParams.get('code')), 'a code');
    assertEqual(back.searchParams.get('state'), 'st-1', 'the state');
    assertEqual(back.searchParams.get('iss'), BASE, 'our issuer');

    // The service asks to log the person out of KTK without an ID token:
    // our question names it; the answer by keyboard returns to the service.
    // (A tab of its own: the first one is still on its way to the service,
    // which does not exist.)
    page = await page.context().newPage();
    await page.goto(`${BASE}/oauth2/logout?` + new URLSearchParams({
      client_id: clientId, post_logout_redirect_uri: LOGGED_OUT, state: 'bye' }));
    assert((await page.textContent('main .lead')).includes(lang === 'hu' ? 'Közmunka Statisztika' : 'Public Works Statistics'),
           'the question names the service');
    await checkAtBothWidths(page, `oidc-logout-${lang}`);
    const left = page.waitForRequest(r => r.url().startsWith(LOGGED_OUT));
    await page.focus('main .actions .btn-primary');
    await page.keyboard.press('Enter');
    assertEqual(new URL((await left).url()).searchParams.get('state'), 'bye', 'back at the service with its state');
    // Checked from another tab again: this one is on its way to the
    // service (a redirect's end is not routed, and the host does not exist).
    const check = await page.context().newPage();
    const home = await check.goto(`${BASE}/home`);
    assertEqual(new URL(check.url()).pathname, '/login', `the KTK session ended (${home.status()})`);
  }, { sites: ['https://vkp.example.hu'] });
}
