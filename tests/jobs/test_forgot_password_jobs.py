"""Forgotten password: the request does the same for known and unknown addresses (one job)."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import OutboxMessage
from tests.factories import make_contact, make_user
from tests.jobs.conftest import run_queued

SURFACES = [
    ("staff", "/admin/forgot-password", make_user),
    ("portal", "/clients/forgot-password", make_contact),
]


@pytest.mark.parametrize(("surface", "url", "make_person"), SURFACES)
def test_known_and_unknown_addresses_queue_the_same_job(
    client, ctx, inbox, queue, surface, url, make_person
):
    known = make_person().email
    work = []
    for email in ("nobody@example.com", known):
        assert client.post_form(url, {"email": email}).status_code == 303
        work.append([(job.name, job.args[0]) for job in queue.pending()])
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0  # nothing written
        assert inbox.messages == []  # nor sent
        assert run_queued(queue) == [
            "password_reset_request",
            *(["deliver_message"] * (email == known)),
        ]
    assert work[0] == work[1] == [("password_reset_request", surface)]
    assert inbox.only()["To"] == known
