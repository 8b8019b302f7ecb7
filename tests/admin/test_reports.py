"""Reports by customer group: per currency, never mixing currencies, both groups counted."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from app.services.reports import date_range, groups_report
from app.services.sales.service import ItemInput
from tests.factories import make_currency, make_customer, make_document, make_group, make_user


@pytest.fixture
def data(ctx):
    vip, retail = make_group(name="VIP"), make_group(name="Retail")
    both = make_customer(company="Both", groups=[vip, retail])
    solo = make_customer(company="Solo", groups=[retail])
    loner = make_customer(company="Loner")
    usd = make_currency("USD", symbol="$")
    paid = make_document(both, status="unpaid", lines=[ItemInput("A", Decimal(1), Decimal(1000))])
    from app.services.sales.actions import record_payment

    record_payment(paid, Decimal(1000), date(2026, 11, 3), "card", None, None)
    make_document(solo, status="unpaid", lines=[ItemInput("B", Decimal(1), Decimal(300))])
    make_document(loner, status="unpaid", lines=[ItemInput("C", Decimal(1), Decimal(200))])
    make_document(loner, status="draft", lines=[ItemInput("D", Decimal(1), Decimal(999))])
    make_document(loner, status="cancelled", lines=[ItemInput("E", Decimal(1), Decimal(999))])
    from app.extensions import db

    dollars = make_document(solo, status="unpaid", lines=[ItemInput("F", Decimal(2), Decimal(50))])
    dollars.currency_code = usd.code
    db.session.commit()
    return vip, retail


def test_groups_report_per_currency(data):
    reports = groups_report(date(2026, 1, 1), date(2026, 12, 31))
    assert [r.currency for r in reports] == ["EUR", "USD"]
    eur = {row.name: row for row in reports[0].rows}
    assert eur["VIP"].invoiced == Decimal("1000") and eur["VIP"].paid == Decimal("1000")
    assert eur["Retail"].invoiced == Decimal("1300") and eur["Retail"].customers == 2
    assert eur["Retail"].outstanding == Decimal("300") and eur["Retail"].average == Decimal("650")
    assert eur[None].invoiced == Decimal("200")  # customers with no group: their own row
    assert reports[0].total_invoiced == Decimal("1500")  # each invoice once
    assert round(reports[0].share(eur["Retail"]), 1) == Decimal("86.7")
    assert [row.name for row in reports[1].rows] == ["Retail"]
    assert reports[1].rows[0].invoiced == Decimal("100")


def test_report_page_chart_table_and_csv(client, data, login_as):
    login_as(make_user())
    page = client.get("/admin/reports/customer-groups?range=custom&from=2026-01-01&to=2026-12-31")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "<svg" in body and "<rect" in body
    assert "A customer in two groups counts in both" in body and "No group" in body
    assert "€1,300.00" in body and "$100.00" in body
    assert body.index(">Retail</a>") < body.index(">VIP</a>")  # sorted by invoiced
    by_name = client.get(
        "/admin/reports/customer-groups?range=custom&from=2026-01-01&to=2026-12-31&sort=name"
    ).get_data(as_text=True)
    assert by_name.index(">Retail</a>") < by_name.index(">VIP</a>")
    export = client.get(
        "/admin/reports/customer-groups.csv?range=custom&from=2026-01-01&to=2026-12-31"
    )
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "Currency" and rows[1][:4] == ["EUR", "Retail", "2", "2"]
    top = client.get("/admin/reports/customers?range=custom&from=2026-01-01&to=2026-12-31")
    assert top.get_data(as_text=True).index("Both") < top.get_data(as_text=True).index("Solo")


def test_date_presets():
    today = date(2026, 3, 15)
    assert date_range("this_month", None, None, today)[1:] == (date(2026, 3, 1), date(2026, 3, 31))
    assert date_range("last_month", None, None, today)[1:] == (date(2026, 2, 1), date(2026, 2, 28))
    assert date_range("last_year", None, None, today)[1:] == (date(2025, 1, 1), date(2025, 12, 31))
    assert date_range("custom", date(2026, 5, 1), date(2026, 4, 1), today)[0] == "this_year"
    assert date_range("bogus", None, None, today)[0] == "this_year"
