"""A contact asks in the portal for their data to be erased: one open request however many
clicks, the administrators emailed in their language; an administrator erases (the request is
done, one log line) or refuses with a reason the contact receives; a refusal without a reason is
refused beside the field and nothing is written; Settings → Personal data requests lists them."""

import html

from sqlalchemy import func, select

from app.extensions import db
from app.models import Contact, OutboxMessage, PrivacyRequest
from tests.factories import make_admin, make_customer, make_portal_contact, make_user
from tests.kb.test_kb_votes import _contact_browsers
from tests.sales.test_invoice_actions_at_once import _at_once

ASK = "/clients/profile/erase"
LIST = "/admin/settings/personal-data"


def _count(entity=PrivacyRequest) -> int:
    return db.session.scalar(select(func.count()).select_from(entity))


def _asked(client, login_as):
    contact = make_portal_contact(make_customer(company="Boulangerie Martin"),
                                  first_name="Claire", last_name="Martin")  # fmt: skip
    login_as(contact)
    page = client.get(ASK).get_data(as_text=True)
    assert "Invoices, credit notes and payments are kept" in page
    response = client.post_form(ASK, token_from=ASK)
    assert response.status_code == 303
    assert "Your request is sent" in client.get(response.headers["Location"]).get_data(
        as_text=True)  # fmt: skip
    return contact, db.session.scalar(select(PrivacyRequest))


def test_asking_twice_makes_one_request_and_tells_the_administrators(client, ctx, login_as):
    make_admin(email="ada@firm.example", language="fr")
    make_admin(email="off@firm.example", active=False)
    make_user(email="member@firm.example")  # a team member does not decide
    contact, row = _asked(client, login_as)
    assert (row.kind, row.status, row.asked_by_contact_id) == ("erase", "requested", contact.id)
    client.post_form(ASK, token_from="/clients/profile")
    assert _count() == 1
    page = client.get("/clients/profile").get_data(as_text=True)
    assert "for your data to be erased. We will answer by email." in html.unescape(page)
    emails = db.session.scalars(select(OutboxMessage)).all()
    assert [m.recipient for m in emails] == ["ada@firm.example"]
    assert (
        "effacement" in emails[0].subject and "/admin/settings/personal-data" in emails[0].body_text
    )
    assert "Claire" not in emails[0].body_text  # names nobody: it outlives an erasure


def test_two_clicks_at_once_make_one_request(app, ctx):
    contact = make_portal_contact(make_customer())
    results = _at_once(_contact_browsers(app, contact, 2), [(ASK, {}), (ASK, {})])
    assert sorted(status for _url, status, _page in results) == [303, 303]
    assert _count() == 1


def test_an_administrator_erases_on_request(client, ctx, login_as):
    contact, row = _asked(client, login_as)
    login_as(make_admin(name="Ada Admin"))
    page = client.get(LIST).get_data(as_text=True)
    assert "Claire Martin" in page and "Requested" in page
    url = f"/admin/settings/personal-data/{row.id}/erase"
    assert client.post_form(url, token_from=LIST).status_code == 303
    assert client.post_form(url, token_from=LIST).status_code == 303  # decided already: flashed
    db.session.expire_all()
    assert _count() == 1
    done = db.session.get(PrivacyRequest, row.id)
    assert done.status == "done" and done.decided_by.name == "Ada Admin"
    assert db.session.get(Contact, contact.id).email == f"erased-{contact.id}@invalid"
    page = client.get(LIST).get_data(as_text=True)
    assert f"Erased contact #{contact.id}" in page and "Claire" not in page


def test_a_refusal_needs_a_reason_and_the_contact_receives_it(client, ctx, login_as):
    contact, row = _asked(client, login_as)
    login_as(make_admin())
    url = f"/admin/settings/personal-data/{row.id}/refuse"
    for reason in ("", "   "):
        response = client.post_form(url, {"reason": reason}, token_from=url,
                                    headers={"HX-Request": "true"})  # fmt: skip
        assert response.status_code == 422
        assert "Say why the request is refused." in response.get_data(as_text=True)
    assert db.session.get(PrivacyRequest, row.id).status == "requested"
    before = _count(OutboxMessage)
    reason = "Your unpaid invoice INV-000012 is in court."
    assert client.post_form(url, {"reason": reason}, token_from=url).status_code == 303
    db.session.expire_all()
    refused = db.session.get(PrivacyRequest, row.id)
    assert (refused.status, refused.reason) == ("refused", reason)
    told = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert _count(OutboxMessage) == before + 1
    assert told.recipient == contact.email and reason in told.body_text
    assert db.session.get(Contact, contact.id).active  # nothing erased
    # decided: a second refusal or an erasure of the same request changes nothing
    client.post_form(url, {"reason": "again"}, token_from=LIST)
    client.post_form(f"/admin/settings/personal-data/{row.id}/erase", token_from=LIST)
    db.session.expire_all()
    assert db.session.get(PrivacyRequest, row.id).reason == reason
    assert db.session.get(Contact, contact.id).email == contact.email
    # the contact may ask again
    login_as(db.session.get(Contact, contact.id))
    assert "Ask for my data to be erased" in client.get("/clients/profile").get_data(as_text=True)
