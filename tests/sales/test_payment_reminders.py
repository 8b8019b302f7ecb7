"""Payment reminders: which invoices get one, on which day, to whom, once per stage; the email
reaches the mail server in the invoice's language with its PDF, and the invoice page lists it."""

import html
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.links import external_url
from app.models import Document, OutboxMessage, Payment, PaymentReminder
from app.services.sales.reminder_schedule import company_today, offsets
from app.services.sales.reminders import due_today, send_payment_reminders
from app.services.settings import save_settings
from tests.factories import make_admin, make_contact, make_customer, make_document
from tests.sales.test_pdf import pdf_text

DUE = date(2026, 11, 20)  # make_document issues on 2 Nov 2026


def _invoice(customer=None, status="unpaid", **overrides):
    customer = customer or make_customer()
    if not customer.contacts:
        make_contact(customer, perm_invoices=True)
    return make_document(customer, status=status, due_date=overrides.pop("due_date", DUE),
                         **overrides)  # fmt: skip


def _stages(invoice_id: int) -> list[str]:
    db.session.expire_all()
    rows = select(PaymentReminder.stage).where(PaymentReminder.invoice_id == invoice_id)
    return sorted(db.session.scalars(rows))


def _run(day: date) -> int:
    reminded = send_payment_reminders(day)
    db.session.expire_all()
    return reminded


def test_after_the_due_date_on_each_stage_day_and_never_before(ctx, inbox):
    invoice = _invoice()
    for day in (date(2026, 11, 20), date(2026, 11, 26)):  # due day, 6 days late
        assert _run(day) == 0
    assert inbox.messages == [] and _stages(invoice.id) == []
    assert _run(date(2026, 11, 27)) == 1  # 7 days late
    assert _stages(invoice.id) == ["after_1"]
    assert _run(date(2026, 11, 27)) == 0 and _run(date(2026, 11, 28)) == 0  # once
    assert _run(date(2026, 12, 4)) == 1  # 14 days
    assert _run(date(2026, 12, 20)) == 1  # 30 days
    assert _run(date(2027, 3, 1)) == 0  # nothing after the last one
    assert _stages(invoice.id) == ["after_1", "after_2", "after_3"]
    assert len(inbox.messages) == 3


def test_an_invoice_already_reminded_today_is_not_taken_again(ctx, inbox):
    invoice = _invoice()
    day = date(2026, 11, 27)
    assert due_today(day, offsets()) == [invoice.id]
    assert _run(day) == 1
    assert due_today(day, offsets()) == []  # not even locked by the next hourly run
    assert due_today(date(2026, 12, 4), offsets()) == [invoice.id]


def test_a_missed_stage_is_caught_up_once_and_only_the_latest(ctx, inbox):
    invoice = _invoice()
    assert _run(date(2026, 12, 10)) == 1  # 20 days late: the 7-day one was missed
    assert _stages(invoice.id) == ["after_2"]  # the 14-day one only, not a burst
    assert _run(date(2026, 12, 11)) == 0
    assert len(inbox.messages) == 1


def test_before_the_due_date_is_off_by_default_and_sent_once_switched_on(ctx, inbox):
    invoice = _invoice()
    assert _run(date(2026, 11, 17)) == 0
    save_settings({"payment_reminder_before": 3})
    db.session.commit()
    assert _run(date(2026, 11, 16)) == 0  # 4 days before
    assert _run(date(2026, 11, 17)) == 1  # 3 days before
    assert _run(date(2026, 11, 18)) == 0
    assert _stages(invoice.id) == ["before"]
    assert "is due on" in inbox.only()["Subject"]


def test_a_before_reminder_missed_is_not_sent_once_the_invoice_is_due(ctx, inbox):
    save_settings({"payment_reminder_before": 3})
    db.session.commit()
    invoice = _invoice()
    assert _run(DUE) == 0
    assert _stages(invoice.id) == [] and inbox.messages == []


def test_stages_cleared_in_the_settings_are_not_sent(ctx, inbox):
    save_settings({f"payment_reminder_after_{n}": 0 for n in (1, 2, 3)})
    db.session.commit()
    _invoice()
    for day in (date(2026, 11, 27), date(2026, 12, 4), date(2026, 12, 20)):
        assert _run(day) == 0
    assert inbox.messages == []


def test_days_are_counted_in_the_companys_time_zone(ctx):
    save_settings({"timezone": "Pacific/Auckland"})  # UTC+13 in December
    db.session.commit()
    late_evening_utc = datetime(2026, 11, 26, 12, 30, tzinfo=UTC)
    assert company_today(late_evening_utc) == date(2026, 11, 27)  # already the 7th day there
    save_settings({"timezone": "America/Los_Angeles"})  # UTC-8
    db.session.commit()
    early_morning_utc = datetime(2026, 11, 27, 5, 0, tzinfo=UTC)
    assert company_today(early_morning_utc) == date(2026, 11, 26)  # still the 6th day there


@pytest.mark.parametrize("status", ["draft", "paid", "cancelled"])
def test_never_for_drafts_paid_or_cancelled_invoices(ctx, inbox, status):
    invoice = _invoice(status=status)
    assert _run(date(2026, 11, 27)) == 0
    assert _stages(invoice.id) == [] and inbox.messages == []


def test_never_for_an_invoice_credited_or_paid_to_zero(ctx, inbox):
    invoice = _invoice()
    invoice.amount_paid = invoice.total  # payments and credit applied cover it
    db.session.commit()
    assert _run(date(2026, 11, 27)) == 0
    assert inbox.messages == []


def test_the_amount_due_after_a_part_payment(ctx, inbox):
    invoice = _invoice()  # 900.00 EUR
    db.session.add(Payment(document_id=invoice.id, amount=Decimal("300"),
                           paid_on=date(2026, 11, 10), mode="bank"))  # fmt: skip
    invoice.amount_paid, invoice.status = Decimal("300"), "partial"
    db.session.commit()
    assert _run(date(2026, 11, 27)) == 1
    body = inbox.only().get_body(("plain",)).get_content()
    assert "Amount due: €600.00" in body and "€900.00" in body and "days overdue: 7" in body


def test_an_excluded_customer_gets_none_and_its_invoices_say_so(ctx, client, login_as, inbox):
    customer = make_customer(payment_reminders=False)
    invoice = _invoice(customer)
    assert _run(date(2026, 11, 27)) == 0
    assert _stages(invoice.id) == [] and inbox.messages == []
    login_as(make_admin())
    page = html.unescape(client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True))
    assert "No payment reminders: this customer is excluded from them" in page
    assert "Next:" not in page


def test_only_contacts_who_may_open_invoices_and_did_not_opt_out(ctx, inbox):
    customer = make_customer()
    wants = make_contact(customer, perm_invoices=True)
    make_contact(customer, perm_invoices=True, email_invoices=False)  # opted out
    make_contact(customer, perm_invoices=False)  # may not open invoices
    make_contact(customer, perm_invoices=True, active=False)
    _invoice(customer)
    assert _run(date(2026, 11, 27)) == 1
    assert [m["To"].addresses[0].addr_spec for m in inbox.messages] == [wants.email]


def test_an_invoice_nobody_may_receive_is_recorded_without_recipient(ctx, client, login_as, inbox):
    customer = make_customer()
    make_contact(customer, perm_invoices=False)
    invoice = _invoice(customer)
    assert _run(date(2026, 11, 27)) == 0
    assert inbox.messages == []
    reminder = db.session.scalars(select(PaymentReminder)).one()
    assert (reminder.stage, reminder.recipients, reminder.outbox_message_id) == ("after_1", 0, None)
    assert _run(date(2026, 11, 28)) == 0  # not tried again every day
    login_as(make_admin())
    page = html.unescape(client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True))
    assert "First reminder" in page and "not sent: no contact may receive it" in page


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("fr", "Relance de paiement\u00a0: la facture", "Montant dû\u00a0: 900,00\u00a0€"),
        ("de", "Zahlungserinnerung: Rechnung", "Offener Betrag: 900,00\u00a0€"),
        ("es", "Recordatorio de pago: la factura", "Importe pendiente: 900,00\u00a0€"),
        ("en", "Payment reminder: invoice", "Amount due: €900.00"),
    ],
)
def test_the_email_reaches_the_server_in_the_invoices_language_with_its_pdf(
    ctx, inbox, language, subject, words
):
    customer = make_customer(language=language)
    contact = make_contact(customer, perm_invoices=True, first_name="Claire")
    invoice = _invoice(customer, language=language)
    assert _run(date(2026, 11, 27)) == 1
    message = inbox.only()
    assert message["To"].addresses[0].addr_spec == contact.email
    assert message["Subject"].startswith(subject) and invoice.number in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert words in body and "Claire" in body
    with current_app.test_request_context():
        link = external_url("portal.invoice_detail", document_id=invoice.id)
    assert f"{link}?lang={language}" in body  # the portal link, in the email's language
    (pdf,) = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == f"{invoice.number}.pdf"
    text = pdf_text(pdf.get_content())
    assert invoice.number in text and "Design work" in text
    sent = db.session.scalar(select(func.count()).select_from(OutboxMessage))
    assert sent == 1


def test_the_invoice_page_shows_the_reminders_sent_and_the_next_one(ctx, client, login_as):
    login_as(make_admin())
    invoice = _invoice(due_date=company_today() - timedelta(days=8))
    db.session.add(PaymentReminder(invoice_id=invoice.id, stage="after_1", recipients=1,
                                   sent_at=datetime(2026, 11, 30, 9, tzinfo=UTC)))  # fmt: skip
    db.session.commit()
    page = html.unescape(client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True))
    assert "Payment reminders" in page and "First reminder — Nov 30, 2026" in page
    next_day = invoice.due_date + timedelta(days=14)
    assert f"Next: Second reminder on {next_day.strftime('%b %-d, %Y')}" in page


def test_a_paid_invoice_shows_no_next_reminder(ctx, client, login_as):
    login_as(make_admin())
    invoice = _invoice(status="paid", due_date=company_today())
    page = html.unescape(client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True))
    assert "Next:" not in page
    assert isinstance(db.session.get(Document, invoice.id), Document)
