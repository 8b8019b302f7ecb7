"""SMTP sink of bench/load_faults.py: appends each received message's Message-ID to a file.

.venv/bin/python bench/smtp_sink.py PORT FILE
"""

import email
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, path: str):
        self.path = path

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with open(self.path, "a") as out:
            out.write(f"{message.get('Message-ID', '').strip()}\n")
            out.flush()
            os.fsync(out.fileno())
        return "250 OK"


def main() -> None:
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(path), hostname="127.0.0.1", port=port)
    controller.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
