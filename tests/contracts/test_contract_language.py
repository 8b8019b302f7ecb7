"""A contract has no language of its own: its PDFs and its sending email take its customer's
(here French, with Spanish as the system default), and follow the customer when it changes."""

from app.extensions import db
from app.services.contracts.pdf import contract_pdf
from app.services.settings import save_settings
from tests.factories import make_admin, make_contact, make_contract, make_customer
from tests.sales.test_pdf import pdf_text


def test_contract_pdfs_speak_the_customers_language(ctx):
    save_settings({"default_language": "es", "pdf_in_client_language": False})
    contract = make_contract(make_customer(language="fr"), subject="Entretien")
    assert "Contrato: Entretien" in pdf_text(contract_pdf(contract))  # staff, No: system default
    assert "Contrat : Entretien" in pdf_text(contract_pdf(contract, from_portal=True))
    save_settings({"pdf_in_client_language": True})
    contract.customer.language = "de"
    db.session.commit()
    assert "Vertrag: Entretien" in pdf_text(contract_pdf(contract))  # staff, Yes: the customer's
    assert "Vertrag: Entretien" in pdf_text(contract_pdf(contract, from_portal=True))


def test_the_sending_email_speaks_the_customers_language(client, ctx, login_as, inbox):
    save_settings({"default_language": "es", "company_name": "Atelier"})
    customer = make_customer(language="de")
    make_contact(customer, email="einkauf@example.com")
    contract = make_contract(customer, subject="Wartung", status="draft")
    login_as(make_admin(language="fr"))
    client.post_form(f"/admin/contracts/{contract.id}/send", {}, token_from="/admin/")
    assert inbox.only()["Subject"] == "Vertrag „Wartung“ von Atelier"
