"""A contract is signed against the text the contact read: a change since then refuses it."""

import re

import pytest

from app.extensions import db
from app.models import Contract
from app.services.contracts.service import ContractInput, mark_sent, save_contract
from tests.factories import make_contact, make_contract, make_currency, make_customer, make_user


@pytest.fixture
def contact(client, ctx, login_as):
    make_currency("EUR", is_default=True)
    person = make_contact(make_customer(company="Acme"), first_name="Lou")
    login_as(person)
    return person


def sign_form(client, contract) -> dict:
    """The sign form as the contract's page gives it, filled in."""
    page = client.get(f"/clients/contracts/{contract.id}").get_data(as_text=True)
    seen = re.search(r'name="seen"[^>]*value="(\w+)"', page).group(1)
    return {"name": "Lou Martin", "agree": "y", "seen": seen}


def staff_change_and_resend(contract, content):
    """Staff edit the text of a sent contract (it goes back to draft) and send it again."""
    user = make_user()
    save_contract(contract, ContractInput(
        customer_id=contract.customer_id, subject=contract.subject, type_id=None,
        value=contract.value, currency_code="EUR", start_date=contract.start_date,
        end_date=contract.end_date, content=content), user)  # fmt: skip
    mark_sent(contract, user)
    db.session.commit()


def test_a_contract_changed_since_the_page_was_read_is_not_signed(client, contact):
    contract = make_contract(contact.customer, content="<p>We maintain your site.</p>")
    url = f"/clients/contracts/{contract.id}"
    stale = sign_form(client, contract)
    staff_change_and_resend(contract, "<p>We maintain your site. Fees double in May.</p>")
    assert contract.status == "sent"

    response = client.post_form(f"{url}/sign", stale, token_from=url, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "was changed while you were reading it" in page
    assert "Fees double in May" in page  # the page now shows the text to be signed
    db.session.expire_all()
    kept = db.session.get(Contract, contract.id)
    assert kept.status == "sent" and kept.signed_name is None and kept.signed_at is None

    response = client.post_form(f"{url}/sign", sign_form(client, contract), token_from=url)
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).signed_name == "Lou Martin"


def test_a_sign_form_without_the_fingerprint_is_refused(client, contact):
    contract = make_contract(contact.customer)
    url = f"/clients/contracts/{contract.id}"
    form = {**sign_form(client, contract), "seen": ""}
    client.post_form(f"{url}/sign", form, token_from=url)
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).status == "sent"
