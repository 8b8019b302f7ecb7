"""What each row of an import does: created, updated, unchanged, skipped or refused (the reason
naming the column), with the rules of the New customer form."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivityLog, Contact, Customer
from tests.factories import make_admin, make_contact, make_customer
from tests.imports.helpers import checked, imported, uploaded

ACME = ["Acme SARL", "FR40303265045", "FR", "01 23 45 67 89", "Ann", "Lee", "ann@acme.fr", "A1"]
BETA = ["Beta GmbH", "DE136695976", "DE", "", "Bob", "Roe", "bob@beta.de", "B1"]


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_file_creates_customers_with_their_contacts_checked_as_the_form_does(app, ctx):
    admin = make_admin()
    imp = imported([ACME, BETA], admin)
    assert (imp.status, imp.created, imp.refused) == ("done", 2, 0)
    acme = db.session.scalar(select(Customer).where(Customer.company == "Acme SARL"))
    assert acme.vat_number == "FR40303265045" and acme.phone == "+33123456789"
    assert acme.external_id == "A1"
    assert [c.email for c in acme.contacts] == ["ann@acme.fr"] and acme.contacts[0].is_primary
    lines = db.session.scalars(select(ActivityLog).where(ActivityLog.customer_id == acme.id))
    assert [(a.action, a.subject) for a in lines] == [("customer.imported", "customers.csv")]
    assert imp.writing is None and imp.finished_at is not None


def test_the_same_file_twice_changes_nothing_the_second_time(app, ctx):
    imported([ACME, BETA])
    again_id = uploaded([ACME, BETA])
    dry = checked(again_id)
    assert (dry.created, dry.updated, dry.unchanged) == (0, 0, 2)
    second = imported([ACME, BETA])
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert count(Customer) == 2 and count(Contact) == 2


def test_several_rows_of_one_customer_add_its_contacts(app, ctx):
    rows = [
        ACME,
        ["", "FR40303265045", "FR", "", "Cy", "Dee", "cy@acme.fr", ""],
        ["Acme SARL", "FR 403 032 650 45", "", "", "Di", "Eve", "di@acme.fr", ""],
    ]
    dry = checked(uploaded(rows))
    assert (dry.created, dry.updated, dry.refused) == (1, 2, 0)
    imp = imported(rows)
    assert (imp.created, imp.updated, imp.refused) == (1, 2, 0)
    acme = db.session.scalar(select(Customer))
    assert count(Customer) == 1
    assert sorted(c.email for c in acme.contacts) == ["ann@acme.fr", "cy@acme.fr", "di@acme.fr"]
    assert sum(c.is_primary for c in acme.contacts) == 1


def test_an_empty_cell_keeps_the_value_and_a_filled_one_changes_it(app, ctx):
    imported([ACME])
    imp = imported([["", "FR40303265045", "", "+33 1 98 76 54 32", "", "", "", ""]])
    assert (imp.updated, imp.refused) == (1, 0)
    acme = db.session.scalar(select(Customer))
    assert acme.company == "Acme SARL" and acme.external_id == "A1"
    assert acme.phone == "+33198765432" and acme.country == "FR"


def test_refused_rows_say_why_naming_the_column_and_write_nothing(app, ctx):
    rows = [
        ["", "FR40303265045", "FR", "", "", "", "", ""],  # no company for a new customer
        ["Bad VAT", "FR00000000000", "FR", "", "", "", "", ""],
        ["Bad phone", "DE136695976", "DE", "12", "", "", "", ""],
        ["No key", "", "FR", "", "", "", "", ""],
        ["Bad email", "BE0403170701", "BE", "", "Al", "Bo", "not-an-email", ""],
        ["No name", "NL004495445B01", "NL", "", "", "", "x@y.nl", ""],
    ]
    dry = checked(uploaded(rows))
    reasons = dict(dry.refusals)
    assert dry.refused == 6 and dry.created == 0
    assert reasons[2].startswith("Company: Enter the company name")
    assert reasons[3].startswith("VAT: This VAT number is not valid")
    assert reasons[4].startswith("Phone: ")
    assert reasons[5].startswith("VAT: This key column is empty")
    assert reasons[6].startswith("Email: Enter a valid email address")
    assert reasons[7].startswith("First name: Enter the first name")
    imp = imported(rows)
    assert imp.refused == 6 and count(Customer) == 0 and count(Contact) == 0


def test_a_key_email_of_another_customers_contact_refuses_the_row(app, ctx):
    other = make_customer(company="Other Ltd")
    make_contact(other, email="ann@acme.fr")
    db.session.commit()
    imp = imported([ACME])
    assert imp.refused == 1 and count(Customer) == 1
    assert "Other Ltd" in imp.refusals[0][1] and imp.refusals[0][1].startswith("Email: ")


def test_blank_rows_are_skipped_and_defaults_apply_to_new_customers(app, ctx):
    from tests.factories import make_currency

    usd = make_currency("USD", symbol="$")
    db.session.commit()
    imp = imported([ACME, ["", "", "", "", "", "", "", ""], BETA], currency_id=usd.id,
                   language="fr", permissions=["invoices"])  # fmt: skip
    assert (imp.created, imp.refused) == (2, 0)
    for customer in db.session.scalars(select(Customer)):
        assert customer.currency.code == "USD" and customer.language == "fr"
        assert customer.contacts[0].perm_invoices and not customer.contacts[0].perm_support


def test_groups_named_in_the_file_are_made_once_and_a_refused_row_makes_none(app, ctx):
    from app.models import CustomerGroup
    from tests.imports.helpers import MAPPING

    header = ["Company", "VAT", "Country", "Groups"]
    mapping = [*MAPPING[:3], "groups"]
    rows = [["Acme SARL", "FR40303265045", "FR", "Wholesale; Export"],
            ["Beta GmbH", "DE136695976", "DE", "export"],
            ["Bad VAT", "FR00000000000", "FR", "Never made"]]  # fmt: skip
    imp = imported(rows, header=header, mapping=mapping)
    assert (imp.created, imp.refused) == (2, 1)
    names = sorted(db.session.scalars(select(CustomerGroup.name)))
    assert names == ["Export", "Wholesale"]
    beta = db.session.scalar(select(Customer).where(Customer.company == "Beta GmbH"))
    assert [g.name for g in beta.groups] == ["Export"]
    again = imported(rows, header=header, mapping=mapping)
    assert (again.unchanged, again.refused) == (2, 1)


def test_ids_an_import_gives_are_never_given_again(app, ctx):
    """The run takes a chunk's ids itself (one multi-row INSERT per table): a customer or
    contact made after it gets a new id, and so does the next import after Undo removed the
    first one's customers (ids are never reused)."""
    from app.services.imports.undo import undo_import
    from tests.factories import make_contact, make_customer

    before = make_customer()
    first = imported([ACME, BETA])
    ids = set(db.session.scalars(select(Customer.id))) - {before.id}
    contact_ids = set(db.session.scalars(select(Contact.id)))
    assert len(ids) == 2 and min(ids) > before.id and len(contact_ids) == 2
    undo_import(db.session.get(type(first), first.id), make_admin())
    db.session.commit()
    assert set(db.session.scalars(select(Customer.id))) == {before.id}
    imported([ACME, BETA])
    new_ids = set(db.session.scalars(select(Customer.id))) - {before.id}
    new_contact_ids = set(db.session.scalars(select(Contact.id)))
    assert min(new_ids) > max(ids) and min(new_contact_ids) > max(contact_ids)
    after = make_contact(customer=make_customer())
    assert after.customer_id > max(new_ids) and after.id > max(new_contact_ids)
