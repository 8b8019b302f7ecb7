"""Support images: pixel caps read from the header, re-encoding after saving, posts throttled."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

import app.services.tickets.attachments as attachments
from app.extensions import db
from app.models import Ticket, TicketAttachment, TicketReply
from app.services.images import NotAnImage
from app.services.tickets.attachments import reencode_pending_attachment
from tests.factories import make_contact, make_customer
from tests.jobs.conftest import run_queued

NEW = "/clients/tickets/new"


def png(width=20, height=20, mode="RGB", extra=b"") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, format="PNG")
    return out.getvalue() + extra


@pytest.fixture
def contact(client, ctx, login_as):
    person = make_contact(make_customer(company="Acme", language="en"), first_name="Lou")
    login_as(person)
    return person


def open_ticket(client, *images):
    files = [(io.BytesIO(data), f"shot{i}.png") for i, data in enumerate(images)]
    data = {"subject": "Screens", "priority": "low", "department": "", "body": "See these.",
            "attachments": files}  # fmt: skip
    return client.post_form(NEW, data, token_from=NEW, content_type="multipart/form-data")


def test_an_image_over_25_megapixels_is_refused_by_name(client, contact):
    response = open_ticket(client, png(6000, 5000, mode="1"))
    assert response.status_code == 422
    assert "shot0.png has more than 25 megapixels" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Ticket)) == 0


def test_the_images_of_one_message_stay_under_40_megapixels(client, contact):
    response = open_ticket(client, *[png(5000, 3000, mode="1")] * 3)  # 15 MP each, 45 together
    assert response.status_code == 422
    assert "at most 40 megapixels" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(TicketAttachment)) == 0


def test_an_image_is_served_only_once_re_encoded(client, contact, monkeypatch, queue):
    # The worker has not taken the job yet: the image waits, unserved.
    received = png(extra=b"<html><script>alert(1)</script></html>")
    ticket_url = open_ticket(client, received).headers["Location"]
    attachment = db.session.scalars(select(TicketAttachment)).one()
    assert attachment.pending and attachment.content == received  # stored as received
    page = client.get(ticket_url).get_data(as_text=True)
    assert "shot0.png <small>(being processed)</small>" in page
    download = f"{ticket_url}/attachments/{attachment.id}"
    assert download not in page
    assert client.get(download).status_code == 404

    assert "reencode_attachment" in run_queued(queue)  # be the worker (it also sends the mail)
    db.session.expire_all()
    attachment = db.session.get(TicketAttachment, attachment.id)
    assert not attachment.pending and b"<script" not in attachment.content
    assert attachment.size == len(attachment.content)
    assert download in client.get(ticket_url).get_data(as_text=True)
    response = client.get(download)
    assert response.status_code == 200 and response.data == attachment.content

    def never(*args, **kwargs):
        raise AssertionError("a second run re-encodes nothing")

    monkeypatch.setattr(attachments, "reencode", never)
    reencode_pending_attachment(attachment.id)  # a second run does nothing
    db.session.expire_all()
    assert db.session.get(TicketAttachment, attachment.id).content == response.data


def test_the_worker_re_encodes_right_after_saving(client, contact):
    ticket_url = open_ticket(client, png(extra=b"trailing")).headers["Location"]
    attachment = db.session.scalars(select(TicketAttachment)).one()
    assert not attachment.pending and not attachment.content.endswith(b"trailing")
    assert f"/attachments/{attachment.id}" in client.get(ticket_url).get_data(as_text=True)


def test_an_image_whose_job_was_lost_is_re_encoded_by_the_sweep(app, client, contact, queue):
    from app.jobs import in_job_context
    from app.jobs.tasks import PERIODIC

    open_ticket(client, png(extra=b"trailing"))
    queue.flush()  # the job is lost (the queue was down, or its storage was wiped)
    sweep = in_job_context(app, PERIODIC["sweep_attachments"][1])
    sweep()
    sweep()  # idempotent: nothing left to do
    db.session.expire_all()
    attachment = db.session.scalars(select(TicketAttachment)).one()
    assert not attachment.pending and not attachment.content.endswith(b"trailing")


def test_an_image_that_does_not_decode_is_dropped(client, contact, monkeypatch, queue):
    open_ticket(client, png())
    attachment_id = db.session.scalars(select(TicketAttachment.id)).one()

    def undecodable(*args, **kwargs):  # e.g. pixel data Pillow cannot read
        raise NotAnImage("broken data stream")

    monkeypatch.setattr(attachments, "reencode", undecodable)
    reencode_pending_attachment(attachment_id)
    reencode_pending_attachment(attachment_id)
    db.session.expire_all()
    assert db.session.get(TicketAttachment, attachment_id) is None
    assert db.session.scalar(select(func.count()).select_from(TicketReply)) == 1  # text kept


def test_a_contact_posts_at_most_ten_tickets_and_replies_in_ten_minutes(client, contact, login_as):
    for _ in range(5):
        assert open_ticket(client).status_code == 303
    ticket = db.session.scalars(select(Ticket)).first()
    url = f"/clients/tickets/{ticket.id}"
    for _ in range(5):
        assert client.post_form(url, {"body": "More"}, token_from=url).status_code == 303
    assert client.post_form(url, {"body": "Too many"}, token_from=url).status_code == 429
    assert open_ticket(client).status_code == 429
    assert db.session.scalar(select(func.count()).select_from(TicketReply)) == 10
    assert client.get(url).status_code == 200  # reading is never throttled

    login_as(make_contact(contact.customer))  # another contact has their own count
    assert open_ticket(client).status_code == 303
