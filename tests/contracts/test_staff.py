"""Contracts in the dashboard: the form's rules, signed contracts locked, send, renew, delete."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivityLog, Contact, Contract, ContractType, Currency
from app.services.contracts.signing import sign_contract
from tests.factories import make_contact, make_contract, make_currency, make_customer, make_user

NEW = "/admin/contracts/new"


@pytest.fixture
def staff(client, ctx, login_as):
    make_currency("EUR", is_default=True)
    make_currency("USD", symbol="$", symbol_after=False)
    user = make_user(name="Sam Staff")
    login_as(user)
    return user


def form(customer, **overrides) -> dict:
    data = {
        "customer_id": str(customer.id),
        "subject": "Website maintenance",
        "type_id": "",
        "value": "2400.50",
        "currency_code": "EUR",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        "content": "<p>Hello <strong>you</strong></p><script>alert(1)</script>"
        '<a href="javascript:x">x</a>',
        **overrides,
    }
    return data


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Contract))


def test_create_sanitises_content_and_logs(client, staff):
    customer = make_customer(company="Acme")
    kind = ContractType(name="Maintenance")
    db.session.add(kind)
    db.session.commit()
    page = client.get(f"{NEW}?customer={customer.id}").get_data(as_text=True)
    assert "Acme" in page and '<option selected value="EUR">' in page
    response = client.post_form(NEW, form(customer, type_id=str(kind.id)), token_from=NEW)
    assert response.status_code == 303
    contract = db.session.scalars(select(Contract)).one()
    assert contract.status == "draft" and contract.created_by_id == staff.id
    assert contract.type_id == kind.id and str(contract.value) == "2400.5000"
    assert "<strong>you</strong>" in contract.content
    assert "script" not in contract.content and "javascript" not in contract.content
    actions = db.session.scalars(select(ActivityLog.action)).all()
    assert actions == ["contract.created"]
    activity = client.get(f"/admin/customers/{customer.id}/activity").get_data(as_text=True)
    assert "created a contract" in activity
    detail = client.get(response.headers["Location"])
    assert detail.status_code == 200
    detail = detail.get_data(as_text=True)
    assert "Website maintenance" in detail and "<strong>you</strong>" in detail


def test_new_defaults_to_the_customers_currency(client, staff):
    usd = db.session.scalar(select(Currency).where(Currency.code == "USD"))
    customer = make_customer(currency=usd)
    page = client.get(f"{NEW}?customer={customer.id}").get_data(as_text=True)
    assert '<option selected value="USD">' in page


def test_new_without_customer_asks_for_one(client, staff):
    from app.services.customers.search import reindex_customer

    customer = make_customer(company="Boulangerie Martin")
    reindex_customer(customer)
    db.session.commit()
    assert 'id="q"' in client.get(NEW).get_data(as_text=True)
    body = client.get(f"{NEW}?q=boulang", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert f'href="/admin/contracts/new?customer={customer.id}"' in body


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"subject": ""}, "subject"),
        ({"subject": "a\x07b"}, "subject"),
        ({"end_date": "2026-12-31"}, "end_date"),
        ({"start_date": ""}, "start_date"),
        ({"value": "abc"}, "value"),
        ({"value": "-5"}, "value"),
        ({"value": "NaN"}, "value"),
        ({"value": "1e30"}, "value"),
        ({"start_date": "0001-01-01", "end_date": ""}, "start_date"),
        ({"end_date": "9999-12-31"}, "end_date"),
        ({"start_date": "2027-02-30"}, "start_date"),
        ({"currency_code": "XXX"}, "currency_code"),
        ({"type_id": "999999"}, "type_id"),
        ({"customer_id": "999999"}, "customer_id"),
        ({"customer_id": "abc"}, "customer_id"),
    ],
)
def test_bad_input_is_refused_beside_its_field(client, staff, overrides, field):
    customer = make_customer()
    response = client.post_form(NEW, form(customer, **overrides), token_from=NEW)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page, page
    assert count() == 0


def test_edit_changes_a_draft_and_rearms_the_reminder(client, staff):
    customer = make_customer()
    contract = make_contract(customer, status="sent", reminded_at=None)
    contract.reminded_at = contract.created_at
    db.session.commit()
    url = f"/admin/contracts/{contract.id}/edit"
    assert "Maintenance" in client.get(url).get_data(as_text=True)
    response = client.post_form(url, form(customer, subject="Renamed"), token_from=url)
    assert response.status_code == 303
    db.session.refresh(contract)
    assert contract.subject == "Renamed" and contract.reminded_at is None
    assert contract.status == "draft"  # changed after sending: it goes out again


def test_signed_contract_cannot_be_edited(client, staff):
    customer = make_customer()
    contract = make_contract(customer, status="signed", signed_name="Ann")
    url = f"/admin/contracts/{contract.id}/edit"
    response = client.get(url)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "A signed contract cannot be changed" in page
    response = client.post_form(url, form(customer, subject="Sneaky"), token_from="/admin/")
    assert response.status_code == 303
    db.session.refresh(contract)
    assert contract.subject == "Maintenance"


def test_send_emails_the_primary_contact_in_the_customers_language(client, staff, inbox):
    customer = make_customer(company="Acme", language="fr")
    contact = make_contact(customer, first_name="Lou")
    make_contact(customer, is_primary=False)
    contract = make_contract(customer, status="draft")
    url = f"/admin/contracts/{contract.id}"
    response = client.post_form(f"{url}/send", {}, token_from=url)
    assert response.status_code == 303
    db.session.refresh(contract)
    assert contract.status == "sent"
    message = inbox.only()
    assert message["To"] == contact.email
    assert "\u00a0: contrat «\u00a0" in message["Subject"]
    assert f"/clients/contracts/{contract.id}" in message.get_body(("plain",)).get_content()
    assert "contract.sent" in db.session.scalars(select(ActivityLog.action)).all()


def test_send_without_a_contact_who_may_open_contracts_says_so(client, staff, inbox):
    customer = make_customer()
    make_contact(customer, perm_contracts=False)  # the primary contact, without the permission
    contract = make_contract(customer, status="draft")
    url = f"/admin/contracts/{contract.id}"
    response = client.post_form(f"{url}/send", {}, token_from=url)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Give one the Contracts permission first." in page
    db.session.refresh(contract)
    assert contract.status == "draft" and not inbox.messages
    allowed = make_contact(customer, is_primary=False)
    assert client.post_form(f"{url}/send", {}, token_from=url).status_code == 303
    assert inbox.only()["To"] == allowed.email  # the primary could not open it: the next one


def test_send_refused_once_signed_or_past_its_end(client, staff, inbox):
    customer = make_customer()
    make_contact(customer)
    signed = make_contract(customer, status="signed")
    old = make_contract(customer, status="draft", start_date=date(2020, 1, 1),
                        end_date=date(2020, 12, 31))  # fmt: skip
    for contract in (signed, old):
        url = f"/admin/contracts/{contract.id}"
        client.post_form(f"{url}/send", {}, token_from=url)
    db.session.refresh(old)
    assert old.status == "draft" and not inbox.messages


def test_renew_makes_a_linked_draft_with_new_dates(client, staff):
    customer = make_customer()
    start, end = date.today() - timedelta(days=300), date.today() + timedelta(days=64)
    contract = make_contract(customer, status="signed", start_date=start, end_date=end)
    url = f"/admin/contracts/{contract.id}"
    response = client.post_form(f"{url}/renew", {}, token_from=url)
    assert response.status_code == 303
    copy = db.session.scalar(select(Contract).where(Contract.renewed_from_id == contract.id))
    assert copy.status == "draft" and copy.start_date == end + timedelta(days=1)
    assert copy.end_date == copy.start_date + (end - start)
    assert response.headers["Location"] == f"/admin/contracts/{copy.id}/edit"
    assert "Renewed by" in client.get(url).get_data(as_text=True)


def test_renew_refused_for_a_running_sent_contract(client, staff):
    contract = make_contract(make_customer(), status="sent")
    url = f"/admin/contracts/{contract.id}"
    client.post_form(f"{url}/renew", {}, token_from=url)
    assert count() == 1


def test_delete_only_drafts(client, staff):
    customer = make_customer()
    draft = make_contract(customer, status="draft")
    sent = make_contract(customer, status="sent")
    for contract in (draft, sent):
        url = f"/admin/contracts/{contract.id}"
        client.post_form(f"{url}/delete", {}, token_from=url)
    assert db.session.scalars(select(Contract.id)).all() == [sent.id]


def test_list_filters_by_status_type_and_ending_soon(client, staff):
    customer = make_customer(company="Acme")
    kind = ContractType(name="Hosting")
    db.session.add(kind)
    db.session.commit()
    make_contract(customer, subject="Draft one", status="draft")
    make_contract(customer, subject="Ends soon", end_date=date.today() + timedelta(days=5))
    make_contract(customer, subject="Long gone", start_date=date(2020, 1, 1),
                  end_date=date(2020, 12, 31), type_id=kind.id)  # fmt: skip

    def subjects(query):
        page = client.get(f"/admin/contracts{query}").get_data(as_text=True)
        return {s for s in ("Draft one", "Ends soon", "Long gone") if s in page}

    assert subjects("") == {"Draft one", "Ends soon", "Long gone"}
    assert subjects("?status=expired") == {"Long gone"}
    assert subjects("?status=ending") == {"Ends soon"}
    assert subjects("?status=draft") == {"Draft one"}
    assert subjects(f"?type={kind.id}") == {"Long gone"}
    assert subjects("?status=bogus&type=x") == {"Draft one", "Ends soon", "Long gone"}


def test_customer_tab_lists_its_contracts(client, staff):
    customer = make_customer(company="Acme")
    make_contract(customer, subject="Ours")
    make_contract(make_customer(), subject="Theirs")
    page = client.get(f"/admin/customers/{customer.id}/contracts").get_data(as_text=True)
    assert "Ours" in page and "Theirs" not in page
    assert f"/admin/contracts/new?customer={customer.id}" in page


def test_unknown_contract_is_404(client, staff):
    assert client.get("/admin/contracts/999999").status_code == 404
    assert client.get("/admin/contracts/999999/edit").status_code == 404
    response = client.post_form("/admin/contracts/999999/send", {}, token_from="/admin/")
    assert response.status_code == 404


def test_htmx_gets_the_form_block_or_a_redirect(client, staff):
    customer = make_customer()
    htmx = {"HX-Request": "true"}
    response = client.post_form(NEW, form(customer, subject=""), token_from=NEW, headers=htmx)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<form id="contract-form"') and 'id="subject-error"' in body
    response = client.post_form(NEW, form(customer), token_from=NEW, headers=htmx)
    assert response.status_code == 204
    contract = db.session.scalars(select(Contract)).one()
    assert response.headers["HX-Redirect"] == f"/admin/contracts/{contract.id}"


def test_a_customer_with_sent_contracts_is_kept_drafts_go_with_it(client, staff):
    customer = make_customer(company="Keep Ltd")
    make_contract(customer, status="signed")
    url = f"/admin/customers/{customer.id}/delete"
    response = client.post_form(url, {}, token_from=url, follow_redirects=True)
    assert "sent or signed contracts and cannot be deleted" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Contract.id))) == 1
    other = make_customer(company="Gone Ltd")
    make_contract(other, status="draft")
    url = f"/admin/customers/{other.id}/delete"
    assert client.post_form(url, {}, token_from=url).status_code == 303
    db.session.expire_all()
    assert db.session.scalars(select(Contract.customer_id)).all() == [customer.id]


def test_changing_a_sent_contract_makes_it_a_draft_again(client, staff, inbox):
    customer = make_customer()
    contract = make_contract(customer, status="sent")
    url = f"/admin/contracts/{contract.id}/edit"
    response = client.post_form(url, form(customer, value="9999"), token_from=url)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "It is a draft again: send it again" in page
    db.session.refresh(contract)
    assert contract.status == "draft" and str(contract.value) == "9999.0000"
    actions = db.session.scalars(select(ActivityLog.action)).all()
    assert actions == ["contract.unsent"]
    activity = client.get(f"/admin/customers/{customer.id}/activity").get_data(as_text=True)
    assert "it is a draft again" in activity


def test_saving_a_sent_contract_unchanged_keeps_it_sent(client, staff):
    customer = make_customer()
    contract = make_contract(customer, status="sent", value=Decimal("5"), end_date=None,
                             start_date=date(2027, 1, 1), subject="Same")  # fmt: skip
    url = f"/admin/contracts/{contract.id}/edit"
    same = form(customer, subject="Same", value="5.00", end_date="",
                content=contract.content)  # fmt: skip
    assert client.post_form(url, same, token_from=url).status_code == 303
    db.session.refresh(contract)
    assert contract.status == "sent"


def test_a_sent_contract_stays_with_its_customer(client, staff):
    customer, other = make_customer(), make_customer()
    contract = make_contract(customer, status="sent")
    url = f"/admin/contracts/{contract.id}/edit"
    response = client.post_form(url, form(other, subject="Moved"), token_from=url)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="customer_id-error"' in page and "stays with its customer" in page
    db.session.refresh(contract)
    assert (contract.customer_id, contract.subject, contract.status) == (
        customer.id, "Maintenance", "sent")  # fmt: skip
    draft = make_contract(customer, status="draft")
    url = f"/admin/contracts/{draft.id}/edit"
    assert client.post_form(url, form(other), token_from=url).status_code == 303
    db.session.refresh(draft)
    assert draft.customer_id == other.id


def test_saving_a_contract_signed_meanwhile_is_refused_without_error(app, client, staff):
    customer = make_customer()
    contact = make_contact(customer)
    contract = make_contract(customer)
    url = f"/admin/contracts/{contract.id}/edit"
    assert client.get(url).status_code == 200  # staff open the form of the sent contract
    with app.app_context():  # the contact signs it meanwhile, in another request
        sign_contract(db.session.get(Contract, contract.id), db.session.get(Contact, contact.id),
                      "Ann", None)  # fmt: skip
        db.session.commit()
    response = client.post_form(url, form(customer, subject="Late"), token_from="/admin/")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "A signed contract cannot be changed" in page
    db.session.refresh(contract)
    assert contract.subject == "Maintenance" and contract.status == "signed"


def test_huge_content_is_refused_by_the_form(client, staff):
    customer = make_customer()
    # Measured as sent, not after sanitising (which would leave a few bytes of it).
    huge = "<p>Terms</p><!--" + "x" * 100_000 + "-->"
    response = client.post_form(NEW, form(customer, content=huge), token_from=NEW)
    assert response.status_code == 422
    assert 'id="content-error"' in response.get_data(as_text=True)
    assert count() == 0


def test_renew_only_once(client, staff):
    customer = make_customer()
    contract = make_contract(customer, status="signed", signed_name="Ann")
    url = f"/admin/contracts/{contract.id}"
    assert client.post_form(f"{url}/renew", {}, token_from=url).status_code == 303
    assert count() == 2
    page = client.get(url).get_data(as_text=True)
    assert f'action="{url}/renew"' not in page and "Renewed by" in page
    response = client.post_form(f"{url}/renew", {}, token_from=url)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "already renewed" in page
    assert count() == 2


def test_detail_offers_only_the_allowed_actions(client, staff):
    customer = make_customer()
    draft = make_contract(customer, status="draft")
    signed = make_contract(customer, status="signed", signed_name="Ann")
    page = client.get(f"/admin/contracts/{draft.id}").get_data(as_text=True)
    for action in ("edit", "send", "delete"):
        assert f"/admin/contracts/{draft.id}/{action}" in page, action
    assert f"/admin/contracts/{draft.id}/renew" not in page
    page = client.get(f"/admin/contracts/{signed.id}").get_data(as_text=True)
    for action in ("edit", "send", "delete"):
        assert f"/admin/contracts/{signed.id}/{action}" not in page, action
    assert f"/admin/contracts/{signed.id}/renew" in page


def test_send_refusal_uses_the_glossary_in_french(client, staff):
    staff.language = "fr"
    db.session.commit()
    contract = make_contract(make_customer(), status="draft")  # no contact at all
    url = f"/admin/contracts/{contract.id}"
    response = client.post_form(f"{url}/send", {}, token_from=url)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "dans l&#39;espace client" in page and "l&#39;autorisation Contrats" in page


def test_a_huge_value_is_called_too_large(client, staff):
    response = client.post_form(
        NEW, form(make_customer(), value="99999999999999999999"), token_from=NEW
    )
    assert response.status_code == 422 and "This amount is too large." in response.get_data(
        as_text=True
    )
    assert count() == 0


def test_every_problem_is_shown_at_once(client, staff):
    data = form(make_customer(), subject="", value="-5", end_date="2020-01-01")
    response = client.post_form(NEW, data, token_from=NEW)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert all(f'id="{field}-error"' in page for field in ("subject", "value", "end_date"))
    assert count() == 0
