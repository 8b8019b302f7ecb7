"""More reasons a row is refused, each naming its column, and custom fields read in the
import's formats (a date as the file writes it, a number in its style, a choice by label)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.extensions import db
from app.models import Customer
from app.services.custom_fields.definitions import entity_fields
from app.services.custom_fields.values import record_values
from tests.factories import make_currency, make_custom_field, make_customer
from tests.imports.helpers import checked, imported, uploaded

HEADER = ["Company", "Code", "Currency", "Language", "Email", "First", "Last", "Since", "Seats",
          "Tier"]  # fmt: skip
MAPPING = ["company", "external_id", "currency", "language", "contact_email",
           "contact_first_name", "contact_last_name", "custom:since", "custom:seats",
           "custom:tier"]  # fmt: skip


def _fields():
    make_custom_field("since", "date")
    make_custom_field("seats", "number")
    make_custom_field("tier", "choice", choices=[("gold", {"en": "Gold", "fr": "Or"})])
    make_currency("EUR")
    db.session.commit()


def test_each_refusal_names_its_column(app, ctx):
    _fields()
    taken = make_customer(company="Taken Ltd")
    taken.external_id = "T1"
    db.session.commit()
    ok = ["Fine", "F1", "EUR", "fr", "", "", "", "31/12/2025", "1.234,5", "Or"]
    rows = [
        ok,
        ["Money", "F2", "XYZ", "", "", "", "", "", "", ""],
        ["Money2", "F3", "USD", "", "", "", "", "", "", ""],  # a real code, not one of ours
        ["Speech", "F4", "", "klingon", "", "", "", "", "", ""],
        ["Dated", "F5", "", "", "", "", "", "2025-13-45", "", ""],
        ["Counted", "F6", "", "", "", "", "", "", "a lot", ""],
        ["Tiered", "F7", "", "", "", "", "", "", "", "Platinum"],
        ["Twin", "F8", "", "", "ann@x.fr", "Ann", "Lee", "", "", ""],
        ["Twin2", "F9", "", "", "ann@x.fr", "Ann", "Lee", "", "", ""],  # its email: row 9's
    ]
    dry = checked(uploaded(rows, key="external_id", header=HEADER, mapping=MAPPING,
                           date_format="dmy_slash", number_locale="de"))  # fmt: skip
    reasons = dict(dry.refusals)
    assert (dry.created, dry.refused) == (2, 7), reasons
    assert reasons[3].startswith("Currency: ")
    assert reasons[4] == "Currency: Choose a currency from the list."
    assert reasons[5].startswith("Language: ")
    assert reasons[6].startswith("Since: ")
    assert reasons[7].startswith("Seats: ")
    assert reasons[8] == "Tier: Choose from the list."
    assert reasons[10].startswith("Email: This email belongs to a contact of another customer")
    imp = imported(rows, key="external_id", header=HEADER, mapping=MAPPING,
                   date_format="dmy_slash", number_locale="de")  # fmt: skip
    assert (imp.created, imp.refused) == (2, 7)
    fine = db.session.scalar(select(Customer).where(Customer.company == "Fine"))
    assert fine.currency.code == "EUR" and fine.language == "fr"
    values = record_values([fine.id], "customer", entity_fields("customer"))[fine.id]
    assert sorted(map(str, [v for vs in values.values() for v in vs])) == sorted(
        map(str, [date(2025, 12, 31), Decimal("1234.500000"), "gold"])
    )
    again = imported(rows, key="external_id", header=HEADER, mapping=MAPPING,
                     date_format="dmy_slash", number_locale="de")  # fmt: skip
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_an_external_id_another_customer_holds_refuses_the_row(app, ctx):
    taken = make_customer(company="Taken Ltd", vat_number="FR40303265045", country="FR")
    other = make_customer(company="Other Ltd")
    other.external_id = "X1"
    db.session.commit()
    header = ["Company", "VAT", "Code"]
    dry = checked(uploaded([["Taken Ltd", "FR40303265045", "X1"]], header=header,
                           mapping=["company", "vat_number", "external_id"]))  # fmt: skip
    assert dry.refusals == [[2, "Code: Another customer has this external id."]]
    assert taken.external_id is None
