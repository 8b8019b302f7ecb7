"""Custom fields on contracts: on the staff form (refused beside the field with nothing
written), on its page, on its PDF (*Show on PDFs*, in the PDF's language) and on its portal page
(*Show in the client portal*)."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Contract, CustomFieldValue
from tests.contracts.test_staff import form
from tests.factories import (
    make_admin,
    make_contact,
    make_contract,
    make_currency,
    make_custom_field,
    make_customer,
)
from tests.sales.test_pdf import pdf_text

NEW = "/admin/contracts/new"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_contract_form_saves_its_fields(client, ctx, login_as):
    make_currency("EUR", is_default=True)
    login_as(make_admin())
    choices = [("gold", "Gold"), ("basic", "Basic")]
    make_custom_field("sla", "choice", entity="contract", required=True, choices=choices,
                      labels={"en": "SLA"})  # fmt: skip
    customer = make_customer()
    url = f"{NEW}?customer={customer.id}"
    assert "SLA" in client.get(url).get_data(as_text=True)
    hx = {"HX-Request": "true"}
    for bad in ("", "platinum"):
        response = client.post_form(NEW, form(customer, cf_sla=bad), token_from=url, headers=hx)
        assert response.status_code == 422
        assert 'id="cf_sla-error"' in response.get_data(as_text=True)
    # A form the browser's values failed too shows both problems at once.
    response = client.post_form(NEW, form(customer, subject="", cf_sla=""), token_from=url,
                                headers=hx)  # fmt: skip
    page = response.get_data(as_text=True)
    assert 'id="cf_sla-error"' in page and 'id="subject-error"' in page
    assert count(Contract) == 0 and count(CustomFieldValue) == 0
    response = client.post_form(NEW, form(customer, cf_sla="gold"), token_from=url)
    assert response.status_code == 303
    contract = db.session.scalars(select(Contract)).one()
    assert "<dt>SLA</dt><dd>Gold</dd>" in client.get(f"/admin/contracts/{contract.id}").text
    edit = f"/admin/contracts/{contract.id}/edit"
    assert '<option selected value="gold">' in client.get(edit).text
    assert (
        client.post_form(edit, form(customer, cf_sla="basic"), token_from=edit).status_code == 303
    )
    assert "<dt>SLA</dt><dd>Basic</dd>" in client.get(f"/admin/contracts/{contract.id}").text


def test_the_pdf_and_the_portal_show_the_fields_marked_for_them(client, ctx, login_as):
    make_currency("EUR", is_default=True)
    pdf = make_custom_field("site", "text", entity="contract", on_pdf=True,
                            labels={"en": "Site", "fr": "Chantier"})  # fmt: skip
    portal = make_custom_field("desk", "text", entity="contract", in_portal=True,
                               labels={"en": "Help desk", "fr": "Assistance"})  # fmt: skip
    contact = make_contact(make_customer(language="fr"))
    contract = make_contract(contact.customer, status="sent", subject="Entretien")
    for field, text in ((pdf, "Lyon"), (portal, "+33 1 23")):
        db.session.add(CustomFieldValue(entity_type="contract", record_id=contract.id,
                                        field_id=field.id, value_text=text))  # fmt: skip
    db.session.commit()
    login_as(contact)
    text = pdf_text(client.get(f"/clients/contracts/{contract.id}/pdf").data)
    assert "Chantier" in text and "Lyon" in text and "+33 1 23" not in text
    page = client.get(f"/clients/contracts/{contract.id}").text
    assert "<dt>Assistance</dt><dd>+33 1 23</dd>" in page and "Lyon" not in page


def test_the_contract_list_filters_and_shows_a_number_range(client, ctx, login_as):
    make_currency("EUR", is_default=True)
    login_as(make_admin(language="fr"))
    seats = make_custom_field("seats", "number", entity="contract", labels={"en": "Seats"})
    customer = make_customer()
    for subject, number in (("Alpha", "12.5"), ("Beta", "1500")):
        contract = make_contract(customer, subject=subject)
        db.session.add(CustomFieldValue(entity_type="contract", record_id=contract.id,
                                        field_id=seats.id, value_number=number))  # fmt: skip
    db.session.commit()

    def listed(**params):
        page = client.get("/admin/contracts", query_string=params).text
        return sorted(s for s in ("Alpha", "Beta") if f">{s}</a>" in page), page

    assert listed(cf_seats_min="100")[0] == ["Beta"]
    assert listed(cf_seats_max="12,5")[0] == ["Alpha"]  # French decimal comma
    assert listed(cf_seats_max="abc")[0] == ["Alpha", "Beta"]
    assert '<td data-label="Seats">1\u202f500</td>' in listed(col="seats")[1]


def test_a_renewal_keeps_the_contracts_values(client, ctx, login_as):
    make_currency("EUR", is_default=True)
    login_as(make_admin())
    site = make_custom_field("site", "text", entity="contract", labels={"en": "Site"})
    contract = make_contract(make_customer(), status="signed", subject="Entretien")
    db.session.add(CustomFieldValue(entity_type="contract", record_id=contract.id,
                                    field_id=site.id, value_text="Lyon"))  # fmt: skip
    db.session.commit()
    url = f"/admin/contracts/{contract.id}"
    assert client.post_form(f"{url}/renew", {}, token_from=url).status_code == 303
    renewal = db.session.scalars(select(Contract).where(Contract.id != contract.id)).one()
    assert "<dt>Site</dt><dd>Lyon</dd>" in client.get(f"/admin/contracts/{renewal.id}").text
