"""Reports → Ageing report, Sales journal, VAT summary: figures, exports (CSV parsed, XLSX
opened), a "view own" member's share only, bad periods refused beside the field."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest

from app.extensions import db
from app.models import CustomerAdmin, TaxRate
from app.services.sales.service import ItemInput
from tests.factories import make_admin, make_customer, make_document, make_user
from tests.sales.statement_factories import credit_note, issued, pay

YEAR = {"from": "2026-01-01", "to": "2026-12-31"}


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _xlsx(response) -> list[tuple]:
    return list(
        openpyxl.load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True)
    )


@pytest.fixture
def owed(ctx):
    """Alpha owes 100 current, 200 at 31 days, 400 at 91 days, less 50 of credit; Bravo 1000."""
    today = date.today()
    alpha, bravo = make_customer(company="Alpha Bakery"), make_customer(company="Bravo Garage")
    issued(alpha, 100, today - timedelta(days=5), today)
    late = issued(alpha, 300, today - timedelta(days=60), today - timedelta(days=31))
    pay(late, 100, today - timedelta(days=2))
    issued(alpha, 400, today - timedelta(days=120), today - timedelta(days=91))
    issued(alpha, 999, today - timedelta(days=120), today - timedelta(days=91), status="paid")
    credit_note(alpha, 50, today - timedelta(days=1))
    issued(bravo, 1000, today - timedelta(days=3), today + timedelta(days=27))
    return alpha, bravo


def test_ageing_report_rows_totals_and_exports(client, owed, login_as):
    login_as(make_admin())
    body = client.get("/admin/reports/ageing").get_data(as_text=True)
    for expected in ["Alpha Bakery", "Bravo Garage", "€650.00", "−€50.00", "€1,650.00"]:
        assert expected in body, expected
    rows = _csv(client.get("/admin/reports/ageing.csv"))
    assert rows[0][0] == "Customer" and rows[0][-1] == "Total due"
    assert rows[1] == ["Bravo Garage", "EUR", "1000.00", "0.00", "0.00", "0.00", "0.00", "0.00",
                       "1000.00"]  # fmt: skip
    assert rows[2] == ["Alpha Bakery", "EUR", "100.00", "0.00", "200.00", "0.00", "400.00",
                       "-50.00", "650.00"]  # fmt: skip
    sheet = _xlsx(client.get("/admin/reports/ageing.xlsx"))
    assert sheet[2][0] == "Alpha Bakery" and Decimal(str(sheet[2][-1])) == Decimal("650")


def test_view_own_member_sees_only_their_customers_in_every_report(client, owed, login_as):
    alpha, _bravo = owed
    member = make_user(role={("reports", "view_own"), ("customers", "view_own"),
                             ("invoices", "view_own")})  # fmt: skip
    db.session.add(CustomerAdmin(customer_id=alpha.id, user_id=member.id))
    db.session.commit()
    login_as(member)
    body = client.get("/admin/reports/ageing").get_data(as_text=True)
    assert "Alpha Bakery" in body and "Bravo" not in body and "1,000.00" not in body
    assert [row[0] for row in _csv(client.get("/admin/reports/ageing.csv"))[1:]] == ["Alpha Bakery"]
    assert [row[0] for row in _xlsx(client.get("/admin/reports/ageing.xlsx"))[1:]] == [
        "Alpha Bakery"
    ]
    this_year = {"from": f"{date.today().year - 1}-01-01", "to": date.today().isoformat()}
    journal = _csv(client.get("/admin/reports/sales-journal.csv", query_string=this_year))
    assert {row[3] for row in journal[1:]} == {"Alpha Bakery"}
    page = client.get("/admin/reports/sales-journal", query_string=this_year)
    assert "Alpha Bakery" in page.get_data(as_text=True)
    assert "Bravo" not in page.get_data(as_text=True)
    vat = _csv(client.get("/admin/reports/vat-summary.csv", query_string=this_year))
    assert sum(Decimal(row[3]) for row in vat[1:]) == Decimal("1749.00")  # 100+300+400+999-50


@pytest.fixture
def taxed(ctx):
    vat, reduced = (
        TaxRate(name="VAT", percent=Decimal(20)),
        TaxRate(name="VAT", percent=Decimal("5.5")),
    )
    db.session.add_all([vat, reduced])
    db.session.commit()
    customer = make_customer(company="Carla Cafe", vat_number="FR40303265045")
    lines = [ItemInput("Work", Decimal(1), Decimal(100), tax_ids=[vat.id]),
             ItemInput("Book", Decimal(2), Decimal(25), tax_ids=[reduced.id]),
             ItemInput("Tip", Decimal(1), Decimal(10))]  # fmt: skip
    invoice = make_document(customer, status="unpaid", lines=lines)
    invoice.issue_date = date(2026, 3, 2)
    note = make_document(customer, status="draft", lines=lines[:1])
    note.kind, note.status, note.number, note.issue_date = (
        "credit",
        "open",
        "CN-1",
        date(2026, 3, 9),
    )
    make_document(customer, status="draft", lines=lines)  # drafts are not in the journal
    db.session.commit()
    return invoice


def test_sales_journal_lists_invoices_and_credit_notes_negative(client, taxed, login_as):
    login_as(make_admin())
    rows = _csv(client.get("/admin/reports/sales-journal.csv", query_string=YEAR))
    assert rows[0] == ["Number", "Date", "Type", "Customer", "VAT number", "Net", "Tax", "Total",
                       "Currency"]  # fmt: skip
    assert rows[1] == [taxed.number, "2026-03-02", "Invoice", "Carla Cafe", "FR40303265045",
                       "160.00", "22.75", "182.75", "EUR"]  # fmt: skip
    assert rows[2][:3] == ["CN-1", "2026-03-09", "Credit note"]
    assert rows[2][5:] == ["-100.00", "-20.00", "-120.00", "EUR"]
    assert len(rows) == 3
    sheet = _xlsx(client.get("/admin/reports/sales-journal.xlsx", query_string=YEAR))
    assert sheet[2][0] == "CN-1" and Decimal(str(sheet[2][7])) == Decimal("-120")
    page = client.get("/admin/reports/sales-journal", query_string=YEAR).get_data(as_text=True)
    assert taxed.number in page and "−€120.00" in page


def test_vat_summary_per_rate_with_credit_notes_subtracted(client, taxed, login_as):
    login_as(make_admin())
    page = client.get("/admin/reports/vat-summary", query_string=YEAR).get_data(as_text=True)
    assert "Taxable base" in page and "€2.75" in page
    rows = _csv(client.get("/admin/reports/vat-summary.csv", query_string=YEAR))
    assert rows[1:] == [
        ["EUR", "VAT", "5.5", "50.00", "2.75"],
        ["EUR", "VAT", "20", "0.00", "0.00"],
        ["EUR", "No tax", "0", "10.00", "0.00"],
    ]
    sheet = _xlsx(client.get("/admin/reports/vat-summary.xlsx", query_string=YEAR))
    assert sheet[1][:2] == ("EUR", "VAT")


@pytest.mark.parametrize("path", ["/admin/reports/sales-journal", "/admin/reports/vat-summary"])
def test_bad_period_is_refused_beside_the_field(client, ctx, login_as, path):
    login_as(make_admin())
    page = client.get(path, query_string={"from": "2026-05-01", "to": "2026-04-01"})
    assert page.status_code == 422
    assert "The end of the period may not come before its start." in page.get_data(as_text=True)
    page = client.get(path, query_string={"from": "31/12/2026"})
    assert page.status_code == 422 and 'id="from-error"' in page.get_data(as_text=True)


def test_a_customer_with_only_credit_left_has_its_row(client, owed, login_as):
    credit_note(make_customer(company="Charlie Credit"), 30, date.today())
    login_as(make_admin())
    rows = _csv(client.get("/admin/reports/ageing.csv"))
    assert rows[-1] == ["Charlie Credit", "EUR", "0.00", "0.00", "0.00", "0.00", "0.00", "-30.00",
                        "-30.00"]  # fmt: skip
    body = client.get("/admin/reports/ageing").get_data(as_text=True)
    assert "Total (3 customers)" in body and "€1,620.00" in body  # 1,650 less 30


def test_negatives_show_a_true_minus_and_a_zero_is_never_negative(client, ctx, login_as):
    """As invoices print "−€…" (U+2212): the journal and the statement do too; an untaxed
    credit note's tax is €0.00 on the page and 0.00 in the CSV, never "-€0.00" / "-0"."""
    login_as(make_admin())
    customer = make_customer(company="Alpha Bakery")
    note = credit_note(customer, 80, date(2026, 3, 20))
    page = client.get("/admin/reports/sales-journal", query_string=YEAR).get_data(as_text=True)
    assert "−€80.00" in page and "-€" not in page and "−€0.00" not in page
    (row,) = [r for r in _csv(client.get("/admin/reports/sales-journal.csv", query_string=YEAR))
              if r[0] == note.number]  # fmt: skip
    assert row[5:8] == ["-80.00", "0.00", "-80.00"]  # plain numbers; no "-0"
    url = f"/admin/customers/{customer.id}/statement"
    statement = client.get(url, query_string=YEAR).get_data(as_text=True)
    assert "−€80.00" in statement and "-€" not in statement
