"""Reports → VAT summary: a discount after tax is spread over the rates' taxable bases (in
proportion to their amount with tax, rounded to the currency, the remainder on the largest), so
the rows add up to the documents of the sales journal — net, tax and total — to the cent."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Currency, TaxRate
from app.services.sales.service import DocumentInput, ItemInput, save_document
from tests.factories import make_admin, make_currency, make_customer

YEAR = {"from": "2026-01-01", "to": "2026-12-31"}


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


@pytest.fixture
def lines(ctx):
    vat, reduced = (
        TaxRate(name="VAT", percent=Decimal(20)),
        TaxRate(name="VAT", percent=Decimal("5.5")),
    )
    db.session.add_all([vat, reduced])
    db.session.commit()
    return [ItemInput("Work", Decimal(1), Decimal(100), tax_ids=[vat.id]),
            ItemInput("Book", Decimal(2), Decimal(25), tax_ids=[reduced.id]),
            ItemInput("Tip", Decimal(1), Decimal(10))]  # fmt: skip


def _discounted(customer, lines, kind="invoice", status="unpaid", code="EUR", **discount):
    """An issued invoice (or credit note) dated 2 March 2026 in `code`, with `discount`."""
    from app.services.sales.numbering import assign_number

    currency = db.session.scalar(select(Currency).where(Currency.code == code)) or make_currency(
        code
    )
    data = DocumentInput(customer_id=customer.id, issue_date=date(2026, 3, 2),
                         due_date=date(2026, 4, 1), currency_id=currency.id, language="en",
                         billing={"city": "Paris"}, include_shipping=False, shipping={},
                         items=lines, **discount)  # fmt: skip
    document = save_document(None, kind, data, None)
    assign_number(document, document.issue_date)
    document.status = status
    db.session.commit()
    return document


def test_a_discount_after_tax_is_spread_over_the_rates(client, lines, login_as):
    login_as(make_admin())
    _discounted(make_customer(), lines, discount_type="percent", discount_value=Decimal(10),
                discount_before_tax=False)  # fmt: skip
    (journal,) = _csv(client.get("/admin/reports/sales-journal.csv", query_string=YEAR))[1:]
    assert journal[5:8] == ["141.72", "22.75", "164.47"]  # 182.75 less 18.28
    rows = _csv(client.get("/admin/reports/vat-summary.csv", query_string=YEAR))[1:]
    # 18.28 over 52.75, 120 and 10 with tax: 5.28, 12.00 and 1.00 off the bases.
    assert rows == [
        ["EUR", "VAT", "5.5", "44.72", "2.75"],
        ["EUR", "VAT", "20", "88.00", "20.00"],
        ["EUR", "No tax", "0", "9.00", "0.00"],
    ]


@pytest.mark.parametrize("code,decimals", [("EUR", 2), ("JPY", 0), ("KWD", 3)])
def test_the_rows_add_up_to_the_journal_in_every_currency(client, lines, login_as, code, decimals):
    login_as(make_admin())
    customer = make_customer()
    if code != "EUR":
        make_currency(code, symbol=code, decimals=decimals)
    odd = [ItemInput(i.description, Decimal(3), i.rate + Decimal("0.37"), tax_ids=i.tax_ids)
           for i in lines]  # fmt: skip
    for discount in ({"discount_type": "percent", "discount_value": Decimal("7.5"),
                      "discount_before_tax": False},
                     {"discount_type": "fixed", "discount_value": Decimal(33),
                      "discount_before_tax": False},
                     {"discount_type": "percent", "discount_value": Decimal(3),
                      "discount_before_tax": True}):  # fmt: skip
        _discounted(customer, odd, code=code, **discount)
    _discounted(customer, odd, kind="credit", status="open", code=code, discount_type="fixed",
                discount_value=Decimal(11), discount_before_tax=False)  # fmt: skip
    journal = _csv(client.get("/admin/reports/sales-journal.csv", query_string=YEAR))[1:]
    rows = _csv(client.get("/admin/reports/vat-summary.csv", query_string=YEAR))[1:]
    net, tax, total = (sum(Decimal(r[i]) for r in journal) for i in (5, 6, 7))
    assert sum(Decimal(r[3]) for r in rows) == net
    assert sum(Decimal(r[4]) for r in rows) == tax
    assert net + tax == total
    assert all(len(r[3].partition(".")[2]) == decimals for r in rows)
