"""The Outbox (and a customer's undelivered emails) give dates and times in the medium format,
like the other lists (4 Mar 2026, 15:07:09), never the ambiguous short one (3/4/26)."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from app.extensions import db
from app.models import OutboxMessage
from app.services.mail.outbox import queue_email
from app.services.settings import save_settings
from tests.conftest import free_port
from tests.factories import make_admin, make_customer

WHEN = datetime(2026, 3, 4, 15, 7, 9, tzinfo=UTC)
SHOWN = {"en": "Mar 4, 2026, 3:07:09\u202fPM", "fr": "4 mars 2026, 15:07:09",
         "de": "04.03.2026, 15:07:09", "es": "4 mar 2026, 15:07:09"}  # fmt: skip


def _failed_message(customer=None) -> OutboxMessage:
    save_settings({"smtp_port": free_port(), "timezone": "UTC"})  # nobody listens: it fails
    db.session.commit()
    message = queue_email("bob@example.com", "Hello", "<p>Hi</p>", "Hi", kind="test",
                          customer_id=customer.id if customer else None)  # fmt: skip
    db.session.commit()
    db.session.execute(update(OutboxMessage).where(OutboxMessage.id == message.id)
                       .values(created_at=WHEN, next_attempt_at=WHEN))  # fmt: skip
    db.session.commit()
    return message


@pytest.mark.parametrize("language", SHOWN)
def test_the_outbox_shows_medium_dates(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    _failed_message()
    page = client.get("/admin/settings/email/outbox").get_data(as_text=True)
    assert page.count(SHOWN[language]) == 2  # created, next try
    assert "3/4/26" not in page and "04.03.26" not in page and "4/3/26" not in page


def test_a_customers_undelivered_emails_show_medium_dates(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    _failed_message(customer)
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert f"next try: {SHOWN['en']}" in page
