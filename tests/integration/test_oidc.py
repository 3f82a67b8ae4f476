"""The OpenID Connect provider's first pieces through the real stack: its
discovery document under both names, its JWKS (keys made on first use,
rotated with `ktk-admin oidc key rotate`, the old ones published until
their tokens have expired), and the operator's `ktk-admin client …`
commands with their audit rows."""
import json

from ktk_accounts import admin, run_admin
from ktk_test import URL, Client, TestCase, set_clock_offset, sql


def get_json(path):
    r = Client().get(path)
    assert r.status == 200, r
    return r, json.loads(r.text)


def jwks_kids():
    return [k["kid"] for k in get_json("/oauth2/jwks")[1]["keys"]]


def key_list():
    """`ktk-admin oidc key list` as {kid: (alg, state, published_until)}."""
    lines = admin("oidc", "key", "list").splitlines()
    assert lines[0] == "kid\talg\tcreated_at\tstate\tpublished_until", lines[0]
    return {kid: (alg, state, until) for kid, alg, _, state, until in (l.split("\t") for l in lines[1:])}


def add_client(*args):
    """`ktk-admin client add` → {"client_id": …, "client_secret": …}."""
    out = admin("client", "add", *args)
    return dict(line.split(": ", 1) for line in out.splitlines())


def audit_rows(action):
    return sql("SELECT COALESCE(before_value, ''), COALESCE(after_value, ''), actor_label FROM audit_log"
               " WHERE action = %s ORDER BY id", action)


class DiscoveryTest(TestCase):
    def test_both_names_give_the_same_document_for_the_configured_issuer(self):
        r, doc = get_json("/.well-known/openid-configuration")
        self.assertEqual(r.header("Content-Type"), "application/json")
        self.assertEqual(r.header("Cache-Control"), "public, max-age=300")
        self.assertEqual(r.header("Access-Control-Allow-Origin"), "*")
        self.assertEqual(doc["issuer"], URL)
        for key, path in [("authorization_endpoint", "authorize"), ("token_endpoint", "token"),
                          ("userinfo_endpoint", "userinfo"), ("jwks_uri", "jwks"), ("revocation_endpoint", "revoke"),
                          ("introspection_endpoint", "introspect"), ("end_session_endpoint", "logout")]:
            self.assertEqual(doc[key], f"{URL}/oauth2/{path}")
        self.assertEqual(doc["response_types_supported"], ["code"])
        self.assertEqual(doc["code_challenge_methods_supported"], ["S256"])
        self.assertEqual(doc["id_token_signing_alg_values_supported"], ["RS256", "ES256"])
        _, alias = get_json("/.well-known/oauth-authorization-server")
        self.assertEqual(alias, doc)

    def test_the_provider_speaks_only_get_on_its_documents(self):
        for path in ("/.well-known/openid-configuration", "/oauth2/jwks"):
            self.assertEqual(Client().post(path, {"a": "b"}).status, 405, path)
        self.assertEqual(Client().get("/.well-known/openid-configuration/x").status, 404)


class KeyTest(TestCase):
    def tearDown(self):
        set_clock_offset(0)

    def test_the_jwks_publishes_an_rs256_and_an_es256_key_without_private_parts(self):
        _, doc = get_json("/oauth2/jwks")
        algs = {k["alg"] for k in doc["keys"]}
        self.assertEqual(algs, {"RS256", "ES256"})
        for k in doc["keys"]:
            self.assertEqual(k["use"], "sig")
            self.assertTrue(k["kid"])
            self.assertFalse({"d", "p", "q", "dp", "dq", "qi", "k"} & set(k), k)
            if k["kty"] == "RSA":
                self.assertEqual(k["e"], "AQAB")
                self.assertGreaterEqual(len(k["n"]), 342)  # 2048 bits, base64url
            else:
                self.assertEqual((k["kty"], k["crv"]), ("EC", "P-256"))
        # Sealed in the database: no private key in clear.
        for (sealed,) in sql("SELECT private_sealed FROM oidc_keys"):
            self.assertNotIn("PRIVATE", sealed)

    def test_a_rotation_publishes_the_new_keys_and_keeps_the_old_until_their_tokens_expire(self):
        before = set(jwks_kids())
        out = admin("oidc", "key", "rotate").splitlines()
        self.assertEqual([l.split(": ")[0] for l in out], ["RS256 kid", "ES256 kid"])
        new = {l.split(": ")[1] for l in out}
        self.assertEqual(set(jwks_kids()), before | new)
        keys = key_list()
        for kid in new:
            self.assertEqual(keys[kid][1], "current")
        for kid in before:
            self.assertEqual(keys[kid][1], "superseded")
        rows = audit_rows("oidc.key.rotate")
        self.assertEqual(json.loads(rows[-1][1])["old_keys_published_for_s"], 660)
        # Eleven minutes later every token the old keys signed has expired.
        set_clock_offset(11 * 60 + 5)
        self.assertEqual(set(jwks_kids()), new)
        self.assertTrue(all(key_list()[kid][1] == "retired" for kid in before))


class ClientCommandTest(TestCase):
    def test_a_confidential_client_gets_its_id_and_secret_once_and_the_audit_row_keeps_no_secret(self):
        c = add_client("--name", "Virtuális Közfoglalkoztatási Piac", "--redirect-uri",
                       "https://vkp.example.hu/redirect_uri", "--redirect-uri", "http://127.0.0.1:8081/cb",
                       "--post-logout-redirect-uri", "https://vkp.example.hu/", "--first-party",
                       "--backchannel-logout-uri", "https://vkp.example.hu/redirect_uri?logout=backchannel")
        self.assertEqual(sorted(c), ["client_id", "client_secret"])
        self.assertRegex(c["client_id"], r"^[A-Za-z0-9_-]{22}$")
        self.assertRegex(c["client_secret"], r"^[A-Za-z0-9_-]{43}$")
        shown = dict(l.split(": ", 1) for l in admin("client", "show", c["client_id"]).splitlines()
                     if not l.startswith("redirect_uri"))
        self.assertEqual(shown["name"], "Virtuális Közfoglalkoztatási Piac")
        self.assertEqual((shown["type"], shown["first_party"], shown["state"]), ("confidential", "yes", "enabled"))
        uris = [l.split(": ", 1)[1] for l in admin("client", "show", c["client_id"]).splitlines()
                if l.startswith("redirect_uri")]
        self.assertEqual(uris, ["https://vkp.example.hu/redirect_uri", "http://127.0.0.1:8081/cb"])
        self.assertNotIn(c["client_secret"], admin("client", "show", c["client_id"]))
        stored = sql("SELECT secret_hash FROM oidc_clients WHERE client_id = %s", c["client_id"])[0][0]
        self.assertNotEqual(stored, c["client_secret"])
        row = [r for r in audit_rows("oidc.client.create") if c["client_id"] in r[1]][-1]
        self.assertNotIn(c["client_secret"], "".join(row))
        self.assertTrue(row[2].startswith("cli:"), row[2])
        listed = [l.split("\t") for l in admin("client", "list").splitlines()]
        self.assertEqual(listed[0], ["client_id", "type", "first_party", "state", "redirect_uris", "name"])
        self.assertIn([c["client_id"], "confidential", "yes", "enabled", "2", "Virtuális Közfoglalkoztatási Piac"],
                      listed)

    def test_a_public_client_gets_no_secret_and_none_to_rotate(self):
        c = add_client("--name", "Mobil", "--redirect-uri", "http://127.0.0.1:9000/cb", "--public",
                       "--id-token-alg", "ES256")
        self.assertEqual(sorted(c), ["client_id"])
        self.assertIn("id_token_alg: ES256", admin("client", "show", c["client_id"]))
        r = run_admin("client", "rotate-secret", c["client_id"])
        self.assertEqual(r.returncode, 1)
        self.assertIn("public", r.stderr)

    def test_rotate_secret_prints_a_new_one_and_disable_is_audited(self):
        c = add_client("--name", "Rotálós", "--redirect-uri", "https://r.example.hu/cb")
        out = admin("client", "rotate-secret", c["client_id"]).splitlines()
        self.assertEqual(len(out), 1)
        secret = out[0].split("client_secret: ")[1]
        self.assertNotEqual(secret, c["client_secret"])
        self.assertIn("secret_rotated_at:", admin("client", "show", c["client_id"]))
        admin("client", "disable", c["client_id"])
        self.assertIn("state: disabled since", admin("client", "show", c["client_id"]))
        self.assertEqual(admin("client", "disable", c["client_id"]), "already disabled\n")
        self.assertTrue(any(c["client_id"] in r[1] for r in audit_rows("oidc.client.rotate_secret")))
        self.assertTrue(any(c["client_id"] in r[1] for r in audit_rows("oidc.client.disable")))
        for (before, after, _) in audit_rows("oidc.client.rotate_secret"):
            self.assertNotIn(secret, before + after)

    def test_bad_uris_names_and_options_are_refused_and_nothing_is_stored(self):
        count = sql("SELECT COUNT(*) FROM oidc_clients")[0][0]
        for args, code, text in [
            (["--name", "X", "--redirect-uri", "https://*.example.hu/cb"], 65, "wildcards"),
            (["--name", "X", "--redirect-uri", "http://vkp.example.hu/cb"], 65, "https"),
            (["--name", "X", "--redirect-uri", "https://vkp.example.hu/cb#x"], 65, "fragment"),
            (["--name", "X", "--redirect-uri", "https://a.hu/cb", "--redirect-uri", "https://a.hu/cb"], 65, "twice"),
            (["--name", "X", "--redirect-uri", "https://a.hu/cb", "--post-logout-redirect-uri", "/x"], 65, "absolute"),
            (["--name", "X", "--redirect-uri", "https://a.hu/cb", "--id-token-alg", "HS256"], 65, "RS256 or ES256"),
            (["--name", "", "--redirect-uri", "https://a.hu/cb"], 65, "client name"),
            (["--name", "X"], 64, "usage"),
            (["--name", "X", "--redirect-uri", "https://a.hu/cb", "--public", "--public"], 64, "twice"),
            (["--name", "X", "--redirect-uri", "https://a.hu/cb", "--wildcard"], 64, "unknown option"),
        ]:
            r = run_admin("client", "add", *args)
            self.assertEqual(r.returncode, code, (args, r.stderr))
            self.assertIn(text, r.stderr, args)
            self.assertEqual(r.stdout, "", args)
        self.assertEqual(sql("SELECT COUNT(*) FROM oidc_clients")[0][0], count)
        for cmd in ("show", "disable", "rotate-secret"):
            r = run_admin("client", cmd, "nincs-ilyen")
            self.assertEqual((r.returncode, r.stderr.strip()), (1, "ktk-admin: no client nincs-ilyen"), cmd)
