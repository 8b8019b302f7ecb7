"""A "view own" member who creates a customer is assigned to it (and can open it); they create
documents, contracts, projects and tickets only for customers they may see; a look-alike or a
taken email of a customer outside their list is never named."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Contract, Customer, Document, Project
from tests.factories import (
    document_form,
    make_admin,
    make_contact,
    make_currency,
    make_customer,
    make_document,
    make_user,
    new_customer_form,
)

HX = {"HX-Request": "true"}
TAKEN = {
    "en": "This email is already used by another contact.",
    "fr": "Cet e-mail est déjà utilisé par un autre contact.",
    "de": "Diese E-Mail-Adresse wird bereits von einem anderen Kontakt verwendet.",
    "es": "Este correo electrónico ya lo usa otro contacto.",
}


@pytest.fixture
def setup(ctx):
    """A Sales member assigned to Alpha; Bravo (VAT number, a contact) is not theirs."""
    eur = make_currency("EUR", is_default=True)
    member = make_user(role="sales", name="Sally Sales")
    alpha = make_customer(company="Alpha Bakery", admins=[member])
    bravo = make_customer(company="Bravo Garage", vat_number="FR40303265045")
    make_contact(bravo, email="taken@bravo.example.com")
    return member, alpha, bravo, eur


def _count(entity) -> int:
    return db.session.scalar(select(func.count()).select_from(entity))


def _admins_of(company: str) -> list[int]:
    customer = db.session.scalar(select(Customer).where(Customer.company == company))
    return [link.user_id for link in customer.admin_links]


def test_a_member_who_creates_a_customer_is_assigned_to_it(client, setup, login_as):
    member, _alpha, _bravo, _eur = setup
    login_as(member)
    response = client.post_form("/admin/customers/new", new_customer_form(),
                                token_from="/admin/customers/new")  # fmt: skip
    assert response.status_code == 303, response.get_data(as_text=True)
    db.session.expire_all()
    assert _admins_of("Boulangerie Martin SARL") == [member.id]
    customer_url = response.headers["Location"]
    assert client.get(customer_url).status_code == 200
    activity = client.get(customer_url + "/activity").get_data(as_text=True)
    assert "created the customer" in activity and "Customer admins" in activity
    assert "Sally Sales" in activity.split("Customer admins", 1)[1]


def test_quick_create_assigns_the_member_too(client, setup, login_as):
    member, *_ = setup
    login_as(member)
    data = {"company": "Chez Paul", "contact_first_name": "Paul", "contact_last_name": "Roux",
            "contact_email": "paul@chez.example.com"}  # fmt: skip
    response = client.post_form("/admin/customers/quick", data, token_from="/admin/", headers=HX)
    assert response.status_code == 204
    db.session.expire_all()
    assert _admins_of("Chez Paul") == [member.id]
    assert "Chez Paul" in client.get("/admin/customers").get_data(as_text=True)


def test_someone_who_sees_every_customer_is_not_assigned(client, setup, login_as):
    login_as(make_admin())
    response = client.post_form("/admin/customers/new", new_customer_form(),
                                token_from="/admin/customers/new")  # fmt: skip
    assert response.status_code == 303
    db.session.expire_all()
    assert _admins_of("Boulangerie Martin SARL") == []


def test_a_document_is_made_only_for_a_customer_they_may_see(client, setup, login_as):
    member, alpha, bravo, eur = setup
    login_as(member)
    refused = client.post_form("/admin/invoices/new", document_form(bravo, eur),
                               token_from="/admin/")  # fmt: skip
    assert refused.status_code == 422 and "Choose a customer." in refused.get_data(as_text=True)
    assert "Bravo" not in refused.get_data(as_text=True)
    assert _count(Document) == 0
    made = client.post_form("/admin/estimates/new", document_form(alpha, eur),
                            token_from="/admin/")  # fmt: skip
    assert made.status_code == 303 and _count(Document) == 1
    assert client.get(made.headers["Location"]).status_code == 200
    draft = make_document(alpha)  # moving a draft to someone else's customer: refused too
    moved = client.post_form(f"/admin/invoices/{draft.id}/edit", document_form(bravo, eur),
                             token_from="/admin/")  # fmt: skip
    assert moved.status_code == 422
    db.session.expire_all()
    assert db.session.get(Document, draft.id).customer_id == alpha.id


def test_a_contract_is_made_only_for_a_customer_they_may_see(client, setup, login_as):
    member, alpha, bravo, _eur = setup
    login_as(member)
    form = {"subject": "Upkeep", "value": "100", "currency_code": "EUR", "content": "<p>Hi</p>",
            "start_date": "2027-01-01", "end_date": "2027-12-31"}  # fmt: skip
    refused = client.post_form("/admin/contracts/new", {**form, "customer_id": str(bravo.id)},
                               token_from="/admin/")  # fmt: skip
    assert refused.status_code == 422 and "Choose a customer." in refused.get_data(as_text=True)
    assert _count(Contract) == 0
    made = client.post_form("/admin/contracts/new", {**form, "customer_id": str(alpha.id)},
                            token_from="/admin/")  # fmt: skip
    assert made.status_code == 303 and _count(Contract) == 1


def test_tickets_and_projects_only_for_a_customer_they_may_see(client, setup, login_as):
    _member, _alpha, bravo, _eur = setup
    maker = make_user(role={("customers", "view_own"), ("projects", "view_own"),
                            ("projects", "create"), ("support", "create")})  # fmt: skip
    login_as(maker)
    assert client.get(f"/admin/customers/{bravo.id}/tickets/new").status_code == 404
    project = {"name": "Shop", "status": "in_progress", "customer": str(bravo.id)}
    refused = client.post_form("/admin/projects/new", project, token_from="/admin/")
    assert refused.status_code == 422 and _count(Project) == 0


def test_the_creator_of_a_project_keeps_seeing_it(client, setup, login_as):
    _member, _alpha, bravo, _eur = setup
    role = {("customers", "view_all"), ("projects", "view_own"), ("projects", "create")}
    maker, colleague = make_user(role=role), make_user(role=role)
    login_as(maker)
    project = {"name": "Garage site", "status": "in_progress", "customer": str(bravo.id)}
    made = client.post_form("/admin/projects/new", project, token_from="/admin/")
    assert made.status_code == 303  # Bravo is not theirs, but they may see every customer
    assert client.get(made.headers["Location"]).status_code == 200
    assert "Garage site" in client.get("/admin/projects").get_data(as_text=True)
    login_as(colleague)
    assert client.get(made.headers["Location"]).status_code == 404
    assert "Garage site" not in client.get("/admin/projects").get_data(as_text=True)


def test_quick_create_never_names_a_look_alike_they_may_not_open(client, setup, login_as):
    member, _alpha, bravo, _eur = setup
    login_as(member)
    data = {"company": "Bravo garage", "contact_first_name": "Léa", "contact_last_name": "Roux",
            "contact_email": "lea@other.example.com"}  # fmt: skip
    response = client.post_form("/admin/customers/quick", data, token_from="/admin/", headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 204  # nothing told: made at once, and theirs
    assert "Bravo Garage" not in body and f"/admin/customers/{bravo.id}" not in body
    assert _count(Customer) == 3


def test_the_vat_check_never_links_a_customer_they_may_not_open(client, setup, login_as):
    member, _alpha, bravo, _eur = setup
    data = {**new_customer_form(), "_validate": "vat_number"}
    login_as(member)
    body = client.post_form("/admin/customers/new", data, token_from="/admin/customers/new",
                            headers=HX).get_data(as_text=True)  # fmt: skip
    assert "Another customer has this VAT number." not in body and "Bravo" not in body
    login_as(make_admin())
    body = client.post_form("/admin/customers/new", data, token_from="/admin/customers/new",
                            headers=HX).get_data(as_text=True)  # fmt: skip
    assert "Another customer has this VAT number." in body
    assert f'href="/admin/customers/{bravo.id}"' in body


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_an_email_taken_outside_their_list_is_refused_without_naming_the_customer(
    client, ctx, setup, login_as, language
):
    member, *_ = setup
    member.language = language
    db.session.commit()
    login_as(member)
    form = new_customer_form(contact_email="taken@bravo.example.com", vat_number="")
    response = client.post_form("/admin/customers/new", form, token_from="/admin/customers/new")
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and TAKEN[language] in body and "Bravo" not in body
    assert _count(Customer) == 2
    login_as(make_admin(language=language))
    body = client.post_form("/admin/customers/new", form, token_from="/admin/customers/new")
    assert "Bravo Garage" in body.get_data(as_text=True)  # who may open it is told whose
