"""Contracts in the portal: what the contact sees, signing and its rules, the permission."""

import re
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.models import ActivityLog, Contact, Contract
from app.services import ValidationError
from app.services.contracts.signing import check_signable, sign_contract
from tests.factories import (
    make_admin,
    make_contact,
    make_contract,
    make_currency,
    make_customer,
    make_user,
)


@pytest.fixture
def contact(client, ctx, login_as):
    make_currency("EUR", is_default=True)
    person = make_contact(make_customer(company="Acme", language="fr"), first_name="Lou")
    login_as(person)
    return person


def sign(client, contract, name="Lou Martin", agree="y"):
    url = f"/clients/contracts/{contract.id}"
    seen = re.search(r'name="seen"[^>]*value="(\w+)"', client.get(url).get_data(as_text=True))
    data = {"name": name, "agree": agree, "seen": seen.group(1) if seen else ""}
    return client.post_form(f"{url}/sign", data, token_from=url)


def test_signing_needs_the_box_ticked(client, contact):
    contract = make_contract(contact.customer)
    response = sign(client, contract, agree="")
    assert response.status_code == 422
    assert 'id="agree-error"' in response.get_data(as_text=True)
    db.session.refresh(contract)
    assert contract.status == "sent" and contract.signed_name is None


def test_list_shows_sent_and_signed_but_no_drafts(client, contact):
    make_contract(contact.customer, subject="Sent one")
    make_contract(contact.customer, subject="Signed one", status="signed", signed_name="X")
    draft = make_contract(contact.customer, subject="Draft one", status="draft")
    make_contract(make_customer(), subject="Someone else's")
    page = client.get("/clients/contracts").get_data(as_text=True)
    assert "Sent one" in page and "Signed one" in page
    assert "Draft one" not in page and "Someone else" not in page
    assert client.get(f"/clients/contracts/{draft.id}").status_code == 404
    assert client.get(f"/clients/contracts/{draft.id}/pdf").status_code == 404
    assert sign(client, draft).status_code == 404


def test_contact_signs_and_staff_are_told(client, contact, inbox, login_as):
    creator = make_user(email="sam@example.com", language="de")
    make_admin(email="boss@example.com")
    contract = make_contract(contact.customer, created_by_id=creator.id)
    page = client.get(f"/clients/contracts/{contract.id}").get_data(as_text=True)
    assert "We maintain your site." in page and 'name="name"' in page
    response = sign(client, contract, "  Lou Martin ")
    assert response.status_code == 303
    db.session.refresh(contract)
    assert contract.status == "signed" and contract.signed_name == "Lou Martin"
    assert contract.signed_by_contact_id == contact.id and contract.signed_ip == "127.0.0.1"
    assert contract.signed_at is not None
    message = inbox.only()
    assert message["To"] == "sam@example.com" and "Vertrag" in message["Subject"]
    page = client.get(f"/clients/contracts/{contract.id}").get_data(as_text=True)
    assert "Lou Martin" in page and 'name="name"' not in page
    assert "contract.signed" in db.session.scalars(select(ActivityLog.action)).all()
    login_as(creator)  # staff see who signed, when and from where; editing is closed
    page = client.get(f"/admin/contracts/{contract.id}").get_data(as_text=True)
    assert "Lou Martin" in page and "127.0.0.1" in page
    # the account that signed (its email kept left to right)
    assert f'{contact.full_name}</a> &lt;<bdi dir="ltr">{contact.email}</bdi>&gt;' in page
    activity = client.get(f"/admin/customers/{contact.customer_id}/activity").get_data(as_text=True)
    assert f"{contact.full_name} (Kontakt)" in activity  # the staff member reads German
    assert f"/admin/contracts/{contract.id}/edit" not in page


def test_without_a_creator_the_admins_hear_of_the_signature(client, contact, inbox):
    make_admin(email="boss@example.com")
    make_user(email="other@example.com")
    sign(client, make_contract(contact.customer))
    assert [m["To"] for m in inbox.messages] == ["boss@example.com"]


def test_signing_needs_a_name(client, contact):
    contract = make_contract(contact.customer)
    for name in ("", "   ", "a\x07b", "x" * 201):
        response = sign(client, contract, name)
        assert response.status_code == 422, name
        assert 'id="name-error"' in response.get_data(as_text=True)
    db.session.refresh(contract)
    assert contract.status == "sent" and contract.signed_name is None


def test_signing_twice_or_an_expired_contract_is_refused(client, contact, inbox):
    signed = make_contract(contact.customer, status="signed", signed_name="First")
    expired = make_contract(contact.customer, start_date=date(2020, 1, 1),
                            end_date=date.today() - timedelta(days=1))  # fmt: skip
    for contract, message in ((signed, "déjà signé"), (expired, "ne peut plus être signé")):
        response = sign(client, contract, "Second")
        assert response.status_code == 303
        assert message in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.refresh(signed)
    db.session.refresh(expired)
    assert signed.signed_name == "First" and expired.status == "sent"
    assert not inbox.messages
    page = client.get(f"/clients/contracts/{expired.id}").get_data(as_text=True)
    assert 'name="name"' not in page


def test_content_is_sanitised_on_display(client, contact):
    contract = make_contract(contact.customer, content="<p>ok</p><script>alert(1)</script>")
    page = client.get(f"/clients/contracts/{contract.id}").get_data(as_text=True)
    assert "<p>ok</p>" in page and "alert(1)" not in page


def test_without_the_permission_everything_is_403(client, ctx, login_as):
    person = make_contact(make_customer(), perm_contracts=False)
    login_as(person)
    contract = make_contract(person.customer)
    assert client.get("/clients/contracts").status_code == 403
    assert client.get(f"/clients/contracts/{contract.id}").status_code == 403
    assert client.get(f"/clients/contracts/{contract.id}/pdf").status_code == 403
    url = "/clients/profile"
    response = client.post_form(f"/clients/contracts/{contract.id}/sign", {"name": "X"},
                                token_from=url)  # fmt: skip
    assert response.status_code == 403
    assert 'href="/clients/contracts"' not in client.get("/clients/").get_data(as_text=True)


def test_a_second_signature_never_overwrites_the_first(client, contact, inbox):
    contract = make_contract(contact.customer)
    stale = db.session.get(Contract, contract.id)
    assert stale.status == "sent"  # this request read it before the other one signed
    with db.engine.begin() as conn:  # another submission signs first, in its own transaction
        conn.execute(update(Contract).where(Contract.id == contract.id)
                     .values(status="signed", signed_name="First"))  # fmt: skip
    with pytest.raises(ValidationError):
        sign_contract(stale, contact, "Second", "10.0.0.2")
    db.session.rollback()
    db.session.expire_all()
    kept = db.session.get(Contract, contract.id)
    assert (kept.status, kept.signed_name, kept.signed_ip) == ("signed", "First", None)


def test_concurrent_signatures_sign_once(app, client, contact, inbox):
    contract_id = make_contract(contact.customer).id
    contact_id = contact.id
    outcomes = []
    barrier = threading.Barrier(4)

    def worker(name):
        with app.app_context():
            try:
                contract = db.session.get(Contract, contract_id)
                check_signable(contract)
                barrier.wait(5)  # every submission has read 'sent' before any writes
                sign_contract(contract, db.session.get(Contact, contact_id), name, None)
                db.session.commit()
                outcomes.append(name)
            except ValidationError:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(f"Signer {i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    signers = [o for o in outcomes if o != "refused"]
    assert len(outcomes) == 4 and len(signers) == 1, outcomes
    db.session.expire_all()
    assert db.session.get(Contract, contract_id).signed_name == signers[0]
