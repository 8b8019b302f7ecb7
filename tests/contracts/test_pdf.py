"""Contract PDFs: real files read back as text, and the invoices' language rule."""

from app.extensions import db
from app.services.contracts.pdf import contract_filename, contract_pdf
from app.services.settings import save_settings
from tests.factories import make_contact, make_contract, make_customer, make_user
from tests.sales.test_pdf import Recorder, pdf_text, spy_server  # noqa: F401 (a fixture)


def test_staff_download_the_pdf(client, ctx, login_as):
    login_as(make_user())
    save_settings({"company_name": "Atelier Comptoir"})
    db.session.commit()
    contract = make_contract(make_customer(company="Boulangerie Martin"), subject="Site care",
                             content="<h2>Scope</h2><ul><li>Updates</li></ul>",
                             status="signed", signed_name="Lou Martin")  # fmt: skip
    response = client.get(f"/admin/contracts/{contract.id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert (
        f'filename="contract-{contract.id}-site-care.pdf"'
        in response.headers["Content-Disposition"]
    )
    text = pdf_text(response.data)
    for expected in ("Atelier Comptoir", "Contract: Site care", "Boulangerie Martin", "Scope",
                     "Updates", "Lou Martin"):  # fmt: skip
        assert expected in text, expected


def test_language_rule_three_ways(ctx):
    contract = make_contract(make_customer(language="fr"), subject="Entretien")
    save_settings({"default_language": "de", "pdf_in_client_language": False})
    db.session.commit()
    assert "Vertrag: Entretien" in pdf_text(contract_pdf(contract))  # admin: system default
    save_settings({"pdf_in_client_language": True})
    db.session.commit()
    assert "Contrat : Entretien" in pdf_text(contract_pdf(contract))  # admin, setting Yes
    save_settings({"pdf_in_client_language": False})
    db.session.commit()
    assert "Contrat : Entretien" in pdf_text(contract_pdf(contract, from_portal=True))


def test_portal_pdf_is_in_the_customers_language(client, ctx, login_as):
    contact = make_contact(make_customer(language="fr"))
    login_as(contact)
    contract = make_contract(contact.customer, subject="Entretien")
    response = client.get(f"/clients/contracts/{contract.id}/pdf")
    assert response.status_code == 200
    assert "Contrat : Entretien" in pdf_text(response.data)


def test_filename_is_safe(ctx):
    class Fake:
        id = 7
        subject = '../../etc/"passwd"\r\n'

    assert contract_filename(Fake, language="en") == "contract-7-etc-passwd.pdf"


def test_contract_text_cannot_make_the_pdf_fetch_anything(ctx, spy_server):  # noqa: F811
    evil = (
        f'<p>from-content</p><img src="{spy_server}/img"><link rel="stylesheet" '
        f'href="{spy_server}/css"><style>@import "{spy_server}/import";</style>'
        f'<a href="{spy_server}/link">a link</a>'
    )
    customer = make_customer(company=f'<img src="{spy_server}/company">')
    contract = make_contract(customer, subject=f'<img src="{spy_server}/subject">', content=evil)
    text = pdf_text(contract_pdf(contract))
    assert "from-content" in text and "a link" in text
    assert Recorder.hits == []


def test_the_file_name_is_in_the_pdfs_language(client, ctx, login_as):
    contact = make_contact(make_customer(language="de"))
    login_as(contact)
    contract = make_contract(contact.customer, subject="Wartung & Pflege")
    response = client.get(f"/clients/contracts/{contract.id}/pdf")
    assert (
        f'filename="vertrag-{contract.id}-wartung-pflege.pdf"'
        in (response.headers["Content-Disposition"])
    )
    with_accents = make_contract(make_customer(language="es"), subject="Mantenimiento")
    assert contract_filename(with_accents, from_portal=True) == (
        f"contrato-{with_accents.id}-mantenimiento.pdf"
    )
    save_settings({"default_language": "fr", "pdf_in_client_language": False})
    db.session.commit()
    assert contract_filename(contract) == f"contrat-{contract.id}-wartung-pflege.pdf"


def test_a_signed_contract_keeps_the_names_it_was_signed_with(ctx):
    from app.models import ContractType
    from app.services.contracts.signing import sign_contract

    kind = ContractType(name="Hosting")
    db.session.add(kind)
    customer = make_customer(company="Old Name Ltd")
    contact = make_contact(customer)
    contract = make_contract(customer, subject="Site care", type_id=kind.id)
    sign_contract(contract, contact, "Lou Martin", None)
    customer.company, kind.name = "New Name Ltd", "Cloud"
    db.session.commit()
    text = pdf_text(contract_pdf(contract))
    assert "Old Name Ltd" in text and "Hosting" in text
    assert "New Name Ltd" not in text and "Cloud" not in text
    draft = make_contract(customer, status="draft", type_id=kind.id)
    text = pdf_text(contract_pdf(draft))
    assert "New Name Ltd" in text and "Cloud" in text


def test_the_signed_contracts_pages_keep_those_names_too(client, ctx, login_as):
    from app.models import ContractType
    from app.services.contracts.signing import sign_contract
    from tests.factories import make_admin

    kind = ContractType(name="Hosting")
    db.session.add(kind)
    customer = make_customer(company="Old Name Ltd")
    contact = make_contact(customer)
    contract = make_contract(customer, subject="Site care", type_id=kind.id)
    sign_contract(contract, contact, "Lou Martin", None)
    customer.company, kind.name = "New Name Ltd", "Cloud"
    db.session.commit()
    login_as(make_admin())
    page = client.get(f"/admin/contracts/{contract.id}").get_data(as_text=True)
    assert "Old Name Ltd" in page and "Hosting" in page and "Cloud" not in page
    login_as(contact)
    page = client.get(f"/clients/contracts/{contract.id}").get_data(as_text=True)
    assert "Hosting" in page and "Cloud" not in page
