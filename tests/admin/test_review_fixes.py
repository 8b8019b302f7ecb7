"""Regressions found by reviewing the portal, settings and support issues."""

import io
import re
from decimal import Decimal

from PIL import Image
from sqlalchemy import select

from app.extensions import db
from app.models import OutboxMessage, Ticket, TicketAttachment, TicketReply
from app.services.mail.outbox import deliver, queue_email
from app.services.settings import save_settings
from tests.access import ACCESS
from tests.factories import make_admin, make_contact, make_currency, make_customer, make_user


def _sample(rule) -> str:
    return re.sub(
        r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>",
        lambda m: "1" if m.group(1) == "int" else "x",
        rule.rule,
    )


def test_every_staff_page_answers_htmx_requests(app, client, ctx, login_as):
    login_as(make_admin())
    contact = make_contact()
    ticket = Ticket(customer_id=contact.customer_id, contact=contact, subject="Filter me")
    db.session.add(ticket)
    db.session.commit()
    for rule in app.url_map.iter_rules():
        if ACCESS[rule.endpoint] in {"staff", "admin"} and "GET" in rule.methods:
            response = client.get(_sample(rule), headers={"HX-Request": "true"})
            assert response.status_code in {200, 302, 404}, rule.rule
    body = client.get("/admin/tickets?status=open", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert "Filter me" in body and "<html" not in body


def test_view_as_cannot_bring_back_a_staff_session_that_ended(client, ctx, login_as):
    admin = make_admin()
    contact = make_contact()
    login_as(admin)
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/view-as"
    client.post_form(url, {}, token_from="/admin/")
    admin.set_password("a completely new password")  # e.g. a reset: every session ends
    db.session.commit()
    back = client.post("/clients/end-view-as", data={"csrf_token": client.csrf_token("/clients/")})
    assert back.headers["Location"] == "/admin/login"
    assert client.get("/admin/").status_code == 302


def test_a_broken_smtp_host_is_refused_and_never_crashes_sending(client, ctx, login_as):
    login_as(make_admin())
    data = {
        "smtp_host": "a..b",
        "smtp_port": "25",
        "smtp_security": "none",
        "mail_sender_name": "Atelier",
        "mail_sender_email": "hello@example.com",
    }
    url = "/admin/settings/email"
    assert client.post_form(url, data, token_from=url).status_code == 422
    assert (
        client.post_form(
            url,
            dict(data, smtp_host="smtp.example.com", mail_sender_name="A\r\nBcc: x"),
            token_from=url,
        ).status_code
        == 422
    )
    save_settings({"smtp_host": "x" * 64 + ".example.com"})  # saved before the check existed
    message = queue_email("someone@example.com", "Hi", "<p>Hi</p>", "Hi", kind="test")
    db.session.commit()
    assert deliver(message.id) is False
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).last_error


def huge_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (13000, 13000)).save(out, format="PNG")
    return out.getvalue()


def test_decompression_bombs_are_refused(client, ctx, login_as):
    bomb = huge_png()
    login_as(make_admin())
    url = "/admin/settings/company"
    response = client.post_form(
        url,
        {"company_name": "X", "logo": (io.BytesIO(bomb), "l.png")},
        token_from=url,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    contact = make_contact(make_customer())
    login_as(contact)
    new = "/clients/tickets/new"
    response = client.post_form(
        new,
        {
            "subject": "S",
            "priority": "low",
            "department": "",
            "body": "b",
            "attachments": [(io.BytesIO(bomb), "b.png")],
        },
        token_from=new,
        content_type="multipart/form-data",
    )
    assert response.status_code == 422


def test_attachment_names_in_other_scripts_and_empty_files(client, ctx, login_as):
    login_as(make_contact(make_customer()))
    new = "/clients/tickets/new"
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="PNG")
    ok = client.post_form(
        new,
        {
            "subject": "S",
            "priority": "low",
            "department": "",
            "body": "b",
            "attachments": [(io.BytesIO(out.getvalue()), "日本語.png")],
        },
        token_from=new,
        content_type="multipart/form-data",
    )
    assert ok.status_code == 303
    assert db.session.scalar(select(TicketAttachment.filename)) == "attachment.png"
    empty = client.post_form(
        new,
        {
            "subject": "S",
            "priority": "low",
            "department": "",
            "body": "b",
            "attachments": [(io.BytesIO(b""), "e.txt")],
        },
        token_from=new,
        content_type="multipart/form-data",
    )
    assert empty.status_code == 422


def test_an_internal_note_leaves_the_activity_time_alone(client, ctx, login_as):
    login_as(make_user())
    contact = make_contact()
    ticket = Ticket(customer_id=contact.customer_id, contact=contact, subject="S")
    db.session.add(ticket)
    db.session.add(TicketReply(ticket=ticket, contact=contact, body="first"))
    db.session.commit()
    before = ticket.last_activity_at
    url = f"/admin/tickets/{ticket.id}"
    client.post_form(url, {"body": "note", "internal": "y"}, token_from=url)
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).last_activity_at == before


def test_staff_reply_keeps_its_line_breaks_in_the_html_email(client, ctx, login_as, inbox):
    login_as(make_user())
    contact = make_contact(make_customer(language="en"))
    ticket = Ticket(customer_id=contact.customer_id, contact=contact, subject="S")
    db.session.add(ticket)
    db.session.commit()
    url = f"/admin/tickets/{ticket.id}"
    client.post_form(
        url, {"body": "Line one\nLine two <b>x</b> https://example.com/a"}, token_from=url
    )
    html = inbox.only().get_body(("html",)).get_content()
    assert "Line one<br>" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert 'href="https://example.com/a"' in html


def test_currency_decimals_shape_amounts_and_lock_once_used(client, ctx, login_as):
    login_as(make_admin())
    kwd = make_currency("KWD", symbol="KD", decimals=3)
    page = client.get("/admin/settings/currencies").get_data(as_text=True)
    assert "1,234.500" in page
    make_customer(currency_id=kwd.id)
    url = f"/admin/settings/currencies/{kwd.id}"
    response = client.post_form(
        url,
        {"code": "KWD", "symbol": "KD", "decimals": "2", "symbol_after": "after"},
        token_from=url,
    )
    assert response.status_code == 422
    assert Decimal(kwd.decimals) == 3


def test_error_pages_keep_contacts_in_the_portal(client, ctx, login_as):
    login_as(make_contact(make_customer(), perm_support=False))
    page = client.get("/clients/tickets").get_data(as_text=True)
    assert 'class="sidebar"' in page and 'href="/clients/"' in page
