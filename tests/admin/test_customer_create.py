"""New customer: every section, validation beside fields, nothing half-written, the link."""

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivityLog, Contact, Customer, CustomerGroup
from tests.factories import make_contact, make_currency, make_customer, make_group, make_user
from tests.factories import new_customer_form as form_data

URL = "/admin/customers/new"


@pytest.fixture
def staff(client, ctx, login_as):
    user = make_user(name="Sam Sales")
    login_as(user)
    return user


def post(client, data, **kwargs):
    return client.post_form(URL, data, token_from=URL, **kwargs)


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_new_customer_with_every_section(client, staff, inbox):
    eur, usd = make_currency("EUR", is_default=True), make_currency("USD", symbol="$")
    vip = make_group(name="VIP")
    response = post(
        client, form_data(currency=str(usd.id), groups=[str(vip.id)], new_group="Bakeries")
    )
    assert response.status_code == 303
    customer = db.session.scalars(select(Customer)).one()
    assert response.headers["Location"] == f"/admin/customers/{customer.id}"
    assert customer.company == "Boulangerie Martin SARL"
    assert customer.vat_number == "FR40303265045"
    assert customer.phone == "+33142685300"
    assert customer.website == "https://boulangerie-martin.example.com"
    assert customer.currency_id == usd.id and customer.language == "fr"
    assert sorted(g.name for g in customer.groups) == ["Bakeries", "VIP"]
    assert (customer.billing_city, customer.shipping_city) == ("Paris", "Lyon")
    assert customer.created_by_id == staff.id
    contact = customer.contacts[0]
    assert contact.is_primary and contact.email == "claire.martin@example.com"
    assert contact.phone == "+33612345678"
    assert contact.perm_invoices and not contact.perm_support  # support switched off
    assert contact.password_hash is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Customer Boulangerie Martin SARL created." in page
    assert "Français" in page  # the customer's language is shown on its page
    # The contact was emailed a link to choose a password, in the customer's language.
    message = inbox.only()
    assert message["To"] == "claire.martin@example.com"
    assert "mot de passe" in message["Subject"]
    assert (
        "https://crm.example.com/clients/set-password/"
        in message.get_body(("plain",)).get_content()
    )
    assert eur.is_default


def test_new_customer_with_a_password_sends_no_link(client, staff, inbox):
    response = post(
        client, form_data(password_choice="password", contact_password="a long enough secret")
    )
    assert response.status_code == 303
    contact = db.session.scalars(select(Contact)).one()
    assert contact.password_hash and contact.password_hash.startswith("scrypt:")
    assert inbox.messages == []


def test_customer_without_contact_is_allowed(client, staff):
    data = form_data(
        contact_first_name="",
        contact_last_name="",
        contact_email="",
        contact_phone="",
        contact_position="",
    )
    assert post(client, data).status_code == 303
    assert count(Customer) == 1 and count(Contact) == 0


def test_permissions_are_all_on_by_default(client, staff):
    page = client.get(URL).get_data(as_text=True)
    for module in ["invoices", "estimates", "contracts", "proposals", "support", "projects"]:
        tag = re.search(rf'<input[^>]*id="perm_{module}"[^>]*>', page).group(0)
        assert " checked " in tag, module


def test_invalid_form_shows_every_error_and_saves_nothing(client, staff, inbox):
    data = form_data(
        company="",
        vat_number="FR40303265046",
        phone="12",
        website="javascript:x",
        contact_email="not-an-email",
        new_group="Never created",
    )
    response = post(client, data)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    for field in ["company", "vat_number", "phone", "website", "contact_email"]:
        assert f'id="{field}-error"' in body, field
    assert "This VAT number is not valid for the chosen country." in body
    assert 'data-open-section="details"' in body
    assert count(Customer) == 0 and count(Contact) == 0 and count(CustomerGroup) == 0
    assert count(ActivityLog) == 0 and inbox.messages == []


def test_first_error_opens_its_section(client, staff):
    response = post(client, form_data(shipping_country="XX"))
    assert response.status_code == 422
    assert 'data-open-section="billing"' in response.get_data(as_text=True)


def test_htmx_submit_gets_the_form_block_or_a_redirect(client, staff):
    bad = post(client, form_data(company=""), headers={"HX-Request": "true"})
    assert bad.status_code == 422
    body = bad.get_data(as_text=True)
    assert body.lstrip().startswith("<form") and "<html" not in body
    good = post(client, form_data(), headers={"HX-Request": "true"})
    assert good.status_code == 204
    assert good.headers["HX-Redirect"].startswith("/admin/customers/")


def test_a_field_checks_itself_without_writing(client, staff):
    data = form_data(vat_number="DE123", country="DE", new_group="Not yet", _validate="vat_number")
    response = post(client, data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div class="field') and 'id="field-vat_number"' in body
    assert "This VAT number is not valid" in body
    assert count(Customer) == 0 and count(CustomerGroup) == 0
    ok = post(client, form_data(_validate="vat_number"), headers={"HX-Request": "true"})
    assert "vat_number-error" not in ok.get_data(as_text=True)


def test_unknown_field_check_is_refused(client, staff):
    assert post(client, form_data(_validate="is_admin")).status_code == 400


@pytest.mark.parametrize(
    "vat,country",
    [
        ("FR40303265045", "FR"),
        ("40303265045", "FR"),
        ("DE136695976", "DE"),
        ("136695976", "DE"),
        ("BE 0403.170.701", "BE"),
        ("EL094259216", "GR"),
    ],
)
def test_eu_vat_numbers_with_or_without_prefix(client, staff, vat, country):
    response = post(client, form_data(vat_number=vat, country=country, phone="", contact_phone=""))
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]


def test_likely_duplicates_warn_with_a_link_but_do_not_block(client, staff):
    other = make_customer(
        company="Boulangerie Martin", company_key="boulangerie martin", vat_number="FR40303265045"
    )
    check = post(
        client,
        form_data(company="BOULANGERIE MARTIN S.A.R.L.", _validate="company"),
        headers={"HX-Request": "true"},
    )
    body = check.get_data(as_text=True)
    assert "A customer with a similar name exists." in body
    assert f'href="/admin/customers/{other.id}"' in body
    vat = post(client, form_data(_validate="vat_number"), headers={"HX-Request": "true"})
    assert "Another customer has this VAT number." in vat.get_data(as_text=True)
    assert post(client, form_data()).status_code == 303
    assert count(Customer) == 2


def test_contact_email_already_used_blocks_with_a_link(client, staff):
    existing = make_contact(email="claire.martin@example.com")
    response = post(client, form_data(contact_email="CLAIRE.MARTIN@example.com"))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "This email is already used by a contact of" in body
    assert f'href="/admin/customers/{existing.customer_id}"' in body
    assert count(Customer) == 1


def test_short_password_is_refused_beside_its_field(client, staff):
    response = post(client, form_data(password_choice="password", contact_password="short"))
    assert response.status_code == 422
    assert 'id="contact_password-error"' in response.get_data(as_text=True)
    assert count(Customer) == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"company": "x" * 201},
        {"city": "y" * 101},
        {"currency": "999999"},
        {"currency": "EUR"},
        {"language": "xx"},
        {"groups": ["424242"]},
        {"groups": ["abc"]},
        {"country": "ZZ"},
        {"password_choice": "plaintext"},
    ],
)
def test_bad_input_is_refused_without_a_500(client, staff, overrides):
    response = post(client, form_data(**overrides))
    assert response.status_code == 422
    assert count(Customer) == 0


def test_extra_fields_are_ignored(client, staff):
    make_customer(company="Existing")
    response = post(client, form_data(id="1", version="7", created_by_id="99", active="n"))
    assert response.status_code == 303
    new = db.session.scalars(select(Customer).where(Customer.company != "Existing")).one()
    assert new.id != 1 and new.version == 1 and new.active and new.created_by_id == staff.id


def test_html_in_fields_is_shown_escaped(client, staff):
    script = '<script>alert("x")</script>'
    response = post(
        client, form_data(company=script + " Ltd", city=script, contact_first_name="<b>Bo</b>")
    )
    assert response.status_code == 303
    customer_id = db.session.scalar(select(Customer.id))
    for url in [
        "/admin/customers",
        f"/admin/customers/{customer_id}",
        f"/admin/customers/{customer_id}/contacts",
        f"/admin/customers/{customer_id}/activity",
    ]:
        body = client.get(url).get_data(as_text=True)
        assert script not in body and "<b>Bo</b>" not in body, url
        assert "&lt;script&gt;" in body, url
