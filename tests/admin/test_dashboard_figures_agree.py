"""The dashboard's cards give the same figures as the pages they link to: its quicker queries
(the open invoices' partial index, one join for the top groups) change no amount."""

from datetime import date, timedelta
from decimal import Decimal

from app.extensions import db
from app.services.dashboard import dashboard_figures
from app.services.reports import date_range, groups_report
from app.services.sales.status import effective_status
from app.services.scope import scope_of
from tests.factories import make_currency, make_customer, make_document, make_group, make_user


def _invoice(customer, status, currency="EUR", issued=None, due=None):
    document = make_document(customer, status=status)
    document.currency_code = currency
    if issued:
        document.issue_date = issued
    if due:
        document.due_date = due
    return document


def _world(today, own):
    for code in ("USD", "JPY", "CHF", "GBP"):
        make_currency(code)
    groups = [make_group(name=name) for name in ("VIP", "Retail", "Export", "Schools", "Late")]
    both = make_customer(
        groups=groups[:2], admins=[own]
    )  # counted in both its groups, as the report does
    alone = make_customer()  # in no group: its currency still counts among the first four
    many = [
        make_customer(groups=[group], admins=[own] if n % 2 else [])
        for n, group in enumerate(groups)
    ]
    this_year, last_year = today.replace(month=1, day=1), date(today.year - 1, 6, 1)
    _invoice(both, "unpaid", due=today - timedelta(days=3), issued=this_year)
    _invoice(both, "partial", "USD", due=today + timedelta(days=3), issued=this_year)
    _invoice(alone, "unpaid", "CHF", due=today - timedelta(days=40), issued=this_year)
    _invoice(alone, "paid", "GBP", issued=this_year)
    for number, customer in enumerate(many):
        for _ in range(number + 1):
            _invoice(customer, "paid", issued=this_year)
            _invoice(customer, "unpaid", "JPY", due=today - timedelta(days=number))
        _invoice(customer, "paid", issued=last_year)  # another year: not in the card
        _invoice(customer, "draft")
    db.session.commit()


def _expected(scope, today):
    """The card as the groups report page computes it, and the amounts due per currency."""
    _preset, start, end = date_range("this_year", None, None, today)
    top = [(r.currency, [(row.name, row.invoiced) for row in r.rows if row.name][:3])
           for r in groups_report(start, end, scope=scope)[:4]]  # fmt: skip
    from app.models import Document

    outstanding, overdue = {}, {}
    for document in db.session.scalars(scope.narrow(db.select(Document), Document)):
        if document.kind != "invoice" or document.status not in ("unpaid", "partial"):
            continue
        due = document.total - document.amount_paid
        code = document.currency_code
        outstanding[code] = outstanding.get(code, Decimal(0)) + due
        if effective_status(document, today) == "overdue":
            overdue[code] = overdue.get(code, Decimal(0)) + due
    return top, sorted(outstanding.items()), sorted(overdue.items())


def test_cards_match_the_report_and_the_invoices(ctx):
    today = date.today()
    own = make_user(role={("reports", "view_own"), ("invoices", "view_own"),
                          ("customers", "view_own")})  # fmt: skip
    _world(today, own)
    view_all = make_user(role={("reports", "view_all"), ("invoices", "view_all"),
                               ("customers", "view_all")})  # fmt: skip
    for user in (make_user(), view_all, own):
        scope = scope_of(user)
        figures = dashboard_figures(scope, today)
        top, outstanding, overdue = _expected(scope, today)
        assert [(code, [(r.name, r.invoiced) for r in rows])
                for code, rows in figures["top_groups"]] == top  # fmt: skip
        assert [(c, Decimal(a)) for c, a in figures["outstanding"]] == outstanding
        assert [(c, Decimal(a)) for c, a in figures["overdue"]] == overdue
        if user is not own:
            assert [len(rows) for _c, rows in top] == [0, 3, 0, 3]  # CHF and GBP: no group
            assert len(overdue) == 3  # EUR, CHF and JPY; the USD invoice is not due yet
        else:
            assert top and len(overdue) < 3  # fewer customers: fewer figures
