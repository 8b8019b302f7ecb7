"""The groups' yearly summary (app/models/group_sales.py GroupYearSales, migration
0045_groups_report: per year, group and currency, the customers invoiced and what they bring;
group 0 the customers in no group) follows the invoices and the customers' groups in the same
transaction, also under requests at the same moment; it is built for what was invoiced before
the migration; and the groups report of a calendar year read from it gives, row for row, what
the invoices give (a "view own" member assigned to every customer, a range one day short of the
year)."""

from datetime import date
from decimal import Decimal

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from app.extensions import db
from app.models import Customer, CustomerGroup, GroupYearSales
from app.models.balance import UNITS
from app.services.reports import groups_report
from app.services.sales.actions import cancel_invoice, record_payment
from app.services.scope import scope_of
from tests.factories import (
    make_admin,
    make_currency,
    make_customer,
    make_document,
    make_group,
    make_user,
)
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers
from tests.sales.test_sales_summary import dated, problems

ISSUED = date(2026, 11, 2)  # make_document's issue date


def year(group, code="EUR", on=2026) -> tuple:
    """(customers, invoices, invoiced, paid) of a group (0: customers in no group) in a year."""
    db.session.expire_all()
    group_id = group if isinstance(group, int) else group.id
    row = db.session.get(GroupYearSales, (on, group_id, code))
    if row is None:
        return (0, 0, 0, 0)
    return (row.customers, row.invoices, Decimal(row.invoiced) / UNITS, Decimal(row.paid) / UNITS)


def test_a_customer_counts_once_a_year_in_each_of_its_groups_or_in_no_group(app, ctx):
    admin, vip, retail = make_admin(), make_group(name="VIP"), make_group(name="Retail")
    both, alone = make_customer(groups=[vip, retail]), make_customer()
    make_document(both)  # a draft counts nowhere
    assert year(vip) == year(0) == (0, 0, 0, 0)
    first = make_document(both, status="unpaid")  # 900.00
    make_document(both, status="unpaid")
    assert year(vip) == year(retail) == (1, 2, 1800, 0) and year(0) == (0, 0, 0, 0)
    lone = make_document(alone, status="unpaid")
    dated(alone, "unpaid", date(2025, 12, 31))
    assert year(0) == (1, 1, 900, 0) and year(0, on=2025) == (1, 1, 900, 0)
    record_payment(first, Decimal("250.5"), ISSUED, "card", None, admin)
    cancel_invoice(lone, admin)
    db.session.commit()
    assert year(vip) == year(retail) == (1, 2, 1800, Decimal("250.5"))
    assert year(0) == (0, 0, 0, 0)  # its only invoice of the year cancelled: no longer counted
    assert year(vip, on=2025) == (0, 0, 0, 0) and problems() == []


def test_joining_leaving_and_deleting_groups_move_the_customer_years(app, ctx):
    vip, retail = make_group(name="VIP"), make_group(name="Retail")
    customer = make_customer()
    make_document(customer, status="unpaid")
    dated(customer, "unpaid", date(2025, 3, 9))
    assert year(0) == year(0, on=2025) == (1, 1, 900, 0)
    customer.groups.append(vip)  # its first group: out of "no group"
    db.session.commit()
    assert year(vip) == year(vip, on=2025) == (1, 1, 900, 0) and year(0) == (0, 0, 0, 0)
    customer.groups.append(retail)
    db.session.commit()
    assert year(retail) == year(vip) == (1, 1, 900, 0) and year(0) == (0, 0, 0, 0)
    customer.groups.remove(vip)
    db.session.commit()
    assert year(vip) == (0, 0, 0, 0) and year(retail) == (1, 1, 900, 0) and problems() == []
    db.session.delete(db.session.get(CustomerGroup, retail.id))  # its last group gone
    db.session.commit()
    assert year(retail.id) == (0, 0, 0, 0) and year(0) == year(0, on=2025) == (1, 1, 900, 0)
    assert problems() == []
    db.session.execute(text("DELETE FROM sales_documents"))
    db.session.delete(db.session.get(Customer, customer.id))
    db.session.commit()
    assert year(0) == year(0, on=2025) == (0, 0, 0, 0) and problems() == []


def test_plain_sql_moving_an_invoice_or_a_membership_moves_the_group_years(app, ctx):
    make_currency("EUR")
    make_currency("JPY", symbol="¥", decimals=0)
    vip, retail = make_group(name="VIP"), make_group(name="Retail")
    customer, other = make_customer(groups=[vip]), make_customer()
    invoice = make_document(customer, status="unpaid")
    make_document(other, status="unpaid")
    db.session.execute(text("UPDATE sales_documents SET currency_code = 'JPY' WHERE id = :id"),
                       {"id": invoice.id})  # fmt: skip
    db.session.commit()
    assert year(vip) == (0, 0, 0, 0) and year(vip, "JPY") == (1, 1, 900, 0)
    db.session.execute(text("UPDATE customer_group_members SET group_id = :retail"),
                       {"retail": retail.id})  # fmt: skip
    db.session.commit()
    assert year(vip, "JPY") == (0, 0, 0, 0) and year(retail, "JPY") == (1, 1, 900, 0)
    db.session.execute(text("UPDATE customer_group_members SET customer_id = :other"),
                       {"other": other.id})  # fmt: skip
    db.session.commit()  # the customer now in no group, the other one in Retail
    assert year(0, "JPY") == (1, 1, 900, 0) and year(retail, "JPY") == (0, 0, 0, 0)
    assert year(retail) == (1, 1, 900, 0) and year(0) == (0, 0, 0, 0) and problems() == []


def test_the_migration_adds_up_the_customers_invoiced_before_it(app, ctx):
    vip = make_group(name="VIP")
    customer, other = make_customer(groups=[vip]), make_customer()
    make_document(customer, status="unpaid")
    make_document(customer, status="unpaid")
    dated(other, "unpaid", date(2025, 5, 5))
    vip_id = vip.id
    db.session.remove()
    downgrade(revision="0044_pg_lists")  # the revision before 0045
    upgrade()
    assert year(vip_id) == (1, 2, 1800, 0) and year(0, on=2025) == (1, 1, 900, 0)
    counted = select(GroupYearSales).where(GroupYearSales.customers > 0)
    assert len(db.session.scalars(counted).all()) == 2 and problems() == []


def test_payments_and_a_customer_first_group_at_once_keep_the_group_years(app, ctx):
    vip, retail = make_group(name="VIP"), make_group(name="Retail")
    customer = make_customer(company="Busy Ltd")  # in no group yet
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
    assert year(vip) == year(retail) == (1, 3, 2700, 750) and year(0) == (0, 0, 0, 0)
    assert problems() == []


def _figures(start, end, scope) -> list:
    return [(r.currency, r.total_invoiced,
             [(g.name, g.customers, g.invoices, g.invoiced, g.paid, g.outstanding) for g in r.rows])
            for r in groups_report(start, end, scope=scope)]  # fmt: skip


def test_the_report_of_a_year_gives_what_its_invoices_give(app, ctx):
    """The administrator's report of a calendar year (the summary) against a "view own" member
    assigned to every customer and a range one day short of the year (both from the invoices),
    in three currencies with 0, 2 and 3 decimals, customers in two groups, in none, invoiced in
    two currencies, and invoices the year before and after."""
    own = make_user(role={("reports", "view_own"), ("customers", "view_own")})
    admin = make_admin()
    make_currency("EUR")
    make_currency("JPY", symbol="¥", decimals=0)
    make_currency("KWD", symbol="KD", decimals=3)
    vip, retail = make_group(name="VIP"), make_group(name="Retail")
    make_group(name="Empty")  # nobody invoiced in it: no row
    both = make_customer(groups=[vip, retail], admins=[own])
    alone, other = make_customer(admins=[own]), make_customer(groups=[vip], admins=[own])
    for customer in (both, alone, both, other):
        make_document(customer, status="unpaid")
    dated(alone, "unpaid", date(2025, 12, 31))
    dated(other, "unpaid", date(2027, 1, 1))
    for customer, code, total in ((alone, "KWD", "10.1235"), (both, "JPY", "1234"),
                                  (other, "KWD", "0.001")):  # fmt: skip
        document = make_document(customer, status="unpaid")
        values = {"code": code, "total": total, "id": document.id}
        db.session.execute(text("UPDATE sales_documents SET currency_code = :code, "
                                "total = :total WHERE id = :id"), values)  # fmt: skip
    record_payment(make_document(other, status="unpaid"), Decimal("99.99"), ISSUED, "card", None,
                   admin)  # fmt: skip
    dated(both, "unpaid", date(2026, 12, 31))  # the year's last day

    year_2026, short = (
        (date(2026, 1, 1), date(2026, 12, 31)),
        (date(2026, 1, 1), date(2026, 12, 30)),
    )
    summary = _figures(*year_2026, scope_of(admin))
    assert summary == _figures(*year_2026, scope_of(own))
    assert [code for code, _total, _rows in summary] == ["EUR", "JPY", "KWD"]
    eur = summary[0]
    assert eur[:2] == ("EUR", 5400)
    assert eur[2] == [("VIP", 2, 5, 4500, Decimal("99.99"), Decimal("4400.01")),
                      ("Retail", 1, 3, 2700, 0, 2700), (None, 1, 1, 900, 0, 900)]  # fmt: skip
    assert summary[2][2] == [(None, 1, 1, Decimal("10.1235"), 0, Decimal("10.1235")),
                             ("VIP", 1, 1, Decimal("0.001"), 0, Decimal("0.001"))]  # fmt: skip
    without_last_day = _figures(*short, scope_of(admin))
    assert without_last_day[0][2][:2] == [("VIP", 2, 4, 3600, Decimal("99.99"), Decimal("3500.01")),
                                          ("Retail", 1, 2, 1800, 0, 1800)]  # fmt: skip
    db.session.execute(text("UPDATE sales_documents SET issue_date = '2026-12-30' "
                            "WHERE issue_date = '2026-12-31'"))  # fmt: skip
    db.session.commit()
    assert _figures(*short, scope_of(admin)) == _figures(*year_2026, scope_of(admin)) == summary
