"""A signature records the terms the contact read, the customer's company name included, even
when staff save a change at the very moment the contact signs."""

import pytest
from sqlalchemy import event, text, update
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import Contract, Customer
from app.services import ValidationError
from app.services.contracts.signing import content_fingerprint, sign_contract
from tests.contracts.test_sign_what_was_read import contact, sign_form  # noqa: F401 - fixture
from tests.factories import make_contract

CHANGED = "was changed while you were reading it"
EDITS = {
    "content": lambda c: update(Contract).where(Contract.id == c.id).values(content="<p>Paid</p>"),
    "company": lambda c: (
        update(Customer).where(Customer.id == c.customer_id).values(company="Acme Holdings")
    ),
}


def committed_elsewhere(statement) -> str:
    """Run `statement` as another request would (its own connection and transaction); on
    PostgreSQL give up after a moment if a row it needs is locked."""
    try:
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL lock_timeout = '300ms'"))
            conn.execute(statement)
        return "saved"
    except OperationalError:
        return "waited for the signature"


def test_renaming_the_customer_since_the_page_refuses(client, contact):  # noqa: F811
    contract = make_contract(contact.customer)
    url = f"/clients/contracts/{contract.id}"
    stale = sign_form(client, contract)
    committed_elsewhere(EDITS["company"](contract))

    response = client.post_form(f"{url}/sign", stale, token_from=url, follow_redirects=True)
    assert CHANGED in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).status == "sent"


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_saved_while_signing_is_never_signed_unseen(app, contact, edit):  # noqa: F811
    """The edit lands after the fingerprint was compared, just before the signing UPDATE."""
    contract = make_contract(contact.customer)
    seen = content_fingerprint(contract)
    outcome = []

    def edit_first(conn, cursor, statement, *args):
        if statement.startswith("UPDATE contracts SET status") and not outcome:
            outcome.append(committed_elsewhere(EDITS[edit](contract)))

    event.listen(db.engine, "before_cursor_execute", edit_first)
    try:
        sign_contract(contract, contact, "Lou Martin", None, seen)
        db.session.commit()
        signed = True
    except ValidationError as refusal:
        assert CHANGED in str(refusal)
        db.session.rollback()
        signed = False
    finally:
        event.remove(db.engine, "before_cursor_execute", edit_first)
    db.session.expire_all()
    kept = db.session.get(Contract, contract.id)
    if outcome == ["saved"]:  # SQLite: the edit is in, so the signature is refused
        assert not signed and kept.status == "sent"
    else:  # PostgreSQL: the rows are locked, so the edit waits for the signature it follows
        assert outcome == ["waited for the signature"] and signed
        assert (kept.status, kept.signed_company) == ("signed", "Acme")


# Parallel signatures still record one: tests/contracts/test_portal.py,
# test_concurrent_signatures_sign_once (it goes through the same conditional UPDATE).
