"""An SMTP relay that wants a login (AUTH PLAIN or LOGIN, without TLS, on
loopback only), for checking what msmtp sends with the packaged msmtprc.
Run with /usr/bin/python3 (aiosmtpd):

    smtp_auth_sink.py PORT USER PASSWORD

It prints "ready", then one line per event: "auth ok|refused USER" and
"mail FROM TO…"; it stops when its standard input closes."""
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    port, user, password = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3].encode()

    def authenticate(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (user, password)
        login = data.login.decode(errors="replace") if isinstance(data, LoginPassword) else "?"
        print(f"auth {'ok' if ok else 'refused'} {login}", flush=True)
        return AuthResult(success=ok)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            print(f"mail {envelope.mail_from} {' '.join(envelope.rcpt_tos)}", flush=True)
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port, authenticator=authenticate,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
