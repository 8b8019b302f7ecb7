"""The customer list's exports: every contact of the matching customers (one row per contact),
and the customer export's columns the import reads back (codes, groups, Yes/No, addresses);
the list's filters and the staff member's scope hold; the queries do not grow with the rows."""

from datetime import UTC, datetime

import pytest

from app.exports import strip_formula_guard
from app.extensions import db
from app.models import CustomerAdmin
from tests.admin.test_staff_reminders_queries import _statements
from tests.custom_fields.test_customer_list_custom_fields import put
from tests.factories import (
    make_admin,
    make_contact,
    make_currency,
    make_custom_field,
    make_customer,
    make_group,
    make_user,
)
from tests.sales.test_list_exports import read_csv, read_xlsx


@pytest.fixture
def people(ctx):
    """Atelier (group Agences, two contacts, one signed in) and Solo (inactive, one contact)."""
    eur = make_currency("EUR", is_default=True)
    agencies = make_group(name="Agences")
    atelier = make_customer(company="Atelier", groups=[agencies, make_group(name="Best")],
                            vat_number="FR40303265045", phone="+33123456789", country="FR",
                            currency_id=eur.id, language="fr", address="1 rue Haute",
                            zip="69001", billing_street="2 rue Basse", billing_city="Lyon",
                            billing_country="FR", shipping_city="Genève",
                            shipping_country="CH")  # fmt: skip
    solo = make_customer(company="Solo", active=False)
    badge = make_custom_field("badge", "text", entity="contact")
    ann = make_contact(atelier, first_name="Ann", last_name="Archer", email="ann@example.com",
                       phone="+33612345678", position="=Boss", perm_files=True,
                       last_login_at=datetime(2026, 11, 5, 9, 30, tzinfo=UTC))  # fmt: skip
    put(badge, ann, "contact", value_text="Gold")
    make_contact(atelier, first_name="Bob", last_name="Brown", email="bob@example.com",
                 active=False, perm_invoices=False, perm_estimates=False, perm_contracts=False,
                 perm_proposals=False, perm_support=False, perm_projects=False,
                 perm_files=False)  # fmt: skip
    make_contact(solo, first_name="Sam", last_name="Solo", email="sam@example.com")
    return {"atelier": atelier, "solo": solo, "agencies": agencies}


@pytest.mark.parametrize(("language", "delimiter"), [("en", ","), ("fr", ";")])
def test_contacts_one_row_each_in_the_readers_language(client, people, login_as, language,
                                                      delimiter):  # fmt: skip
    login_as(make_user(language=language))
    page = client.get("/admin/customers?active=1").get_data(as_text=True)
    assert "/admin/customers/contacts.csv?active=1" in page
    assert "/admin/customers/contacts.xlsx?active=1" in page
    rows = read_csv(client.get("/admin/customers/contacts.csv?sort=company"), delimiter)
    assert rows[0] == (
        ["Company", "First name", "Last name", "Email", "Phone", "Position", "Primary", "Active",
         "Permissions", "Last sign-in", "badge"] if language == "en" else
        ["Société", "Prénom", "Nom", "E-mail", "Téléphone", "Fonction", "Principal", "Actif",
         "Autorisations", "Dernière connexion", "badge"]
    )  # fmt: skip
    yes, no = ("Yes", "No") if language == "en" else ("Oui", "Non")
    by_email = {row[3]: row for row in rows[1:]}
    assert list(by_email) == ["ann@example.com", "bob@example.com", "sam@example.com"]
    ann = by_email["ann@example.com"]
    assert ann[:3] == ["Atelier", "Ann", "Archer"]
    assert strip_formula_guard(ann[4]) == "+33 6 12 34 56 78" and ann[4].startswith("'")
    assert ann[5] == "'=Boss" and ann[6:8] == [yes, yes]
    modules = (
        "Invoices; Estimates; Contracts; Proposals; Support; Projects; Files"
        if language == "en"
        else "Factures; Devis; Contrats; Propositions; Support; Projets; Fichiers"
    )
    assert ann[8] == modules
    assert ann[9] == "2026-11-05 10:30:00"  # the settings' time zone (Europe/Paris)
    assert ann[10] == "Gold"
    assert by_email["bob@example.com"][6:10] == [no, no, "", ""]


def test_contacts_follow_the_lists_filters_and_read_back_typed(client, people, login_as):
    login_as(make_admin())
    active = read_csv(client.get("/admin/customers/contacts.csv?active=1"), ",")
    assert {row[0] for row in active[1:]} == {"Atelier"}
    grouped = read_csv(client.get(f"/admin/customers/contacts.csv?group={people['agencies'].id}"),
                       ",")  # fmt: skip
    assert len(grouped) == 3
    assert read_csv(client.get("/admin/customers/contacts.csv?q=nobody-at-all"), ",") == [
        read_csv(client.get("/admin/customers/contacts.csv"), ",")[0]
    ]  # nothing matches: the header only
    rows = read_xlsx(client.get("/admin/customers/contacts.xlsx?active=1"))
    ann = next(row for row in rows if row[1].value == "Ann")
    assert ann[5].value == "=Boss" and ann[5].data_type == "s"
    assert ann[9].is_date and ann[9].value == datetime(2026, 11, 5, 10, 30)


def test_a_view_own_member_exports_only_their_customers_contacts(client, people, login_as):
    member = make_user(role="sales")
    db.session.add(CustomerAdmin(user_id=member.id, customer_id=people["solo"].id))
    db.session.commit()
    login_as(member)
    rows = read_csv(client.get("/admin/customers/contacts.csv"), ",")
    assert [row[3] for row in rows[1:]] == ["sam@example.com"]
    sheet = read_xlsx(client.get("/admin/customers/contacts.xlsx"))
    assert [row[3].value for row in sheet[1:]] == ["sam@example.com"]


def test_the_customer_export_writes_what_the_import_reads_back(client, people, login_as):
    login_as(make_user(language="fr"))
    rows = read_csv(client.get("/admin/customers/export.csv?sort=company"), ";")
    header = rows[0]
    atelier = dict(zip(header, rows[1], strict=True))
    solo = dict(zip(header, rows[2], strict=True))
    assert atelier["Numéro de TVA"] == "FR40303265045" and atelier["Pays"] == "FR"
    assert strip_formula_guard(atelier["Téléphone"]) == "+33 1 23 45 67 89"
    assert atelier["E-mail"] == "ann@example.com"
    assert atelier["Groupes"] == "Agences; Best" and atelier["Devise"] == "EUR"
    assert atelier["Langue"] == "fr" and atelier["Actif"] == "Oui" and solo["Actif"] == "Non"
    assert atelier["Adresse"] == "1 rue Haute" and atelier["Code postal"] == "69001"
    assert atelier["Adresse de facturation"] == "2 rue Basse"
    assert atelier["Ville de facturation"] == "Lyon" and atelier["Pays de facturation"] == "FR"
    assert atelier["Ville de livraison"] == "Genève" and atelier["Pays de livraison"] == "CH"
    assert solo["Adresse de facturation"] == ""


def test_queries_do_not_grow_with_the_rows(client, people, login_as):
    login_as(make_admin())
    urls = ("/admin/customers/contacts.csv", "/admin/customers/contacts.xlsx",
            "/admin/customers/export.csv")  # fmt: skip
    few = {url: _statements(client, url) for url in urls}
    for n in range(12):
        make_contact(make_customer(company=f"More {n}"), email=f"more{n}@example.com")
    assert {url: _statements(client, url) for url in urls} == few
