"""The export menu of the invoice, estimate and credit note lists: every document the list's
filters match (one row each, or one row per line) and the payments of the matching invoices, as
CSV in the reader's convention and XLSX with real numbers and dates; a "view own" member exports
only their customers' records; the queries do not grow with the rows (batches)."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from app.extensions import db
from app.models import CustomerAdmin, Payment, TaxRate
from app.services.sales.service import ItemInput
from tests.admin.test_staff_reminders_queries import _statements
from tests.custom_fields.test_sales_list_fields import documents
from tests.factories import (
    make_admin,
    make_currency,
    make_customer,
    make_document,
    make_user,
)
from tests.sales.statement_factories import apply_credit, credit_note, issued, pay

EVIL = "=HYPERLINK(1)"


def read_csv(response, delimiter: str) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=delimiter))


def read_xlsx(response) -> list[list]:
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    return [list(row) for row in sheet.iter_rows()]


def record_payment(invoice, amount: str, day: date, mode="bank_transfer", note=None):
    db.session.add(Payment(document_id=invoice.id, amount=Decimal(amount), paid_on=day,
                           mode=mode, note=note))  # fmt: skip
    invoice.amount_paid += Decimal(amount)
    invoice.status = "paid" if invoice.amount_paid >= invoice.total else "partial"
    db.session.commit()


@pytest.fixture
def sales(ctx):
    """Two customers: Evil's invoice of 2 lines (one taxed) partly paid, Solo's unpaid invoice
    of another month, a draft, and a credit note of Evil's partly applied and refunded."""
    make_currency("EUR", is_default=True)
    vat = TaxRate(name="VAT", percent=Decimal(20))
    db.session.add(vat)
    db.session.commit()
    evil, solo = make_customer(company=EVIL), make_customer(company="Solo")
    lines = [ItemInput("Design", Decimal("1.5"), Decimal("1000"), tax_ids=[vat.id]),
             ItemInput("+Audit", Decimal(2), Decimal("10.125"))]  # fmt: skip
    first = make_document(evil, status="unpaid", lines=lines)
    first.issue_date, first.due_date = date(2026, 3, 10), date(2026, 4, 9)
    record_payment(first, "1000.50", date(2026, 3, 20), note="Wire 42")
    second = issued(solo, "99.99", date(2026, 5, 1), date(2026, 5, 31))
    record_payment(second, "9.99", date(2026, 5, 2), mode="cash")
    make_document(solo, status="draft")
    credit = credit_note(evil, "300", date(2026, 6, 1), credited=first)
    apply_credit(credit, first, "100", date(2026, 6, 2))
    pay(credit, "50", date(2026, 6, 3))  # a refund
    return {"first": first, "second": second, "credit": credit, "evil": evil, "solo": solo}


@pytest.mark.parametrize(("language", "delimiter", "comma"), [("en", ",", "."), ("fr", ";", ",")])
def test_invoices_csv_in_the_readers_language_and_convention(client, sales, login_as, language,
                                                           delimiter, comma):  # fmt: skip
    login_as(make_user(language=language))
    rows = read_csv(client.get("/admin/invoices/export.csv"), delimiter)
    assert rows[0][:4] == (["Number", "Customer", "Date", "Due date"] if language == "en"
                           else ["Numéro", "Client", "Date", "Date d'échéance"])  # fmt: skip
    assert len(rows) == 4 and all(len(row) == 12 for row in rows)  # the draft too
    first = next(row for row in rows if row[0] == sales["first"].number)
    # 1.5 x 1000 + 20 % VAT on it, + 2 x 10.125 = 20.25
    assert first[1] == "'" + EVIL  # the formula guard
    assert first[2:4] == ["2026-03-10", "2026-04-09"]
    assert first[4] == ("Overdue" if language == "en" else "En retard")  # as the list says
    assert first[5:] == ["EUR", f"1520{comma}25", f"0{comma}00", f"300{comma}00",
                         f"1820{comma}25", f"1100{comma}50", f"719{comma}75"]  # fmt: skip


def test_invoices_xlsx_has_numbers_dates_and_text(client, sales, login_as):
    login_as(make_admin())
    query = f"?status=partial&customer={sales['evil'].id}"
    page = client.get(f"/admin/invoices{query}").get_data(as_text=True)
    assert f"/admin/invoices/export.xlsx{query.replace('&', '&amp;')}" in page
    rows = read_xlsx(client.get(f"/admin/invoices/export.xlsx{query}"))
    assert [c.value for c in rows[0]][-2:] == ["Paid", "Amount due"]
    assert len(rows) == 2
    row = rows[1]
    assert row[1].value == EVIL and row[1].data_type == "s"  # text, never a formula
    assert row[2].is_date and row[2].value.date() == date(2026, 3, 10)
    assert row[9].data_type == "n" and Decimal(str(row[9].value)) == Decimal("1820.25")
    assert row[9].number_format == "#,##0.00"


def test_filters_of_the_list_are_the_exports(client, sales, login_as):
    login_as(make_admin())
    numbers = {
        query: [row[0] for row in read_csv(client.get(f"/admin/invoices/export.csv{query}"),
                                           ",")[1:]]
        for query in ("?status=draft", f"?customer={sales['solo'].id}&status=due",
                      "?from=2026-04-01&to=2026-12-31", "?q=" + sales["first"].number)
    }  # fmt: skip
    assert numbers["?status=draft"] == ["Draft"]  # a draft invoice has no number yet
    assert numbers[f"?customer={sales['solo'].id}&status=due"] == [sales["second"].number]
    assert sales["first"].number not in numbers["?from=2026-04-01&to=2026-12-31"]
    assert numbers["?q=" + sales["first"].number] == [sales["first"].number]


def test_an_empty_result_is_the_header_only(client, sales, login_as):
    login_as(make_admin())
    for path in ("export", "lines", "payments"):
        rows = read_csv(client.get(f"/admin/invoices/{path}.csv?from=2030-01-01"), ",")
        assert len(rows) == 1 and rows[0][0] in ("Number", "Date")
        assert len(read_xlsx(client.get(f"/admin/invoices/{path}.xlsx?from=2030-01-01"))) == 1


@pytest.mark.parametrize(("language", "delimiter", "comma"), [("en", ",", "."), ("fr", ";", ",")])
def test_invoice_lines_one_row_per_line(client, sales, login_as, language, delimiter, comma):
    login_as(make_user(language=language))
    rows = read_csv(client.get(f"/admin/invoices/lines.csv?customer={sales['evil'].id}"),
                    delimiter)  # fmt: skip
    assert rows[0][3:9] == (["Description", "Quantity", "Unit", "Rate", "Taxes", "Line total"]
                            if language == "en" else
                            ["Description", "Quantité", "Unité", "Prix unitaire", "Taxes",
                             "Total de la ligne"])  # fmt: skip
    assert [row[3] for row in rows[1:]] == ["Design", "'+Audit"]
    design, audit = rows[1], rows[2]
    assert design[0] == sales["first"].number and design[2] == "2026-03-10"
    assert design[4:6] == [f"1{comma}5", ""] and design[6] == f"1000{comma}00"
    assert design[7].startswith(f"VAT 20{comma}0") and design[7].endswith("%")
    assert design[8:] == [f"1500{comma}00", "EUR"]
    assert audit[4] == "2" and audit[6] == f"10{comma}125" and audit[8] == f"20{comma}25"


def test_invoice_lines_xlsx(client, sales, login_as):
    login_as(make_admin())
    rows = read_xlsx(client.get("/admin/invoices/lines.xlsx"))
    assert len(rows) == 1 + 2 + 1 + 1  # Evil's two lines, Solo's invoice and draft
    design = next(row for row in rows if row[3].value == "Design")
    assert design[2].is_date and design[4].data_type == "n" and design[4].value == 1.5
    assert Decimal(str(design[8].value)) == 1500 and design[8].data_type == "n"


@pytest.mark.parametrize(("language", "delimiter", "comma"), [("en", ",", "."), ("fr", ";", ",")])
def test_payments_of_the_filtered_invoices(client, sales, login_as, language, delimiter, comma):
    login_as(make_user(language=language))
    rows = read_csv(client.get("/admin/invoices/payments.csv"), delimiter)
    assert rows[0] == (["Date", "Invoice", "Customer", "Amount", "Currency", "Payment mode",
                        "Note"] if language == "en" else
                       ["Date", "Facture", "Client", "Montant", "Devise", "Mode de paiement",
                        "Note"])  # fmt: skip
    assert rows[1:] == [  # newest first
        ["2026-05-02", sales["second"].number, "Solo", f"9{comma}99", "EUR",
         "Cash" if language == "en" else "Espèces", ""],
        ["2026-03-20", sales["first"].number, "'" + EVIL, f"1000{comma}50", "EUR",
         "Bank transfer" if language == "en" else "Virement bancaire", "Wire 42"],
    ]  # fmt: skip
    only = read_csv(client.get(f"/admin/invoices/payments.csv?customer={sales['solo'].id}"),
                    delimiter)  # fmt: skip
    assert [row[1] for row in only[1:]] == [sales["second"].number]
    sheet = read_xlsx(client.get("/admin/invoices/payments.xlsx"))
    assert sheet[1][0].is_date and sheet[1][3].data_type == "n"


@pytest.mark.parametrize(("language", "delimiter", "comma"), [("en", ",", "."), ("fr", ";", ",")])
def test_credit_notes_applied_refunded_and_left(client, sales, login_as, language, delimiter,
                                               comma):  # fmt: skip
    login_as(make_user(language=language))
    page = client.get("/admin/credit-notes?status=open").get_data(as_text=True)
    assert "/admin/credit-notes/export.csv?status=open" in page
    assert "/admin/invoices/payments.csv" not in page  # payments: the invoice list's menu
    rows = read_csv(client.get("/admin/credit-notes/export.csv?status=open"), delimiter)
    assert rows[0][6:] == (["Total", "Applied", "Refunded", "Credit left"] if language == "en"
                           else ["Total", "Imputé", "Remboursé", "Crédit restant"])  # fmt: skip
    assert rows[1] == [sales["credit"].number, "'" + EVIL, "2026-06-01", sales["first"].number,
                       "Open" if language == "en" else "Ouvert", "EUR", f"300{comma}00",
                       f"100{comma}00", f"50{comma}00", f"150{comma}00"]  # fmt: skip
    assert len(read_csv(client.get("/admin/credit-notes/export.csv?status=closed"),
                        delimiter)) == 1  # fmt: skip


def test_estimates_export_their_custom_fields_by_key(client, ctx, login_as):
    made = documents("estimate")
    login_as(make_admin(language="fr"))
    rows = read_xlsx(client.get("/admin/estimates/export.xlsx?cf_region=south"))
    header = [c.value for c in rows[0]]
    assert header[3] == "Valable jusqu'au" and header[-3:] == ["region", "hours", "site"]
    assert "Payé" not in header and "Montant dû" not in header
    by_number = {row[0].value: row for row in rows[1:]}
    assert set(by_number) == {made["b"].number, made["c"].number}
    hours = by_number[made["b"].number][-2]
    assert hours.data_type == "n" and hours.value == 1500
    assert by_number[made["b"].number][-3].value == "South"


def test_a_view_own_member_exports_only_their_customers(client, sales, login_as):
    member = make_user(role="sales")
    sales["evil"].admin_links = []
    db.session.add(CustomerAdmin(user_id=member.id, customer_id=sales["solo"].id))
    db.session.commit()
    login_as(member)
    for url, column in (("/admin/invoices/export.csv", 1), ("/admin/invoices/lines.csv", 1),
                        ("/admin/invoices/payments.csv", 2),
                        ("/admin/credit-notes/export.csv", 1)):  # fmt: skip
        customers = {row[column] for row in read_csv(client.get(url), ",")[1:]}
        assert "'" + EVIL not in customers, url
        assert customers <= {"Solo"}, url
    assert len(read_csv(client.get("/admin/invoices/export.csv"), ",")) == 3
    sheet = read_xlsx(client.get(f"/admin/invoices/export.xlsx?customer={sales['evil'].id}"))
    assert len(sheet) == 1


def test_queries_do_not_grow_with_the_rows(app, client, sales, login_as):
    login_as(make_admin())
    urls = ("/admin/invoices/export.csv", "/admin/invoices/export.xlsx",
            "/admin/invoices/lines.csv", "/admin/invoices/payments.xlsx",
            "/admin/credit-notes/export.csv")  # fmt: skip
    few = {url: _statements(client, url) for url in urls}
    for n in range(12):
        invoice = issued(sales["solo"], f"{n + 1}", date(2026, 7, 1))
        record_payment(invoice, "1", date(2026, 7, 2))
        credit_note(sales["solo"], "5", date(2026, 7, 3))
    many = {url: _statements(client, url) for url in urls}
    assert many == few


def test_batches_keep_the_lists_order_and_every_row(client, sales, login_as, monkeypatch):
    login_as(make_admin())
    for n in range(7):
        invoice = issued(sales["solo"], f"{n + 1}", date(2026, 8, n + 1))
        record_payment(invoice, "1", date(2026, 8, n + 2))
    urls = ("/admin/invoices/export.csv", "/admin/invoices/lines.csv",
            "/admin/invoices/payments.csv", "/admin/credit-notes/export.csv")  # fmt: skip
    whole = {url: read_csv(client.get(url), ",") for url in urls}
    monkeypatch.setattr("app.exports.BATCH", 3)  # 3 rows a batch: the boundaries are crossed
    response = client.get(urls[0])
    assert response.is_streamed  # the CSV is written batch by batch, never whole in memory
    for url in urls:
        assert read_csv(client.get(url), ",") == whole[url], url
    assert len(whole[urls[0]]) == 1 + 10 and len(whole[urls[2]]) == 1 + 9
