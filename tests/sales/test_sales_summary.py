"""The sales summaries (app/models/group_sales.py: per group, currency and month; per customer,
currency and year) follow the invoices and the customers' groups in the same transaction:
issuing, payments, a cancel, plain SQL moving an invoice to another currency or month, a
customer joining and leaving a group, a group deleted; also under requests at the same moment;
built for invoices issued before the migration; `check-data` names a row that no longer matches
and `billing rebuild-group-sales` mends it. The dashboard card and the groups report read them
and give the figures the invoices give."""

from datetime import date
from decimal import Decimal

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from app.extensions import db
from app.models import Customer, CustomerGroup, CustomerYearSales, GroupSales
from app.models.balance import UNITS
from app.services.integrity import run_checks
from app.services.reports import groups_report, top_groups
from app.services.sales.actions import cancel_invoice, record_payment
from app.services.scope import scope_of
from tests.factories import make_admin, make_currency, make_customer, make_document, make_group
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

ISSUED = date(2026, 11, 2)  # make_document's issue date
NOVEMBER, YEAR = date(2026, 11, 1), (date(2026, 1, 1), date(2026, 12, 31))


def _figures(row) -> tuple:
    if row is None:
        return (0, 0, 0)
    return (row.invoices, Decimal(row.invoiced) / UNITS, Decimal(row.paid) / UNITS)


def sales(group, code="EUR", month=NOVEMBER) -> tuple:
    """(invoices, invoiced, paid) of a group (0: every invoice) in a month, as stored."""
    db.session.expire_all()
    group_id = group if isinstance(group, int) else group.id
    row = db.session.get(GroupSales, (group_id, code, month))
    return _figures(row)


def year_sales(customer, code="EUR", year=2026) -> tuple:
    db.session.expire_all()
    customer_id = customer if isinstance(customer, int) else customer.id
    row = db.session.get(CustomerYearSales, (year, code, customer_id))
    return _figures(row)


def dated(customer, status: str, day: date):
    """An invoice issued on `day` (moved there once saved)."""
    document = make_document(customer, status=status)
    document.issue_date = day
    db.session.commit()
    return document


def problems() -> list[str]:
    [outcome] = run_checks(["group_sales"])
    return [problem.line() for problem in outcome.problems]


def test_an_invoice_counts_in_each_group_from_its_issue_to_its_cancel(app, ctx):
    admin, vip, retail = make_admin(), make_group(name="VIP"), make_group(name="Retail")
    customer = make_customer(groups=[vip, retail])
    make_document(customer)  # a draft counts nowhere
    assert sales(vip) == sales(0) == (0, 0, 0) and year_sales(customer) == (0, 0, 0)
    invoice = make_document(customer, status="unpaid")  # 900.00
    assert sales(vip) == sales(retail) == sales(0) == (1, 900, 0)
    assert year_sales(customer) == (1, 900, 0)
    record_payment(invoice, Decimal("250.5"), ISSUED, "card", None, admin)
    db.session.commit()
    assert sales(vip) == sales(retail) == sales(0) == (1, 900, Decimal("250.5"))
    second = make_document(customer, status="unpaid")
    cancel_invoice(second, admin)
    db.session.commit()
    assert sales(vip) == sales(0) == (1, 900, Decimal("250.5"))  # cancelled: out again
    assert year_sales(customer) == (1, 900, Decimal("250.5")) and problems() == []


def test_joining_and_leaving_a_group_moves_the_customer_invoices(app, ctx):
    vip, retail = make_group(name="VIP"), make_group(name="Retail")
    customer = make_customer(groups=[retail])
    make_document(customer, status="unpaid")
    dated(customer, "unpaid", date(2026, 3, 9))
    assert sales(retail) == (1, 900, 0) and sales(vip) == (0, 0, 0)
    customer.groups.append(vip)
    db.session.commit()
    assert sales(vip) == (1, 900, 0) and sales(vip, month=date(2026, 3, 1)) == (1, 900, 0)
    assert [(r.name, r.invoiced) for r in top_groups(*YEAR)[0][1]] == [
        ("Retail", 1800),
        ("VIP", 1800),  # equal amounts in the order of their names
    ]
    customer.groups.remove(retail)
    db.session.commit()
    assert sales(retail) == (0, 0, 0) and sales(vip) == (1, 900, 0)
    assert [(r.name, r.invoiced) for r in top_groups(*YEAR)[0][1]] == [("VIP", 1800)]
    db.session.delete(db.session.get(CustomerGroup, vip.id))  # its rows are left at zero
    db.session.commit()
    assert sales(vip.id) == (0, 0, 0) and sales(0) == (1, 900, 0)
    assert top_groups(*YEAR) == [("EUR", [])] and problems() == []


def test_plain_sql_moving_an_invoice_to_another_currency_or_month_moves_its_sums(app, ctx):
    make_currency("EUR")
    make_currency("JPY", symbol="¥", decimals=0)
    vip = make_group(name="VIP")
    customer = make_customer(groups=[vip])
    invoice = make_document(customer, status="unpaid")
    db.session.execute(text("UPDATE sales_documents SET currency_code = 'JPY' WHERE id = :id"),
                       {"id": invoice.id})  # fmt: skip
    db.session.commit()
    assert sales(vip) == (0, 0, 0) and sales(vip, "JPY") == (1, 900, 0)
    assert year_sales(customer) == (0, 0, 0) and year_sales(customer, "JPY") == (1, 900, 0)
    db.session.execute(text("UPDATE sales_documents SET issue_date = :day WHERE id = :id"),
                       {"day": date(2025, 12, 31), "id": invoice.id})  # fmt: skip
    db.session.commit()
    assert sales(vip, "JPY") == (0, 0, 0) and sales(vip, "JPY", date(2025, 12, 1)) == (1, 900, 0)
    assert year_sales(customer, "JPY") == (0, 0, 0)
    assert year_sales(customer, "JPY", 2025) == (1, 900, 0) and problems() == []


def test_check_data_names_a_row_that_no_longer_matches_and_rebuild_mends_it(app, ctx):
    vip = make_group(name="VIP")
    customer = make_customer(company="Drifted Ltd", groups=[vip])
    make_document(customer, status="unpaid")
    db.session.execute(text("UPDATE group_sales SET invoiced = invoiced + 10000"))
    db.session.execute(text("DELETE FROM customer_year_sales"))
    db.session.commit()
    assert problems() == [
        f"sales of 2026 in EUR · customer Drifted Ltd (id {customer.id}): expected 1 "
        "invoice(s), 900 invoiced, 0 paid; found 0 invoice(s), 0 invoiced, 0 paid",
        "sales of every invoice in EUR, 2026-11: expected 1 invoice(s), 900 invoiced, 0 paid; "
        "found 1 invoice(s), 901 invoiced, 0 paid",
        f"sales of group VIP (id {vip.id}) in EUR, 2026-11: expected 1 invoice(s), 900 invoiced, "
        "0 paid; found 1 invoice(s), 901 invoiced, 0 paid",
        # the customer's year deleted: its triggers took it out of the group's year too
        f"sales of group VIP (id {vip.id}) in EUR, 2026: expected 1 customer(s), 1 invoice(s), "
        "900 invoiced, 0 paid; found 0 customer(s), 0 invoice(s), 0 invoiced, 0 paid",
    ]
    result = app.test_cli_runner().invoke(args=["billing", "rebuild-group-sales"])
    assert result.exit_code == 0 and "3 group sales row(s) rebuilt" in result.output
    assert sales(vip) == (1, 900, 0) and year_sales(customer) == (1, 900, 0)
    assert problems() == []


def test_the_migration_adds_up_the_invoices_issued_before_it(app, ctx):
    vip = make_group(name="VIP")
    customer, other = make_customer(groups=[vip]), make_customer()
    make_document(customer, status="unpaid")
    dated(other, "unpaid", date(2025, 5, 5))
    make_document(other)  # a draft
    vip_id, customer_id, other_id = vip.id, customer.id, other.id
    db.session.remove()
    downgrade(revision="0031_invoice_list")
    upgrade()
    assert sales(vip_id) == (1, 900, 0) and sales(0) == (1, 900, 0)
    assert sales(0, month=date(2025, 5, 1)) == (1, 900, 0)
    assert year_sales(customer_id) == (1, 900, 0) and year_sales(other_id, year=2025)[0] == 1
    assert len(db.session.scalars(select(GroupSales)).all()) == 3 and problems() == []


def test_payments_a_cancel_and_a_group_change_at_once_keep_the_sums(app, ctx):
    vip, retail = make_group(name="VIP"), make_group(name="Retail")
    customer = make_customer(company="Busy Ltd", groups=[retail])
    invoices = [make_document(customer, status="unpaid") for _ in range(4)]  # 900.00 each
    posts = [(f"/admin/invoices/{invoice.id}/payments",
              {"amount": "250", "paid_on": "2026-11-27", "mode": "card"})
             for invoice in invoices[:3]]  # fmt: skip
    posts.append((f"/admin/invoices/{invoices[3].id}/cancel", {}))
    groups = [str(vip.id), str(retail.id)]
    profile = {"company": "Busy Ltd", "country": "", "currency": "", "language": "",
               "version": str(customer.version), "groups": groups}  # fmt: skip
    posts.append((f"/admin/customers/{customer.id}", profile))
    results = _at_once(_browsers(app, 5), posts)
    assert sorted(code for _url, code, _page in results) == [303] * 5, results
    db.session.expire_all()
    assert len(db.session.get(Customer, customer.id).groups) == 2
    assert sales(vip) == sales(retail) == sales(0) == (3, 2700, 750)
    assert year_sales(customer) == (3, 2700, 750) and problems() == []


def test_the_report_of_a_year_is_the_report_of_its_invoices(app, ctx):
    """An administrator's report of a calendar year (from the summaries) gives what a "view
    own" member assigned to every customer sees (counted from the invoices)."""
    from tests.factories import make_user

    own = make_user(role={("reports", "view_own"), ("customers", "view_own")})
    vip, retail = make_group(name="VIP"), make_group(name="Retail")
    make_currency("EUR")
    make_currency("KWD", symbol="KD", decimals=3)
    both = make_customer(groups=[vip, retail], admins=[own])
    alone = make_customer(admins=[own])
    for customer in (both, alone, both):
        make_document(customer, status="unpaid")
    dated(alone, "unpaid", date(2025, 12, 31))
    dinar = make_document(alone, status="unpaid")
    db.session.execute(text("UPDATE sales_documents SET currency_code = 'KWD', "
                            "total = 10.1235 WHERE id = :id"), {"id": dinar.id})  # fmt: skip
    db.session.commit()

    def figures(scope):
        return [(r.currency, r.total_invoiced,
                 [(g.name, g.customers, g.invoices, g.invoiced, g.paid) for g in r.rows])
                for r in groups_report(*YEAR, scope=scope)]  # fmt: skip

    admin = figures(scope_of(make_admin()))
    assert admin == figures(scope_of(own))
    assert admin[0][:2] == ("EUR", 2700) and admin[1][:2] == ("KWD", Decimal("10.1235"))
    assert admin[0][2] == [("Retail", 1, 2, 1800, 0), ("VIP", 1, 2, 1800, 0),
                           (None, 1, 1, 900, 0)]  # fmt: skip
