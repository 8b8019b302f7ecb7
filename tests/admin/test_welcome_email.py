"""The welcome email: once, in the customer's language, with a link that works; the outbox."""

import re
import socket
from datetime import timedelta

from sqlalchemy import select, update

from app.extensions import db
from app.models import Customer, OutboxMessage
from app.models.types import utcnow
from app.services.settings import save_settings
from tests.conftest import free_port
from tests.factories import make_admin, make_user, new_customer_form

NEW = "/admin/customers/new"


def create(client, **overrides):
    return client.post_form(NEW, new_customer_form(**overrides), token_from=NEW)


def test_welcome_arrives_once_in_french_with_a_working_link(app, client, ctx, login_as, inbox):
    login_as(make_user())
    save_settings({"company_name": "Atelier Comptoir"})
    db.session.commit()
    assert create(client, send_welcome="y", language="fr").status_code == 303
    message = inbox.only()
    assert message["To"] == "claire.martin@example.com"
    # Neither the Message-ID nor the EHLO greeting needed a DNS lookup of this machine's name.
    sender_domain = message["From"].addresses[0].domain
    assert message["Message-ID"].endswith(f"@{sender_domain}>")
    assert inbox.greetings == [socket.gethostname()]
    assert message["Subject"] == "Atelier Comptoir\u00a0: bienvenue dans votre espace client"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Bonjour Claire" in text and "Boulangerie Martin SARL" in text
    assert "https://crm.example.com/clients/login" in text
    assert '<a href="https://crm.example.com/clients/set-password/' in html
    link = re.search(r"https://crm\.example\.com(/clients/set-password/\S+?)[\s)]", text).group(1)
    visitor = app.test_client()
    token = visitor.csrf_token(link)
    done = visitor.post(
        link,
        data={"csrf_token": token, "password": "claire's secret 1", "confirm": "claire's secret 1"},
    )
    assert done.status_code == 303
    signed_in = visitor.post_form(
        "/clients/login",
        {"email": "claire.martin@example.com", "password": "claire's secret 1"},
        token_from="/clients/login",
    )
    assert signed_in.status_code == 303
    assert "Boulangerie Martin SARL" in visitor.get("/clients/").get_data(as_text=True)


def test_welcome_without_link_when_staff_set_a_password(client, ctx, login_as, inbox):
    login_as(make_user())
    create(
        client,
        send_welcome="y",
        language="en",
        password_choice="password",
        contact_password="a long enough secret",
    )
    text = inbox.only().get_body(("plain",)).get_content()
    assert "set-password" not in text and "Choose your password" not in text
    assert "https://crm.example.com/clients/login" in text


def test_no_welcome_when_unchecked_but_the_link_still_goes(client, ctx, login_as, inbox):
    login_as(make_user())
    create(client, language="en")
    assert "Choose your client portal password" in inbox.only()["Subject"]


def test_smtp_down_keeps_the_customer_and_the_message(app, client, ctx, login_as, inbox, smtp):
    login_as(make_admin())
    save_settings({"smtp_port": free_port()})
    db.session.commit()
    assert create(client, send_welcome="y", language="en").status_code == 303
    customer = db.session.scalars(select(Customer)).one()
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.sent_at is None and message.attempts == 1
    assert message.last_error.startswith("unreachable:")  # said in words when shown
    assert message.next_attempt_at > utcnow()  # backs off
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert "could not be reached" in page and "Resend" in page
    # The server comes back: "resend" delivers it.
    save_settings({"smtp_port": smtp.port})
    db.session.commit()
    url = f"/admin/customers/{customer.id}/emails/{message.id}/resend"
    assert client.post_form(url, {}, token_from="/admin/").status_code == 303
    assert inbox.only()["To"] == "claire.martin@example.com"
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).sent_at is not None


def test_the_worker_command_sends_what_is_due(app, client, ctx, login_as, inbox, smtp):
    login_as(make_user())
    save_settings({"smtp_port": free_port()})
    db.session.commit()
    create(client, send_welcome="y", language="en")
    save_settings({"smtp_port": smtp.port})
    db.session.commit()
    runner = app.test_cli_runner()
    assert "0 sent" in runner.invoke(args=["mail", "send-outbox"]).output  # not due yet
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(1)))
    db.session.commit()
    assert "1 sent, 0 failed" in runner.invoke(args=["mail", "send-outbox"]).output
    assert len(inbox.messages) == 1
    assert "0 sent" in runner.invoke(args=["mail", "send-outbox"]).output  # never twice


def test_header_injection_in_names_is_refused(client, ctx, login_as, inbox):
    login_as(make_user())
    response = create(client, send_welcome="y", contact_first_name="Eve\r\nBcc: x@example.com")
    assert response.status_code == 422
    response = create(client, send_welcome="y", company="Evil\nCorp")
    assert response.status_code == 422
    assert inbox.messages == []
    assert db.session.scalars(select(Customer)).all() == []


def test_merge_field_injection_stays_literal(client, ctx, login_as, inbox):
    login_as(make_user())
    create(
        client,
        send_welcome="y",
        language="en",
        contact_first_name="{set_password_url}",
        company="{portal_url} <b>Ltd</b>",
    )
    message = inbox.only()
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Hello {set_password_url}," in text
    assert "{portal_url} <b>Ltd</b>" in text and "&lt;b&gt;Ltd&lt;/b&gt;" in html


def test_resend_of_another_customers_message_is_a_404(client, ctx, login_as):
    login_as(make_user())
    create(client, send_welcome="y")
    message = db.session.scalars(select(OutboxMessage)).one()
    from tests.factories import make_customer

    other = make_customer()
    url = f"/admin/customers/{other.id}/emails/{message.id}/resend"
    assert client.post_form(url, {}, token_from="/admin/").status_code == 404
