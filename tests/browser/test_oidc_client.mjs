// The OpenID Connect provider as a relying party that nobody here wrote
// sees it: openid-client (npm, pinned in package-lock.json; v5, which
// takes our http://127.0.0.1 issuer as it is) discovers the stack, the
// clients are registered with `ktk-admin client add`, the person logs in
// on our own /login page in Chromium, and the browser comes back to the
// service's callback, served by the test. openid-client then does what a service
// would: the code exchange with PKCE S256, the ID token checked against
// the JWKS (signature, iss, aud, nonce, and the state and the RFC 9207
// `iss` of the callback), userinfo, refresh, revocation, introspection.
// Every refusal is asserted by its exact OAuth error code. The key
// rotation tests leave the stack as the other tests expect it: a rotation
// is what an operator does at any time, and a retired key's timestamps
// are put back afterwards.
import crypto from 'node:crypto';
import http from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { Issuer, TokenSet, custom, errors, generators } from 'openid-client';
import { BASE, test, assert, assertEqual } from './harness.mjs';
import { account, ktkAdmin, oidcClientCredentials, sql } from './stack.mjs';

// The service's callback: a small HTTP server of the test's own on the
// loopback (where a redirect URI may be plain http), so that the browser
// really arrives there (Playwright's routes do not see the end of a
// redirect chain). It never keeps the run alive.
const callbackServer = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end('callback');
});
await new Promise(resolve => callbackServer.listen(0, '127.0.0.1', resolve));
callbackServer.unref();
const SITE = `http://127.0.0.1:${callbackServer.address().port}`;
const CALLBACK = `${SITE}/callback`;
const SCOPE = 'openid profile email ktk';
// The claims of an ID token that say who made it for whom, not who the person is.
const PROTOCOL_CLAIMS = ['iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'sid', 'azp', 'at_hash', 'c_hash'];

// openid-client's 3.5 s per request is short for a 2-core machine running the other tiers.
custom.setHttpOptionsDefaults({ timeout: 15000 });

// One linked account (a contact of a municipality) and one confidential,
// first-party service for the tests that need nothing else.
let shared;
function scene() {
  shared ??= { person: account('linked'),
               service: oidcClientCredentials('Közfoglalkoztatási Piac (openid-client)', CALLBACK, '--first-party') };
  return shared;
}

async function relyingParty(credentials, metadata = {}) {
  const issuer = await Issuer.discover(BASE);
  return new issuer.Client({ client_id: credentials.client_id, client_secret: credentials.client_secret,
                             redirect_uris: [CALLBACK], response_types: ['code'], ...metadata });
}

// What a service keeps between sending the browser away and its callback.
function request(client, extra = {}) {
  const checks = { state: generators.state(), nonce: generators.nonce(), code_verifier: generators.codeVerifier(),
                   response_type: 'code' };
  const url = client.authorizationUrl({ scope: SCOPE, state: checks.state, nonce: checks.nonce,
                                        code_challenge: generators.codeChallenge(checks.code_verifier),
                                        code_challenge_method: 'S256', ...extra });
  return { url, checks };
}

// Sends the browser to `url` (our /oauth2/authorize), logs in on our
// /login page when it is shown, and returns the URL the browser was sent
// back to at the service's callback.
async function throughTheBrowser(page, url, person) {
  const back = page.waitForRequest(r => r.url().startsWith(CALLBACK + '?'), { timeout: 20000 });
  back.catch(() => {});
  await page.goto(url);
  if (new URL(page.url()).origin === BASE && new URL(page.url()).pathname === '/login') {
    assert(person, `a login page where none was expected: ${page.url()}`);
    await page.fill('#email', person.email);
    await page.fill('#password', person.password);
    await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login'), { timeout: 20000 }),
                       page.press('#password', 'Enter')]);
  }
  try {
    return (await back).url();
  } catch {
    throw new Error(`the browser did not come back to the service; it is at ${page.url()}: ` +
                    `${(await page.textContent('main').catch(() => '')).trim().slice(0, 200)}`);
  }
}

// A whole sign-in: the browser's part, then openid-client's callback.
async function signIn(page, client, person, extra = {}) {
  const { url, checks } = request(client, extra);
  const back = await throughTheBrowser(page, url, person);
  const tokens = await client.callback(CALLBACK, client.callbackParams(back), checks);
  return { tokens, checks, back };
}

// The OAuth error an openid-client call ends with (its `error` field), or a failure.
async function oauthError(promise, what) {
  try {
    await promise;
  } catch (e) {
    assert(e instanceof errors.OPError, `${what}: an OAuth error from the provider, not ${e && e.stack}`);
    return e;
  }
  throw new Error(`${what}: accepted, but should have been refused`);
}

async function rpError(promise, pattern, what) {
  try {
    await promise;
  } catch (e) {
    assert(e instanceof errors.RPError && pattern.test(e.message),
           `${what}: openid-client's refusal matching ${pattern}, not ${e && e.stack}`);
    return e;
  }
  throw new Error(`${what}: accepted, but openid-client should have refused it`);
}

function header(jwt) { return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()); }
function sha256Hex(text) { return crypto.createHash('sha256').update(text).digest('hex'); }
function personClaims(claims) {
  return Object.fromEntries(Object.entries(claims).filter(([k]) => !PROTOCOL_CLAIMS.includes(k)));
}
// The reason of the last refusal audited for a client (oidc.token.refused).
function lastRefusal(clientId) {
  const rows = sql("SELECT JSON_VALUE(after_value, '$.reason') FROM audit_log WHERE action = 'oidc.token.refused'" +
                   " AND actor_label = %s ORDER BY id DESC LIMIT 1", `client:${clientId}`);
  return rows.length ? rows[0][0] : null;
}

// The signing keys as `ktk-admin oidc key list` shows them: kid → state.
function keyStates() {
  const lines = ktkAdmin('oidc', 'key', 'list').trim().split('\n').slice(1);
  return Object.fromEntries(lines.map(line => { const [kid, , , state] = line.split('\t'); return [kid, state]; }));
}

async function publishedKids() {
  const jwks = await (await fetch(`${BASE}/oauth2/jwks`)).json();
  return jwks.keys.map(k => k.kid);
}

test('oidc_client: discovery by openid-client finds our issuer, endpoints, PKCE S256 and the iss parameter', async () => {
  const issuer = await Issuer.discover(BASE);
  assertEqual(issuer.issuer, BASE, 'the issuer is the base URL');
  for (const [field, path] of [['authorization_endpoint', 'authorize'], ['token_endpoint', 'token'],
                               ['userinfo_endpoint', 'userinfo'], ['jwks_uri', 'jwks'],
                               ['revocation_endpoint', 'revoke'], ['introspection_endpoint', 'introspect']])
    assertEqual(issuer.metadata[field], `${BASE}/oauth2/${path}`, field);
  assert(issuer.metadata.code_challenge_methods_supported.join() === 'S256', 'PKCE S256 only');
  assertEqual(issuer.metadata.authorization_response_iss_parameter_supported, true,
              'RFC 9207: openid-client then requires `iss` on every callback');
  assert(['RS256', 'ES256'].every(a => issuer.metadata.id_token_signing_alg_values_supported.includes(a)),
         'RS256 and ES256 ID tokens');
  const jwks = await (await fetch(issuer.metadata.jwks_uri)).json();
  assert(jwks.keys.some(k => k.kty === 'RSA') && jwks.keys.some(k => k.kty === 'EC' && k.crv === 'P-256'),
         'the JWKS has an RSA and a P-256 key');
});

test('oidc_client: a confidential client: code with PKCE S256 after our login, the ID token checked, userinfo equal to it',
     async ({ page }) => {
  const { person, service } = scene();
  const client = await relyingParty(service);
  const { url, checks } = request(client);
  const back = await throughTheBrowser(page, url, person);
  const params = client.callbackParams(back);
  assertEqual(params.iss, BASE, 'the callback carries our issuer (RFC 9207)');
  // openid-client's own checks are live: a wrong state or issuer stops it
  // before the code is exchanged.
  await rpError(client.callback(CALLBACK, params, { ...checks, state: 'another-state' }), /state mismatch/,
                'another state');
  await rpError(client.callback(CALLBACK, { ...params, iss: 'https://evil.example.hu' }, checks), /iss mismatch/,
                'another issuer');
  const tokens = await client.callback(CALLBACK, params, checks);
  const claims = tokens.claims();
  assertEqual(claims.iss, BASE, 'iss');
  assertEqual(claims.aud, service.client_id, 'aud');
  assertEqual(claims.nonce, checks.nonce, 'the nonce of the request');
  assertEqual(claims.email, person.email, 'the e-mail address');
  assertEqual(claims.ktk_role, 'contact', 'ktk_role');
  assertEqual(claims.ktk_municipality && claims.ktk_municipality.tax_number, person.tax_number,
              "ktk_municipality's tax number");
  assertEqual(claims.ktk_municipality.name, person.municipality, "ktk_municipality's name");
  assertEqual(header(tokens.id_token).alg, 'RS256', 'an RS256 ID token');
  assert((await publishedKids()).includes(header(tokens.id_token).kid), 'signed by a key of the JWKS');
  await rpError(client.validateIdToken(tokens, 'another-nonce', 'token'), /nonce mismatch/,
                'the same ID token against another nonce');
  assertEqual(tokens.token_type, 'Bearer', 'token_type');
  assertEqual(tokens.scope, SCOPE, 'the scope granted');
  const info = await client.userinfo(tokens);
  assert(isDeepStrictEqual(info, personClaims(claims)),
         `userinfo ${JSON.stringify(info)} equals the ID token's claims ${JSON.stringify(personClaims(claims))}`);
  for (const via of ['header', 'body'])
    assert(isDeepStrictEqual(await client.userinfo(tokens, { method: 'POST', via }), info),
           `userinfo by POST with the token in the ${via} answers the same`);
}, { sites: [SITE] });

test('oidc_client: a public client (no secret, ES256 ID tokens): code with PKCE, userinfo, refresh; no introspection',
     async ({ page }) => {
  const { person } = scene();
  const service = oidcClientCredentials('Mobil (openid-client)', CALLBACK, '--public', '--first-party',
                                        '--id-token-alg', 'ES256');
  assertEqual(service.client_secret, undefined, 'a public client gets no secret');
  const client = await relyingParty(service, { token_endpoint_auth_method: 'none',
                                               id_token_signed_response_alg: 'ES256' });
  const { tokens } = await signIn(page, client, person);
  assertEqual(header(tokens.id_token).alg, 'ES256', 'an ES256 ID token');
  assertEqual(tokens.claims().aud, service.client_id, 'aud');
  const info = await client.userinfo(tokens);
  assertEqual(info.sub, tokens.claims().sub, 'userinfo speaks of the same subject');
  const refreshed = await client.refresh(tokens);
  assert(refreshed.refresh_token !== tokens.refresh_token, 'the refresh token rotated');
  assertEqual(refreshed.claims().sub, tokens.claims().sub, 'the refreshed ID token has the same sub');
  const refused = await oauthError(client.introspect(refreshed.access_token), 'introspection by a public client');
  assertEqual(refused.error, 'invalid_client', 'introspection is for confidential clients');
  await client.revoke(refreshed.refresh_token, 'refresh_token');
  const revoked = await oauthError(client.refresh(refreshed), 'a refresh after the public client revoked the token');
  assertEqual(revoked.error, 'invalid_grant', 'the public client revoked its refresh token');
}, { sites: [SITE] });

test('oidc_client: refresh rotates the refresh token and gives a new access token and a checked ID token',
     async ({ page }) => {
  const { person, service } = scene();
  const client = await relyingParty(service);
  const { tokens } = await signIn(page, client, person);
  const refreshed = await client.refresh(tokens);
  assert(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token, 'a new refresh token');
  assert(refreshed.access_token !== tokens.access_token, 'a new access token');
  assertEqual(refreshed.claims().sub, tokens.claims().sub, 'the same subject');
  assertEqual(refreshed.claims().nonce, undefined, 'no nonce in an ID token from a refresh');
  assertEqual((await client.introspect(refreshed.access_token)).active, true, 'the new access token is active');
  assertEqual((await client.introspect(tokens.refresh_token)).active, false, 'the used refresh token is not');
  assertEqual((await client.userinfo(refreshed.access_token)).email, person.email, 'userinfo with the new one');
}, { sites: [SITE] });

test('oidc_client: revocation (RFC 7009) and introspection (RFC 7662) of the access and the refresh token',
     async ({ page }) => {
  const { person, service } = scene();
  const client = await relyingParty(service);
  const { tokens } = await signIn(page, client, person);
  const access = await client.introspect(tokens.access_token, 'access_token');
  assertEqual(access.active, true, 'the access token is active before');
  assertEqual(access.client_id, service.client_id, "introspection's client_id");
  assertEqual(access.sub, tokens.claims().sub, "introspection's sub");
  assertEqual(access.token_type, 'Bearer', "introspection's token_type");
  assertEqual(access.iss, BASE, "introspection's iss");
  assertEqual(access.scope, SCOPE, "introspection's scope");
  const refresh = await client.introspect(tokens.refresh_token);
  assertEqual(refresh.active, true, 'the refresh token is active before');
  assertEqual(refresh.token_type, 'refresh_token', "the refresh token's token_type");

  await client.revoke(tokens.access_token, 'access_token');
  assertEqual((await client.introspect(tokens.access_token)).active, false, 'the access token is inactive after');
  const userinfo = await oauthError(client.userinfo(tokens.access_token), 'userinfo with a revoked access token');
  assertEqual(userinfo.error, 'invalid_token', 'userinfo refuses the revoked access token');
  assertEqual(userinfo.response.statusCode, 401, "userinfo's status");
  assertEqual((await client.introspect(tokens.refresh_token)).active, true,
              'revoking the access token leaves the refresh token');

  await client.revoke(tokens.refresh_token, 'refresh_token');
  assertEqual((await client.introspect(tokens.refresh_token)).active, false, 'the refresh token is inactive after');
  const refreshed = await oauthError(client.refresh(tokens.refresh_token), 'a refresh with a revoked refresh token');
  assertEqual(refreshed.error, 'invalid_grant', 'the revoked refresh token');
  // RFC 7009 §2.2: the same 200 for a token that no longer is.
  await client.revoke(tokens.refresh_token);
}, { sites: [SITE] });

test('oidc_client refusal: a redirect_uri not registered gets our error page, the browser stays with us', async ({ page, context }) => {
  const { person, service } = scene();
  const client = await relyingParty(service);
  // Logged in first: a code would be issued at once if the address were trusted.
  await signIn(page, client, person);
  const toService = [];
  context.on('request', r => { if (r.url().startsWith(SITE)) toService.push(r.url()); });
  for (const other of [`${SITE}/other`, `${CALLBACK}/`, 'https://evil.example.hu/callback']) {
    const { url } = request(client, { redirect_uri: other });
    const answer = await page.goto(url);
    assertEqual(answer.status(), 400, `our error page for ${other}`);
    assertEqual(new URL(page.url()).origin, BASE, `the browser stays on our origin (${other})`);
    assert((await page.textContent('main')).includes('visszatérési címet'), 'the page explains the return address');
  }
  assertEqual(toService.length, 0, `nothing sent to the service: ${toService.join(' ')}`);
}, { sites: [SITE] });

test('oidc_client refusal: a code used twice is invalid_grant, and the tokens of its first use are revoked',
     async ({ page }) => {
  const { person, service } = scene();
  const client = await relyingParty(service);
  const { url, checks } = request(client);
  const params = client.callbackParams(await throughTheBrowser(page, url, person));
  const tokens = await client.callback(CALLBACK, params, checks);
  assertEqual((await client.introspect(tokens.access_token)).active, true, 'the first use gave active tokens');
  const again = await oauthError(client.callback(CALLBACK, params, checks), 'the code a second time');
  assertEqual(again.error, 'invalid_grant', 'a reused code');
  assertEqual((await client.introspect(tokens.access_token)).active, false, "the first use's access token is revoked");
  assertEqual((await client.introspect(tokens.refresh_token)).active, false, "the first use's refresh token is revoked");
  assertEqual(lastRefusal(service.client_id), 'code_reused', 'audited as a reuse');
}, { sites: [SITE] });

test('oidc_client refusal: a wrong PKCE verifier is invalid_grant and uses the code up', async ({ page }) => {
  const { person, service } = scene();
  const client = await relyingParty(service);
  const { url, checks } = request(client);
  const params = client.callbackParams(await throughTheBrowser(page, url, person));
  const wrong = await oauthError(client.callback(CALLBACK, params, { ...checks, code_verifier: generators.codeVerifier() }),
                                 'another code_verifier');
  assertEqual(wrong.error, 'invalid_grant', 'a wrong verifier');
  assertEqual(lastRefusal(service.client_id), 'wrong_verifier', 'audited as a wrong verifier');
  const after = await oauthError(client.callback(CALLBACK, params, checks), 'the right verifier after a wrong one');
  assertEqual(after.error, 'invalid_grant', 'the code was used up by the wrong try');
}, { sites: [SITE] });

test('oidc_client refusal: prompt=none without a session is login_required at the redirect_uri with state and iss',
     async ({ page }) => {
  const { service } = scene();
  const client = await relyingParty(service);
  const { url, checks } = request(client, { prompt: 'none' });
  const back = new URL(await throughTheBrowser(page, url, null));
  assertEqual(back.searchParams.get('error'), 'login_required', 'the error at the callback');
  assertEqual(back.searchParams.get('state'), checks.state, 'the state');
  assertEqual(back.searchParams.get('iss'), BASE, 'our issuer');
  assertEqual(back.searchParams.get('code'), null, 'no code');
  // openid-client checks the state and the issuer before it reports the error.
  const refused = await oauthError(client.callback(CALLBACK, client.callbackParams(back.href), checks),
                                   'the callback with login_required');
  assertEqual(refused.error, 'login_required', "openid-client's error");
}, { sites: [SITE] });

test('oidc_client refusal: a code older than its 60 s is invalid_grant', async ({ page }) => {
  const { person, service } = scene();
  const client = await relyingParty(service);
  const { url, checks } = request(client);
  const params = client.callbackParams(await throughTheBrowser(page, url, person));
  // Aged in the database instead of waited for (oidc_codes, migration 0017).
  const hash = sha256Hex(params.code);
  sql('UPDATE oidc_codes SET created_at = created_at - INTERVAL 61 SECOND, expires_at = expires_at - INTERVAL 61 SECOND' +
      ' WHERE code_hash = %s', hash);
  const aged = sql('SELECT expires_at <= UTC_TIMESTAMP(), used_at IS NULL FROM oidc_codes WHERE code_hash = %s', hash);
  assertEqual(JSON.stringify(aged), '[["1","1"]]', 'the code is stored, unused and now past its expiry');
  const expired = await oauthError(client.callback(CALLBACK, params, checks), 'an expired code');
  assertEqual(expired.error, 'invalid_grant', 'an expired code');
  assertEqual(lastRefusal(service.client_id), 'code_expired', 'audited as expired');
}, { sites: [SITE] });

test('oidc_client refusal: a rotated refresh token used again is invalid_grant and ends the family, the new one too',
     async ({ page }) => {
  const { person, service } = scene();
  const client = await relyingParty(service);
  const { tokens } = await signIn(page, client, person);
  const refreshed = await client.refresh(tokens);
  assert(refreshed.refresh_token !== tokens.refresh_token, 'the refresh token rotated');
  const reused = await oauthError(client.refresh(tokens.refresh_token), 'the rotated refresh token again');
  assertEqual(reused.error, 'invalid_grant', 'a rotated refresh token');
  assertEqual(lastRefusal(service.client_id), 'refresh_token_reused', 'audited as a reuse');
  const newer = await oauthError(client.refresh(refreshed), 'the newer refresh token after the reuse');
  assertEqual(newer.error, 'invalid_grant', 'the family ended: the newer refresh token too');
  assertEqual((await client.introspect(refreshed.access_token)).active, false, "the family's access token too");
}, { sites: [SITE] });

test("oidc_client refusal: another client's client_secret is invalid_client with 401", async ({ page }) => {
  const { person, service } = scene();
  const other = oidcClientCredentials('Másik szolgáltatás (openid-client)', CALLBACK, '--first-party');
  const client = await relyingParty(service);
  const impostor = await relyingParty({ client_id: service.client_id, client_secret: other.client_secret });
  assert(other.client_secret && other.client_secret !== service.client_secret, 'two secrets');
  const { url, checks } = request(client);
  const params = client.callbackParams(await throughTheBrowser(page, url, person));
  const basic = await oauthError(impostor.callback(CALLBACK, params, checks), "the other client's secret (Basic)");
  assertEqual(basic.error, 'invalid_client', "the other client's secret");
  assertEqual(basic.response.statusCode, 401, 'the status');
  assert(/^Basic /.test(basic.response.headers['www-authenticate'] || ''), 'WWW-Authenticate: Basic');
  const posted = await relyingParty({ client_id: service.client_id, client_secret: other.client_secret },
                                    { token_endpoint_auth_method: 'client_secret_post' });
  const inBody = await oauthError(posted.callback(CALLBACK, params, checks), "the other client's secret in the body");
  assertEqual(inBody.error, 'invalid_client', "the other client's secret in the body");
  assertEqual(inBody.response.statusCode, 401, 'the status (body)');
  // The refused requests did not touch the code: with the right secret it works.
  const rightSecretInBody = await relyingParty(service, { token_endpoint_auth_method: 'client_secret_post' });
  const tokens = await rightSecretInBody.callback(CALLBACK, params, checks);
  assertEqual(tokens.claims().email, person.email, 'the code still works for its own client');
}, { sites: [SITE] });

test('oidc_client: after ktk-admin oidc key rotate the client keeps working; an ID token from before still validates',
     async ({ page }) => {
  const { person, service } = scene();
  const before = await signIn(page, await relyingParty(service), person);
  const oldKid = header(before.tokens.id_token).kid;
  const out = ktkAdmin('oidc', 'key', 'rotate');
  const newKid = /RS256 kid: (\S+)/.exec(out)[1];
  assert(newKid !== oldKid, 'a new RS256 key');
  const kids = await publishedKids();
  assert(kids.includes(oldKid) && kids.includes(newKid), 'both keys are published');
  // A relying party that reads the JWKS now (openid-client fetches it
  // again on an unknown kid, but at most once a minute).
  const client = await relyingParty(service);
  const old = await client.validateIdToken(new TokenSet({ id_token: before.tokens.id_token }), before.checks.nonce,
                                           'token');
  assertEqual(old.claims().sub, before.tokens.claims().sub, 'the ID token signed before the rotation still validates');
  const after = await signIn(page, client, null);  // the portal session goes on: no login page
  assertEqual(header(after.tokens.id_token).kid, newKid, 'a new ID token carries the new kid');
  const refreshed = await client.refresh(after.tokens);
  assertEqual(header(refreshed.id_token).kid, newKid, 'so does a refreshed one');
  assertEqual((await client.userinfo(refreshed)).email, person.email, 'userinfo after the rotation');
}, { sites: [SITE] });

test('oidc_client refusal: an ID token of a retired key fails against a fresh JWKS; newer ones still validate',
     async ({ page }) => {
  const { person, service } = scene();
  const before = await signIn(page, await relyingParty(service), person);
  const current = Object.entries(keyStates()).filter(([, state]) => state === 'current').map(([kid]) => kid);
  const oldKid = header(before.tokens.id_token).kid;
  assert(current.includes(oldKid), `the ID token's key ${oldKid} is current (${current.join(', ')})`);
  ktkAdmin('oidc', 'key', 'rotate');
  // Retired as key_store.cpp retires: retired_at in the past. The keys
  // this rotation superseded are moved an hour back, and put back after.
  const list = current.map(() => '%s').join(', ');
  const shift = sign => sql(`UPDATE oidc_keys SET created_at = created_at ${sign} INTERVAL 1 HOUR,` +
                            ` superseded_at = superseded_at ${sign} INTERVAL 1 HOUR,` +
                            ` retired_at = retired_at ${sign} INTERVAL 1 HOUR WHERE kid IN (${list})`, ...current);
  shift('-');
  try {
    const states = keyStates();
    assert(current.every(kid => states[kid] === 'retired'), `the old keys are retired: ${JSON.stringify(states)}`);
    assert(!(await publishedKids()).includes(oldKid), 'the retired key has left the JWKS');
    const fresh = await relyingParty(service);
    await rpError(fresh.validateIdToken(new TokenSet({ id_token: before.tokens.id_token }), before.checks.nonce, 'token'),
                  /no valid key found/, 'an ID token of the retired key');
    const after = await signIn(page, fresh, null);
    assert(header(after.tokens.id_token).kid !== oldKid, 'new ID tokens are signed by the new key');
  } finally {
    shift('+');
  }
}, { sites: [SITE] });
