"""A customer list exported from Perfex CRM (its Export button, CSV) imports as it is: the
guessed mapping, Perfex's "#" kept as the external id, "Yes"/"No" for Active, a customer without
a company ("Person - View Profile") named after its contact; importing the same export again
changes nothing."""

from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import Customer
from app.services.imports.mapping import guess_mapping
from app.services.imports.reading import read_headers
from tests.factories import make_admin
from tests.imports.helpers import run_to_end, uploaded_file

EXPORT = (Path(__file__).parent / "fixtures" / "perfex_customers.csv").read_bytes()


def perfex_import(admin):
    mapping = guess_mapping(read_headers(EXPORT, "customers.csv"))
    return run_to_end(uploaded_file(EXPORT, admin, "external_id", mapping))


def test_a_perfex_customer_export_imports_as_it_is_and_a_second_time_changes_nothing(app, ctx):
    admin = make_admin()
    first = perfex_import(admin)
    assert (first.status, first.created, first.refused) == ("done", 4, 0)
    northwind = db.session.scalar(select(Customer).where(Customer.external_id == "2"))
    assert (northwind.company, northwind.phone, northwind.active) == (
        "Northwind Traders", "+442079460000", False)  # fmt: skip
    assert [g.name for g in northwind.groups] == ["Wholesale"]
    (john,) = northwind.contacts
    assert (john.first_name, john.last_name, john.email) == (
        "John", "Smith", "john@northwind.example")  # fmt: skip
    studio = db.session.scalar(select(Customer).where(Customer.external_id == "7"))
    assert studio.active and studio.groups == []
    person = db.session.scalar(select(Customer).where(Customer.external_id == "9"))
    assert person.company == "Marie Dupont" and person.contacts[0].last_name == "Dupont"

    again = perfex_import(admin)
    assert (again.created, again.updated, again.unchanged, again.refused) == (0, 0, 4, 0)
