#!/usr/bin/python3
"""List the mails the local SMTP sink received, or print one of them.

    maildir.py MAILDIR          one line per mail: number, date, recipient,
                                decoded subject, then the links in its body
    maildir.py MAILDIR N        the headers and the plain-text part of mail N
    maildir.py MAILDIR N --raw  mail N exactly as it arrived
"""
import email
import email.policy
import mailbox
import re
import sys

LINK = re.compile(r"https?://[^\s<>\"')]+")


def messages(path):
    box = mailbox.Maildir(path, factory=None, create=False)
    items = []
    for key in box.keys():
        with box.get_file(key) as f:
            raw = f.read()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        date = msg["Date"].datetime.timestamp() if msg["Date"] and msg["Date"].datetime else 0
        items.append((date, key, raw, msg))
    items.sort(key=lambda item: (item[0], item[1]))
    return items


def text_of(msg):
    part = msg.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part else ""


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    items = messages(argv[1])
    if len(argv) == 2:
        if not items:
            print("no mail yet")
        for n, (_, _, _, msg) in enumerate(items, 1):
            rcpt = msg.get("X-RcptTo") or msg.get("To")
            print(f"{n:3}  {msg['Date']}  {rcpt}  {msg['Subject']}")
            for link in dict.fromkeys(LINK.findall(text_of(msg))):
                print(f"       {link}")
        return 0
    n = int(argv[2])
    if not 1 <= n <= len(items):
        print(f"no mail {n} (there are {len(items)})", file=sys.stderr)
        return 1
    _, _, raw, msg = items[n - 1]
    if "--raw" in argv[3:]:
        sys.stdout.buffer.write(raw)
        return 0
    for h in ("Date", "From", "To", "Subject", "Message-ID"):
        print(f"{h}: {msg[h]}")
    print()
    print(text_of(msg))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
