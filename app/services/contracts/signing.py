"""A contact signs a sent contract in the portal: the terms they read, their fingerprint, and one
conditional UPDATE so that nobody signs terms that changed meanwhile, nor signs twice."""

import hashlib
import json
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import not_, select, update

from app.extensions import db
from app.models import Contact, Contract, ContractType, Customer
from app.models.types import utcnow
from app.services import ValidationError, clean_text
from app.services.contracts.service import can_sign, lock_contract
from app.services.contracts.status import ended_condition
from app.services.customers.activity import log_activity

NAME_MAX = 200  # the signer's typed full name


def check_signable(contract: Contract) -> None:
    """Only a sent contract whose end date has not passed can be signed, and only once."""
    if contract.status == "signed":
        raise ValidationError(_("This contract is already signed."))
    if not can_sign(contract):
        raise ValidationError(_("This contract can no longer be signed."))


def _signed_terms(contract: Contract) -> list:
    """What the contact reads and signs: the contract's terms, its type's and customer's names."""
    kind = contract.type.name if contract.type else ""
    return [contract.subject, kind, contract.value, contract.currency_code, contract.start_date,
            contract.end_date, contract.content, contract.customer.company]  # fmt: skip


def content_fingerprint(contract: Contract) -> str:
    """A hash of the terms the contact reads before signing: text, subject, type, value, dates
    and the customer's company name (kept with the signature)."""
    terms = _signed_terms(contract)
    return hashlib.sha256(json.dumps([str(t) for t in terms]).encode()).hexdigest()


def _unchanged_since_read(contract: Contract) -> list:
    """SQL conditions true while the row, its customer's company and its type's name still
    hold what `contract` was read with (a staff edit in between makes one false)."""
    type_name = select(ContractType.name).where(ContractType.id == Contract.type_id)
    company = select(Customer.company).where(Customer.id == Contract.customer_id)
    columns = ("subject", "type_id", "value", "currency_code", "start_date", "end_date", "content")
    # `== None` is SQL's IS NULL: an unset end date or type must still be unset.
    return [
        *(getattr(Contract, name) == getattr(contract, name) for name in columns),
        type_name.scalar_subquery() == (contract.type.name if contract.type else None),
        company.scalar_subquery() == contract.customer.company,
    ]


def _lock_for_signing(contract: Contract) -> None:
    """Read the contract, its customer and its type again, rows locked until commit
    (PostgreSQL), so the fingerprint is compared with what the signature will record."""
    lock_contract(contract)
    db.session.refresh(contract.customer, with_for_update=True)
    if contract.type is not None:
        db.session.refresh(contract.type, with_for_update=True)


def sign_contract(
    contract: Contract, contact: Contact, name: str, ip: str | None, seen: str | None = None
) -> None:
    """The contact signs a sent, unexpired contract with their typed full name; `seen` (the
    fingerprint of the page they read; None when no page was shown) must match the contract."""
    changed = _(
        "This contract was changed while you were reading it. Read this version, then sign."
    )
    _lock_for_signing(contract)
    check_signable(contract)
    if seen is not None and seen != content_fingerprint(contract):  # no secret: a plain compare
        raise ValidationError(changed)
    name = clean_text("name", name, NAME_MAX, _("Type your full name to sign."))
    # One conditional UPDATE: of two submissions at once, only the first finds it still sent,
    # and none signs terms other than those just compared.
    signed = db.session.execute(
        update(Contract)
        .where(Contract.id == contract.id, Contract.status == "sent",
               not_(ended_condition(date.today())), *_unchanged_since_read(contract))
        .values(status="signed", signed_name=name, signed_at=utcnow(),
                signed_ip=(ip or "")[:64] or None, signed_by_contact_id=contact.id,
                signed_company=contract.customer.company,
                signed_type_name=contract.type.name if contract.type else None)
        .execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    db.session.refresh(contract)
    if signed != 1:
        check_signable(contract)
        raise ValidationError(
            changed if contract.status == "sent" else _("This contract can no longer be signed.")
        )
    log_activity(contract.customer, None, "contract.signed",
                 subject=f"{contract.subject} — {name}", contact=contact)  # fmt: skip
