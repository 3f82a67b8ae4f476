// What the browser tests need from the throwaway stack besides the browser:
// its Maildir (the mails a user would open), its database (to check what a
// page stored), the clerk's linking step, and the portal's clock. Node has no
// mail parser, so mails are read with Python's email package, the same way
// the integration tests read them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BASE } from './harness.mjs';

export const ROOT = process.env.KTK_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const VAR = process.env.KTK_VAR || '';
export const ANSWER = process.env.KTK_CAPTCHA_TEST_ANSWER || '';
const INTEGRATION = path.join(ROOT, 'tests', 'integration');

// Runs Python with tests/integration on its path; `code` prints JSON.
function python(code, ...args) {
  const out = execFileSync('/usr/bin/python3', ['-c', code, INTEGRATION, ...args],
                           { encoding: 'utf8', env: { ...process.env, KTK_VAR: VAR, KTK_ROOT: ROOT } });
  return JSON.parse(out);
}

const PRELUDE = 'import json, sys; sys.path.insert(0, sys.argv[1]); ';

// Rows of strings, like ktk_test.sql (values travel quoted, never spliced raw).
export function sql(query, ...params) {
  return python(PRELUDE + 'from ktk_test import sql; print(json.dumps(sql(sys.argv[2], *sys.argv[3:])))',
                query, ...params.map(String));
}

// The mails sent to `address`, oldest first: subject, plain text, language
// and the links in the text (made local to the test's base URL).
export function mailsTo(address) {
  const code = PRELUDE + `
import email, email.policy, mailbox, os, re
box = mailbox.Maildir(os.path.join(os.environ["KTK_VAR"], "maildir"), factory=None, create=False)
out = []
for key in box.keys():
    with box.get_file(key) as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    if sys.argv[2].lower() not in str(m.get("X-RcptTo") or m.get("To")).lower():
        continue
    part = m.get_body(preferencelist=("plain",))
    text = part.get_content() if part else ""
    out.append({"subject": str(m["Subject"]), "text": text, "lang": str(m.get("Content-Language") or ""),
                "date": m["Date"].datetime.timestamp() if m["Date"] else 0,
                "links": re.findall(r"https?://[^\\s<>\\"')]+", text)})
out.sort(key=lambda x: x["date"])
print(json.dumps(out))
`;
  return python(code, address).map(m => ({ ...m, links: m.links.map(local) }));
}

// A link from a mail as a URL on the stack under test (mails use base_url).
function local(link) {
  const u = new URL(link);
  return `${BASE}${u.pathname}${u.search}`;
}

// Waits (up to 20 s: the worker polls every second) for the n-th mail to
// `address` whose subject contains `subject`.
export async function waitForMail(address, subject, n = 1) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const found = mailsTo(address).filter(m => m.subject.includes(subject));
    if (found.length >= n) return found[n - 1];
    if (Date.now() > deadline) {
      throw new Error(`no mail "${subject}" to ${address} (have: ${mailsTo(address).map(m => m.subject).join(' | ')})`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

// A district office with one municipality and a clerk, made with ktk-admin
// (office add, municipality add, clerk add) by the integration tests'
// fixtures: { clerk: {email, password, …}, taxNumber, municipality }.
export function officeWithClerk(municipalityName, clerkLanguage = 'hu') {
  const code = PRELUDE + `
import ktk_accounts
office = ktk_accounts.office()
mid, tax = ktk_accounts.municipality(office, sys.argv[2])
print(json.dumps({"clerk": ktk_accounts.clerk(office, language=sys.argv[3]), "taxNumber": tax,
                  "municipality": sys.argv[2]}))
`;
  return python(code, municipalityName, clerkLanguage);
}

// The clerk's step where a test is about something else: \`ktk-admin link\`.
// (The journey test links through the clerks' web area instead.)
export function linkWithCli(email, municipalityName) {
  const scene = officeWithClerk(municipalityName);
  python(PRELUDE + 'import ktk_accounts; ktk_accounts.admin("link", "--email", sys.argv[2], "--tax-number", sys.argv[3]); ' +
         'print("null")', email, scene.taxNumber);
  return scene;
}

// An account made by the integration tests' fixture (rows written
// directly, the password hashed by ktk-admin): 'linked' is a contact of a
// new municipality of a new district office, with a fresh address.
// Returns { email, password, municipality, tax_number, … }.
export function account(state, language = 'hu') {
  return python(PRELUDE + 'import ktk_accounts; print(json.dumps(ktk_accounts.account(sys.argv[2], language=sys.argv[3])))',
                state, language);
}

// Moves the portal's clock (seconds from now); 0 puts it back.
export function setClockOffset(seconds) {
  fs.writeFileSync(path.join(VAR, 'clock-offset'), String(Math.trunc(seconds)));
}

// A fresh address no other test uses.
export function address(tag) {
  return `${tag}.${Math.random().toString(16).slice(2, 12)}@example.hu`;
}

// The two sides of a negotiation in one new district office, made by the
// integration tests' fixtures: the office gets its own contract-number code
// (`ktk-admin office set-code`), a municipality with a linked contact, a
// clerk in the contact's language and a second clerk in the other one
// (each recipient's mails come in their own language). Returns
// { code, contact: {email, password, municipality, tax_number, …}, clerk, otherClerk }.
export function negotiationScene(contactLanguage = 'hu', clerkLanguage = contactLanguage) {
  const code = PRELUDE + `
import uuid, ktk_accounts
lang, clerk_lang = sys.argv[2], sys.argv[3]
office = ktk_accounts.office()
code = "T" + uuid.uuid4().hex[:9].upper()
ktk_accounts.admin("office", "set-code", office, code)
contact = ktk_accounts.account("linked", language=lang, office_id=office, municipality_name="Pilisborosjenő Község Önkormányzata")
clerk = ktk_accounts.clerk(office, language=clerk_lang, last="Fehér", first="Judit")
other = ktk_accounts.clerk(office, language="en" if clerk_lang == "hu" else "hu", last="Molnár", first="Gábor")
print(json.dumps({"code": code, "contact": contact, "clerk": clerk, "otherClerk": other}))
`;
  return python(code, contactLanguage, clerkLanguage);
}

// A sibling service registered with \`ktk-admin client add\` (redirect URI
// https://vkp.example.hu/redirect_uri); `args` are its other options.
// Returns its client_id.
export function oidcClient(name, ...args) {
  return oidcClientCredentials(name, 'https://vkp.example.hu/redirect_uri', ...args).client_id;
}

// A relying party registered with \`ktk-admin client add\` for
// `redirectUri`, `args` its other options: what the command printed,
// { client_id, client_secret } (a public client has no secret).
export function oidcClientCredentials(name, redirectUri, ...args) {
  return python(PRELUDE + `
import ktk_accounts
out = ktk_accounts.admin("client", "add", "--name", sys.argv[2], "--redirect-uri", sys.argv[3], *sys.argv[4:])
print(json.dumps(dict(line.split(": ", 1) for line in out.splitlines())))
`, name, redirectUri, ...args);
}

// \`ktk-admin ARGS…\` against the stack; what it printed (throws when it fails).
export function ktkAdmin(...args) {
  return python(PRELUDE + 'import ktk_accounts; print(json.dumps(ktk_accounts.admin(*sys.argv[2:])))', ...args);
}

// A free loopback port (chosen when a test file is loaded, so that a test's
// `sites` option can name the origin it will reach).
export function freePort() {
  return python('import json, socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])');
}

// A sibling service that signs in through the portal with Apache and
// mod_auth_openidc (sibling_service.py), registered as `name` with
// `ktk-admin client add` and listening on `port`. Returns
// { origin, client_id, dir }; stopSibling(port) stops its Apache.
export function startSibling(port, name) {
  return sibling('start', String(port), name);
}

export function stopSibling(port) {
  sibling('stop', String(port));
}

function sibling(...args) {
  const out = execFileSync('/usr/bin/python3', [path.join(ROOT, 'tests', 'browser', 'sibling_service.py'), ...args],
                           { encoding: 'utf8', env: { ...process.env, KTK_VAR: VAR, KTK_ROOT: ROOT } });
  return out.trim() ? JSON.parse(out) : null;
}

// The second step of a login (README, "Second factor"). The fixtures
// enrol every clerk's authenticator through the pages and hand back its
// secret (totp_secret) and the newest step used (totp_last); a login that
// lands on /login/two-factor types a code oathtool makes for a step the
// portal has not accepted yet, as the person's app would show.
const lastSteps = new Map();

export function totpCode(secret, step) {
  return execFileSync('oathtool', ['--totp', '-b', '-N', `@${step * 30}`, secret.replace(/ /g, '')],
                      { encoding: 'utf8' }).trim();
}

// The portal's clock: the real one plus the test's offset (setClockOffset).
export function serverNow() {
  try {
    return Date.now() / 1000 + Number(fs.readFileSync(path.join(VAR, 'clock-offset'), 'utf8').trim() || 0);
  } catch {
    return Date.now() / 1000;
  }
}

// A code of `who`'s authenticator for a step not used yet: the oldest of
// the window (one step either side) newer than the last used; waits for
// the next step when all three are used.
export async function freshCode(who) {
  for (;;) {
    const now = serverNow();
    const current = Math.floor(now / 30);
    const last = lastSteps.get(who.totp_secret) ?? who.totp_last ?? 0;
    const steps = now % 30 < 27 ? [current - 1, current, current + 1] : [current, current + 1];
    const step = steps.find(s => s > last);
    if (step !== undefined) {
      lastSteps.set(who.totp_secret, step);
      return totpCode(who.totp_secret, step);
    }
    await new Promise(resolve => setTimeout(resolve, (30 - now % 30 + 0.2) * 1000));
  }
}

// After the password: answers the second step when the login asked for
// it (and `who` has an authenticator), with the keyboard.
export async function secondStep(page, who) {
  if (new URL(page.url()).pathname !== '/login/two-factor' || !who.totp_secret) return;
  await page.fill('#code', await freshCode(who));
  await page.focus('#code');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}
