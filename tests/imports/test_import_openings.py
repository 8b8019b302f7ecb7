"""Opening balances in an import (amount owed per customer and currency at a date, so that
statements are right from day one), and a "view own" member's import, which only touches the
customers that member may see."""

import html
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer, CustomerImport, Document
from app.services.imports.undo import undo_import
from app.services.sales.actions import record_payment
from app.services.statements.service import customer_statement
from tests.factories import (
    make_admin,
    make_contact,
    make_currency,
    make_customer,
    make_role,
    make_user,
)
from tests.imports.helpers import HEADER, MAPPING, checked, imported, uploaded

OPENING_HEADER = [*HEADER, "Balance", "Balance currency", "Balance date"]
OPENING_MAPPING = [*MAPPING, "opening_balance", "opening_balance_currency",
                   "opening_balance_date"]  # fmt: skip
ACME = ["Acme SARL", "FR40303265045", "FR", "", "Ann", "Lee", "ann@acme.fr", "A1"]
BETA = ["Beta GmbH", "DE136695976", "DE", "", "", "", "", "B1"]
FILE = {"header": OPENING_HEADER, "mapping": OPENING_MAPPING, "number_locale": "fr",
        "date_format": "dmy_slash"}  # fmt: skip


def openings() -> list[Document]:
    query = select(Document).where(Document.kind == "opening").order_by(Document.id)
    return list(db.session.scalars(query))


def customer(company: str) -> Customer:
    return db.session.scalar(select(Customer).where(Customer.company == company))


def test_imported_opening_balances_start_the_statement_and_twice_is_once(client, ctx, login_as):
    eur = make_currency("EUR")
    make_currency("KWD", decimals=3)
    admin = make_admin()
    rows = [[*ACME, "1 234,56", "", "30/11/2026"], [*BETA, "12,345", "KWD", "01/10/2026"]]
    dry = checked(uploaded(rows, admin, currency_id=eur.id, **FILE))
    assert (dry.created, dry.refused) == (2, 0) and openings() == []
    imp = imported(rows, admin, currency_id=eur.id, **FILE)
    assert (imp.created, imp.refused) == (2, 0)
    acme, beta = customer("Acme SARL"), customer("Beta GmbH")
    [owed] = openings()[:1]
    assert (owed.customer_id, owed.currency_code, owed.total) == (acme.id, "EUR",
                                                                    Decimal("1234.56"))  # fmt: skip
    statement = customer_statement(acme.id, date(2026, 11, 1), date(2026, 12, 31))
    assert statement.currencies[0].closing == Decimal("1234.56")
    kwd = customer_statement(beta.id, date(2026, 12, 1), date(2026, 12, 31)).currencies[0]
    assert kwd.opening == Decimal("12.345")
    login_as(admin)
    page = html.unescape(client.get(f"/admin/customers/{acme.id}/statement",
                                    query_string={"from": "2026-11-01", "to": "2026-12-31"})
                         .get_data(as_text=True))  # fmt: skip
    assert "Opening balance" in page and "1,234.56" in page
    again = imported(rows, admin, currency_id=eur.id, **FILE)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert len(openings()) == 2
    changed = imported([[*ACME, "1 500,00", "", "30/11/2026"]], admin, **FILE)
    assert changed.updated == 1 and openings()[0].total == Decimal("1500.00")


def test_the_dry_run_says_what_the_run_does_with_one_customers_rows(app, ctx):
    eur = make_currency("EUR")
    admin = make_admin()
    rows = [[*ACME, "10,00", "", "30/11/2026"], [*ACME, "10,00", "", "30/11/2026"],
            [*ACME, "12,00", "", "30/11/2026"]]  # fmt: skip
    dry = checked(uploaded(rows, admin, currency_id=eur.id, **FILE))
    imp = imported(rows, admin, currency_id=eur.id, **FILE)
    assert (dry.created, dry.updated, dry.unchanged) == (1, 1, 1)
    assert (imp.created, imp.updated, imp.unchanged) == (1, 1, 1)
    assert [o.total for o in openings()] == [Decimal("12.00")]


def test_bad_opening_balances_refuse_the_row_naming_the_column_and_write_nothing(app, ctx):
    eur = make_currency("EUR")
    make_currency("JPY", decimals=0)
    rows = [
        [*ACME, "abc", "", "30/11/2026"],
        [*BETA, "-10,00", "", "30/11/2026"],
        ["Gamma", "BE0403170701", "BE", "", "", "", "", "", "10,5", "JPY", "30/11/2026"],
        ["Delta", "NL004495445B01", "NL", "", "", "", "", "", "10,00", "XYZ", "30/11/2026"],
        ["Eps", "IT00743110157", "IT", "", "", "", "", "", "10,00", "", ""],
        ["Zeta", "ESA28015865", "ES", "", "", "", "", "", "10,00", "", "31/02/2026"],
    ]
    imp = imported(rows, make_admin(), currency_id=eur.id, **FILE)
    reasons = dict(imp.refusals)
    assert imp.refused == 6 and imp.created == 0
    assert reasons[2].startswith("Balance: ")
    assert reasons[3].startswith("Balance: An opening balance is an amount the customer owes")
    assert reasons[4] == "Balance: Too many decimals for JPY (0 at most)."
    assert reasons[5].startswith("Balance currency: ")
    assert reasons[6] == "Balance date: Enter the day the opening balance was owed."
    assert reasons[7].startswith("Balance date: ")
    assert openings() == [] and db.session.scalar(select(func.count(Customer.id))) == 0


def test_undo_removes_the_opening_balances_it_recorded_unless_paid_against(app, ctx):
    eur = make_currency("EUR")
    admin = make_admin()
    make_customer(company="Beta GmbH", vat_number="DE136695976", country="DE", currency=eur)
    db.session.commit()
    rows = [[*ACME, "100,00", "", "30/11/2026"], [*BETA, "50,00", "", "30/11/2026"]]
    imp = imported(rows, admin, currency_id=eur.id, **FILE)
    assert (imp.created, imp.updated) == (1, 1) and len(openings()) == 2
    assert undo_import(db.session.get(CustomerImport, imp.id), admin) == []
    db.session.commit()
    assert openings() == [] and customer("Acme SARL") is None
    assert customer("Beta GmbH") is not None
    # Paid against since: the opening balance stays, and Undo names its customer.
    imp = imported([[*BETA, "50,00", "", "30/11/2026"]], admin, **FILE)
    [owed] = openings()
    record_payment(owed, Decimal("20"), date(2026, 12, 1), "cash", None, admin)
    db.session.commit()
    beta = customer("Beta GmbH")
    assert undo_import(db.session.get(CustomerImport, imp.id), admin) == [[beta.id, "Beta GmbH"]]
    db.session.commit()
    assert [o.total for o in openings()] == [Decimal("50.00")]


def test_a_view_own_member_never_updates_a_customer_they_cannot_see(app, ctx):
    eur = make_currency("EUR")
    member = make_user(role=make_role((("customers", "view_own"), ("customers", "create"),
                                       ("customers", "edit"))))  # fmt: skip
    beta = make_customer(company="Beta GmbH", vat_number="DE136695976", country="DE",
                         currency=eur)  # fmt: skip
    make_contact(beta, first_name="Bob", last_name="Roe", email="bob@beta.de")
    db.session.commit()
    imp = imported([ACME, ["Beta Renamed", *BETA[1:]]], member, currency_id=eur.id)
    assert (imp.created, imp.updated, imp.refused) == (1, 0, 1)
    assert dict(imp.refusals)[3] == "VAT: This matches a customer you cannot edit."
    assert customer("Beta GmbH") is not None and customer("Beta Renamed") is None
    acme = customer("Acme SARL")
    assert [u.id for u in acme.admins] == [member.id]  # theirs: they can open it
    again = imported([["Acme Renamed", *ACME[1:]]], member)
    assert (again.updated, again.refused) == (1, 0) and customer("Acme Renamed") is not None
    hidden = imported([["Gamma", "BE0403170701", "BE", "", "Sam", "Roe", "bob@beta.de", ""]],
                      member, currency_id=eur.id)  # fmt: skip
    assert hidden.refusals == [[2, "Email: This email belongs to a contact of a customer you "
                                   "cannot edit."]]  # fmt: skip


def test_opening_balances_need_the_right_to_record_invoices(app, ctx):
    eur = make_currency("EUR")
    member = make_user(role=make_role((("customers", "view_all"), ("customers", "create"))))
    imp = imported([[*ACME, "100,00", "", "30/11/2026"]], member, currency_id=eur.id, **FILE)
    assert imp.refusals == [[2, "Balance: Your role may not record opening balances."]]
    assert openings() == []


def test_a_member_who_may_add_but_not_edit_customers_only_adds(app, ctx):
    eur = make_currency("EUR")
    member = make_user(role=make_role((("customers", "view_all"), ("customers", "create"))))
    make_customer(company="Beta GmbH", vat_number="DE136695976", country="DE", currency=eur)
    db.session.commit()
    imp = imported([ACME, ["Beta Renamed", *BETA[1:]]], member, currency_id=eur.id)
    assert (imp.created, imp.updated, imp.refused) == (1, 0, 1)
    assert dict(imp.refusals)[3] == (
        "VAT: This row would change a customer, and you may not edit customers."
    )
    assert customer("Beta GmbH") is not None and customer("Beta Renamed") is None
    again = imported([ACME], member, currency_id=eur.id)  # the same row: nothing to change
    assert (again.created, again.updated, again.refused) == (0, 0, 0)
