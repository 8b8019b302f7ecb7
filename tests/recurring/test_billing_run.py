"""The billing run makes each due invoice once: catch-up of missed dates, ends by date and by
number, the "send" mode issuing and emailing, a second run making nothing."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.extensions import db
from app.models import Document, RecurringInvoice, RecurringRun
from app.services.recurring.run import profile_of, run_due
from tests.factories import make_contact, make_customer, make_recurring

JAN_31 = date(2027, 1, 31)


def invoices_of(customer) -> list[Document]:
    db.session.expire_all()
    return list(db.session.scalars(
        select(Document).where(Document.customer_id == customer.id).order_by(Document.issue_date)
    ))  # fmt: skip


def fresh(profile) -> RecurringInvoice:
    db.session.expire_all()
    return db.session.get(RecurringInvoice, profile.id)


def test_missed_months_are_caught_up_once_with_clamped_month_ends(app, ctx):
    customer = make_customer()
    profile = make_recurring(customer, start_date=JAN_31, today=JAN_31, notes="Thanks")
    summary = run_due(date(2027, 5, 1))
    assert summary.created == 4
    made = invoices_of(customer)
    assert [d.issue_date for d in made] == [
        JAN_31, date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]  # fmt: skip
    assert all(d.status == "draft" and d.number is None for d in made)
    assert made[0].total == Decimal("900") and made[0].notes == "Thanks"
    assert made[0].due_date == date(2027, 3, 2)  # the finance settings' 30 days
    assert fresh(profile).next_date == date(2027, 5, 31)
    assert fresh(profile).invoices_created == 4
    assert profile_of(made[2]).id == profile.id
    assert run_due(date(2027, 5, 1)).created == 0  # a second run: nothing more
    assert len(invoices_of(customer)) == 4


def test_nothing_is_made_before_the_start(app, ctx):
    customer = make_customer()
    make_recurring(customer, start_date=JAN_31, today=JAN_31)
    assert run_due(date(2027, 1, 30)).created == 0
    assert invoices_of(customer) == []


def test_an_end_date_stops_the_schedule(app, ctx):
    customer = make_customer()
    profile = make_recurring(customer, start_date=JAN_31, today=JAN_31, end_type="until",
                             until_date=date(2027, 3, 31))  # fmt: skip
    summary = run_due(date(2027, 12, 31))
    assert summary.created == 3 and summary.ended == 1
    assert len(invoices_of(customer)) == 3
    assert not fresh(profile).active and fresh(profile).next_date is None
    assert run_due(date(2028, 12, 31)).created == 0


def test_a_number_of_invoices_stops_the_schedule(app, ctx):
    customer = make_customer()
    profile = make_recurring(customer, start_date=JAN_31, today=JAN_31, interval_count=2,
                             interval_unit="week", end_type="count", max_count=2)  # fmt: skip
    assert run_due(date(2027, 12, 31)).created == 2
    assert [d.issue_date for d in invoices_of(customer)] == [JAN_31, date(2027, 2, 14)]
    assert not fresh(profile).active


def test_send_mode_issues_numbers_and_emails_each_invoice(app, ctx):
    customer = make_customer()
    contact = make_contact(customer, perm_invoices=True)
    make_contact(customer, perm_invoices=True, email_invoices=False)  # opted out
    make_contact(customer, perm_invoices=False)  # may not open invoices
    make_recurring(customer, start_date=JAN_31, today=JAN_31, mode="send")
    summary = run_due(date(2027, 2, 28))
    assert (summary.created, summary.issued, summary.emailed) == (2, 2, 2)
    made = invoices_of(customer)
    assert [d.status for d in made] == ["unpaid", "unpaid"]
    assert [d.issue_date for d in made] == [JAN_31, date(2027, 2, 28)]
    assert made[0].number < made[1].number  # numbered in date order
    sent = db.session.scalar(select(func.count()).select_from(RecurringRun))
    assert sent == 2
    from app.models import OutboxMessage

    recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert recipients == [contact.email, contact.email]


def test_a_paused_profile_makes_nothing(app, ctx):
    from app.services.recurring.service import pause

    customer = make_customer()
    profile = make_recurring(customer, start_date=JAN_31, today=JAN_31)
    pause(profile, None)
    db.session.commit()
    assert run_due(date(2027, 3, 1)).created == 0
    assert invoices_of(customer) == []


def test_editing_changes_future_invoices_only(app, ctx):
    from app.services.recurring.service import RecurringInput, save_profile
    from app.services.sales.service import ItemInput

    customer = make_customer()
    profile = make_recurring(customer, start_date=JAN_31, today=JAN_31)
    run_due(JAN_31)
    from app.models import Currency

    currency_id = db.session.scalar(select(Currency.id).where(Currency.code == "EUR"))
    data = RecurringInput(customer.id, currency_id, "en", [ItemInput("Bigger", Decimal(1),
                          Decimal("1000"))], 1, "month", JAN_31)  # fmt: skip
    save_profile(fresh(profile), data, None, today=date(2027, 2, 10))
    db.session.commit()
    assert fresh(profile).next_date == date(2027, 2, 28)
    run_due(date(2027, 2, 28))
    made = invoices_of(customer)
    assert [d.total for d in made] == [Decimal("900"), Decimal("1000")]
