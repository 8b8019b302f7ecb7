"""`flask demo` loads a usable CRM once, and only once."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer, Document, Payment, Project, Reminder, Task, Ticket, User


def counts():
    return [
        db.session.scalar(select(func.count()).select_from(model))
        for model in (User, Customer, Document, Payment, Ticket, Project, Task)
    ]


def test_demo_is_complete_and_idempotent(app, ctx):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0 and "Staff login: admin@example.com" in first.output
    loaded = counts()
    assert loaded[1] >= 6 and loaded[2] >= 5 and loaded[3] >= 2 and loaded[4] >= 1
    assert loaded[5] >= 1 and loaded[6] >= 3
    assert db.session.scalar(select(func.count()).select_from(Reminder)) == 2
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0 and "Staff login: admin@example.com" in second.output
    db.session.expire_all()
    assert counts() == loaded
    shipping = db.session.scalar(select(Customer).where(Customer.shipping_street.isnot(None)))
    assert shipping is not None
