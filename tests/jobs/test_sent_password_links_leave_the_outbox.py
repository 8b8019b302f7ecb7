"""Password links are not kept readable in the outbox: once a message has left, its stored
bodies no longer hold the link's token; until then a retry sends the same working link."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import OutboxMessage
from app.services.mail.outbox import queue_email
from app.services.mail.sent_links import REMOVED
from app.services.settings import save_settings
from tests.conftest import free_port
from tests.factories import make_admin, make_contact, make_user

TOKEN = re.compile(r"/(?:admin/reset-password|clients/set-password)/([A-Za-z0-9_-]{43})")


def token_in(inbox) -> str:
    text = inbox.only().get_body(("plain",)).get_content()
    return TOKEN.search(text).group(1)


def stored(kind: str) -> OutboxMessage:
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)).one()


def test_a_sent_reset_email_keeps_no_token(app, client, ctx, login_as, inbox):
    user = make_user()
    app.test_client().post_form("/admin/forgot-password", {"email": user.email})
    raw = token_in(inbox)
    row = stored("reset_password")
    assert row.sent_at is not None
    assert raw not in row.body_text and raw not in row.body_html
    assert REMOVED in row.body_text and REMOVED in row.body_html
    # The emailed link itself still works, and the Outbox page shows no live link.
    assert app.test_client().get(f"/admin/reset-password/{raw}").status_code == 200
    login_as(make_admin())
    page = client.get("/admin/settings/email/outbox?state=sent").get_data(as_text=True)
    assert user.email in page and raw not in page


def test_a_failed_send_keeps_the_link_for_the_retry_then_drops_it(
    app, client, ctx, login_as, inbox
):
    save_settings({"smtp_port": free_port()})  # the mail server is down
    db.session.commit()
    contact = make_contact()
    login_as(make_admin())
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/send-link"
    assert client.post_form(url, {}, token_from="/admin/").status_code == 303
    kind = db.session.scalars(select(OutboxMessage.kind)).one()
    row = stored(kind)
    assert row.sent_at is None and row.last_error
    raw = TOKEN.search(row.body_text).group(1)  # kept until sent, so a retry still works
    for page in ("/admin/settings/email/outbox", f"/admin/customers/{contact.customer_id}"):
        assert raw not in client.get(page).get_data(as_text=True)
    save_settings({"smtp_port": app.config["MAIL_PORT"]})
    db.session.commit()
    retry = f"/admin/settings/email/outbox/{row.id}/retry"
    assert client.post_form(retry, {}, token_from="/admin/").status_code == 303
    assert token_in(inbox) == raw
    assert app.test_client().get(f"/clients/set-password/{raw}").status_code == 200
    row = stored(kind)
    assert row.sent_at is not None and raw not in row.body_text + row.body_html


def test_other_long_codes_in_a_message_stay(app, ctx, inbox):
    code = "A" * 20 + "b" * 23  # 43 URL-safe characters that open nothing
    queue_email("ada@example.com", "Hello", f"<p>{code}</p>", code, kind="test")
    db.session.commit()
    row = stored("test")
    assert row.sent_at is not None and row.body_text == code
