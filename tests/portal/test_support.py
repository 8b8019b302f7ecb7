"""Support in the portal: the permission, opening and replying, isolation, attachment abuse."""

import io

import pytest
from PIL import Image
from sqlalchemy import select

from app.extensions import db
from app.models import Ticket, TicketAttachment, TicketReply
from tests.factories import make_admin, make_contact, make_customer, make_ticket

NEW = "/clients/tickets/new"


def png(extra: bytes = b"") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue() + extra


@pytest.fixture
def contact(client, ctx, login_as):
    make_admin(email="boss@example.com")
    person = make_contact(make_customer(company="Acme", language="fr"), first_name="Lou")
    login_as(person)
    return person


def open_ticket(client, files=None, **overrides):
    data = {
        "subject": "Printer on fire",
        "priority": "high",
        "department": "",
        "body": "It smokes.\nSee https://example.com/photo",
        **overrides,
    }
    if files:
        data["attachments"] = files
    return client.post_form(NEW, data, token_from=NEW, content_type="multipart/form-data")


def test_contact_opens_a_ticket_and_everyone_is_told(client, contact, inbox):
    response = open_ticket(client, files=[(io.BytesIO(png()), "photo.png")])
    assert response.status_code == 303
    ticket = db.session.scalars(select(Ticket)).one()
    assert (ticket.customer_id, ticket.contact_id, ticket.status) == (
        contact.customer_id,
        contact.id,
        "open",
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "It smokes.<br>" in page and 'href="https://example.com/photo"' in page
    assert "photo.png" in page
    recipients = sorted(m["To"] for m in inbox.messages)
    assert recipients == ["boss@example.com", contact.email]
    to_contact = next(m for m in inbox.messages if m["To"] == contact.email)
    assert "demande" in to_contact["Subject"].lower()  # French, the customer's language


def test_contact_sees_its_customers_tickets_only(client, contact, login_as):
    colleague = make_contact(contact.customer)
    make_ticket(colleague, subject="Colleague's")
    theirs = make_ticket(subject="Someone else's")
    page = client.get("/clients/tickets").get_data(as_text=True)
    assert "Colleague&#39;s" in page and "Someone else" not in page
    assert client.get(f"/clients/tickets/{theirs.id}").status_code == 404


def test_reply_reopens_and_close(client, contact, inbox):
    open_ticket(client)
    ticket = db.session.scalars(select(Ticket)).one()
    ticket.status = "answered"
    db.session.commit()
    inbox.clear()
    url = f"/clients/tickets/{ticket.id}"
    assert client.post_form(url, {"body": "Still smoking"}, token_from=url).status_code == 303
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "open"
    assert [m["To"] for m in inbox.messages] == ["boss@example.com"]
    client.post_form(url + "/close", {}, token_from=url)
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "closed"


def test_internal_notes_never_reach_the_contact(client, contact):
    open_ticket(client)
    ticket = db.session.scalars(select(Ticket)).one()
    note = TicketReply(ticket=ticket, body="Customer is grumpy", internal=True)
    note.attachments.append(
        TicketAttachment(filename="n.txt", content_type="text/plain", size=4, content=b"note")
    )
    db.session.add(note)
    db.session.commit()
    page = client.get(f"/clients/tickets/{ticket.id}").get_data(as_text=True)
    assert "grumpy" not in page and "n.txt" not in page
    attachment_id = note.attachments[0].id
    assert (
        client.get(f"/clients/tickets/{ticket.id}/attachments/{attachment_id}").status_code == 404
    )


def test_empty_or_overlong_input_is_refused(client, contact):
    assert open_ticket(client, subject="", body="").status_code == 422
    assert open_ticket(client, subject="x" * 201).status_code == 422
    assert open_ticket(client, priority="apocalyptic").status_code == 422
    assert open_ticket(client, department="999").status_code == 422
    assert db.session.scalars(select(Ticket)).all() == []


@pytest.mark.parametrize(
    "name,content",
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("notes.txt", b"hello <script>alert(1)</script>"),
        ("fake.png", b"<html><body>not an image</body></html>"),
        ("fake.pdf", b"<html>not a pdf</html>"),
        ("program.exe", b"MZ\x90\x00"),
    ],
)
def test_dangerous_attachments_are_refused(client, contact, name, content):
    response = open_ticket(client, files=[(io.BytesIO(content), name)])
    assert response.status_code == 422
    # The customer speaks French: so does the error.
    assert "seuls les images (PNG, JPEG, GIF, WebP), les PDF et les fichiers texte" in (
        response.get_data(as_text=True)
    )
    assert db.session.scalars(select(Ticket)).all() == []


def test_a_png_html_polyglot_is_defused(client, contact):
    polyglot = png(b"<html><script>alert(document.cookie)</script></html>")
    response = open_ticket(client, files=[(io.BytesIO(polyglot), "../../etc/passwd.png")])
    assert response.status_code == 303
    attachment = db.session.scalars(select(TicketAttachment)).one()
    assert attachment.filename == "etc_passwd.png"
    assert b"<script" not in attachment.content  # re-encoded
    ticket = db.session.scalars(select(Ticket)).one()
    download = client.get(f"/clients/tickets/{ticket.id}/attachments/{attachment.id}")
    assert download.status_code == 200 and download.mimetype == "image/png"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in download.headers["Content-Security-Policy"]


def test_oversized_attachment_is_refused(client, contact, monkeypatch):
    from app.services.tickets import attachments

    monkeypatch.setattr(attachments, "MAX_BYTES", 10_000)
    response = open_ticket(client, files=[(io.BytesIO(b"a" * 10_001), "big.txt")])
    assert response.status_code == 422
    assert "dépasse 5 Mo" in response.get_data(as_text=True)


def test_without_support_every_support_url_is_forbidden(client, ctx, login_as):
    person = make_contact(make_customer(), perm_support=False)
    other = make_contact(person.customer)
    ticket = make_ticket(other, attachment=b"a", subject="S")
    attachment = ticket.replies[0].attachments[0]
    login_as(person)
    page = client.get("/clients/").get_data(as_text=True)
    assert "/clients/tickets" not in page
    token = client.csrf_token("/clients/")
    base = f"/clients/tickets/{ticket.id}"
    for url in ["/clients/tickets", NEW, base, f"{base}/attachments/{attachment.id}"]:
        assert client.get(url).status_code == 403, url
    for url in [NEW, base, f"{base}/close"]:
        assert client.post(url, data={"csrf_token": token, "body": "x"}).status_code == 403, url
