"""Forgotten-password timing: an address with an account against one without, staff and portal.

    .venv/bin/python bench/forgot_password.py [--rounds 200]

Each POST is handled in-process by the real app (production scrypt, CSRF and throttling off) with
the job queue on a SQLite file and no worker: the request only enqueues. The mail server is a
closed port, so a request that still talked to SMTP would show it. Not run by pytest.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Contact, Customer, User  # noqa: E402

SURFACES = {"staff": "/admin/forgot-password", "portal": "/clients/forgot-password"}


def make_app(folder: Path):
    """A throw-away app: its own database and queue files, nothing listening for mail."""
    app = create_app({
        "SECRET_KEY": "bench-secret-key-0123456789abcdef",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}",
        "QUEUE_URL": f"sqlite:///{folder / 'queue.db'}",
        "INSTANCE_PATH": str(folder),
        "MAIL_PORT": 9,  # discard: nobody answers
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
    })  # fmt: skip
    with app.app_context():
        upgrade(directory=str(Path(__file__).resolve().parents[1] / "migrations"))
        customer = Customer(company="Bench")
        db.session.add(customer)
        db.session.add(Contact(customer=customer, first_name="Ann", last_name="B",
                               email="contact@example.com"))  # fmt: skip
        user = User(email="staff@example.com", name="Staff")
        user.set_password("a long bench password")
        db.session.add(user)
        db.session.commit()
    return app


def post_ms(client, url: str, email: str) -> float:
    """Milliseconds of one POST of the form."""
    start = time.perf_counter()
    response = client.post(url, data={"email": email})
    assert response.status_code == 303, response.status_code
    return (time.perf_counter() - start) * 1000


def timings(client, url: str, emails: dict[str, str], rounds: int) -> dict[str, list[float]]:
    """Each address's times, the two taken in turn so that drift in the machine hits both."""
    spent = {label: [] for label in emails}
    for n in range(rounds):
        order = list(emails.items()) if n % 2 else list(emails.items())[::-1]
        for label, email in order:
            spent[label].append(post_ms(client, url, email))
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Path(folder))
        client = app.test_client()
        known = {"staff": "staff@example.com", "portal": "contact@example.com"}
        print(f"{'surface':8} {'address':8} {'p50 ms':>7} {'p95 ms':>7}")
        for surface, url in SURFACES.items():
            emails = {"known": known[surface], "unknown": "nobody@example.com"}
            timings(client, url, emails, 10)  # warm-up
            for label, spent in timings(client, url, emails, rounds).items():
                spent.sort()
                p95 = spent[int(len(spent) * 0.95) - 1]
                print(f"{surface:8} {label:8} {statistics.median(spent):7.2f} {p95:7.2f}")
        huey = app.extensions["huey"]
        print(f"jobs waiting for a worker: {huey.pending_count()} (one per request)")


if __name__ == "__main__":
    main()
