// The provider's own pages that a person meets when a sibling service
// sends them to KTK, in both languages, with axe and by keyboard: the
// login page with the sign-in waiting, the consent page of a service that
// is not the ministry's (answered with the keyboard alone, then the
// service's callback reached with a code), and the error page for a
// service we do not know.
import { BASE, test, assert, assertEqual, checkAtBothWidths } from './harness.mjs';
import { account, oidcClient } from './stack.mjs';

const CALLBACK = 'https://vkp.example.hu/redirect_uri';

function authorizeUrl(clientId, extra = {}) {
  const q = new URLSearchParams({ client_id: clientId, redirect_uri: CALLBACK, response_type: 'code',
                                 scope: 'openid profile email ktk', state: 'st-1', nonce: 'n-1',
                                 code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
                                 code_challenge_method: 'S256', ...extra });
  return `${BASE}/oauth2/authorize?${q}`;
}

for (const lang of ['hu', 'en']) {
  test(`single sign-on pages in ${lang}: the waiting login, the consent by keyboard, an unknown service`,
       async ({ page }) => {
    const person = account('linked', lang);
    const clientId = oidcClient(lang === 'hu' ? 'Közmunka Statisztika' : 'Public Works Statistics');

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
  }, { sites: ['https://vkp.example.hu'] });
}
