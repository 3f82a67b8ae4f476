#!/usr/bin/python3
"""A sendmail stand-in for the mail worker tests.

    fake_sendmail.py [--delay SECONDS] [--exit CODE] PROGRAM ARGS...

--delay sleeps before doing anything (a slow sendmail, for the crash
test); --exit reads the whole message, says why on stderr as a real one
would, and exits with CODE without sending; otherwise PROGRAM (the real
msmtp of the test stack) replaces this process and sends the message.
"""
import os
import sys
import time


def main(argv):
    delay, code = 0.0, None
    args = argv[1:]
    while args and args[0].startswith("--"):
        option, value = args[0], args[1]
        args = args[2:]
        if option == "--delay":
            delay = float(value)
        elif option == "--exit":
            code = int(value)
        else:
            sys.exit(f"fake sendmail: unknown option {option}")
    time.sleep(delay)
    if code is not None:
        sys.stdin.buffer.read()
        print("fake sendmail: 550 5.1.1 mailbox unavailable", file=sys.stderr)
        sys.exit(code)
    os.execv(args[0], args)


if __name__ == "__main__":
    main(sys.argv)
