"""A contract's life: draft → sent → signed (the signature itself: signing.py); 'expired' is
read from its end date."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Contact, Contract, ContractType, Currency, Customer, User
from app.services import Collector, FormErrors, ValidationError
from app.services.contracts.status import effective_status, has_ended
from app.services.custom_fields.records import copy_custom, delete_custom
from app.services.customers.activity import log_activity
from app.services.mail.render import sanitize
from app.services.reminders.service import follow_customer
from app.services.scope import scope_of

SUBJECT_MAX = 200
CONTENT_MAX = 100_000
VALUE_MAX = Decimal("100000000000000")


@dataclass
class ContractInput:
    customer_id: int | None
    subject: str
    type_id: int | None
    value: Decimal | None
    currency_code: str
    start_date: date | None
    end_date: date | None
    content: str


def is_editable(contract: Contract) -> bool:
    """Staff may change a contract until it is signed (then they renew it instead)."""
    return contract.status != "signed"


def can_send(contract: Contract) -> bool:
    """A draft or sent contract goes (again) to the customer while its end date is ahead."""
    return contract.status != "signed" and effective_status(contract) != "expired"


def can_sign(contract: Contract) -> bool:
    """The contact may sign a sent contract whose end date has not passed."""
    return contract.status == "sent" and effective_status(contract) != "expired"


def can_delete(contract: Contract) -> bool:
    """Only a draft may be deleted; what was sent stays on record."""
    return contract.status == "draft"


def renewal_of(contract: Contract) -> Contract | None:
    """The draft or contract that renews this one, if it was renewed."""
    return db.session.scalar(
        select(Contract).where(Contract.renewed_from_id == contract.id).order_by(Contract.id)
    )


def can_renew(contract: Contract, renewal: Contract | None = None) -> bool:
    """A signed or expired contract is renewed once (`renewal`: its renewal, when the caller
    has read it already)."""
    ended = contract.status == "signed" or effective_status(contract) == "expired"
    return ended and (renewal or renewal_of(contract)) is None


def lock_contract(contract: Contract) -> None:
    """Read the contract again, its row locked until commit (PostgreSQL; SQLite writes one at a
    time anyway), so a rule is checked against what another request may just have written."""
    db.session.refresh(contract, with_for_update=True)


def check_contract(data: ContractInput, user: User | None = None,
                   contract: Contract | None = None) -> None:  # fmt: skip
    """The service's own checks alone (FormErrors), so a form refused for one field shows
    every other problem at once too."""
    _check(data, user, contract)


def _check(
    data: ContractInput, user: User | None, contract: Contract | None = None
) -> tuple[Customer | None, ContractType | None, dict]:
    """Every field checked at once; the clean values, or FormErrors. The customer must be one
    `user` may see (or the contract's own already)."""
    errors = Collector()
    customer = scope_of(user).chosen_customer(
        data.customer_id, contract.customer_id if contract is not None else None
    )
    if customer is None:
        errors.add("customer_id", _("Choose a customer."))
    subject = errors.text("subject", data.subject, SUBJECT_MAX, _("Enter a subject."))
    kind = db.session.get(ContractType, data.type_id) if data.type_id else None
    if data.type_id and kind is None:
        errors.add("type_id", _("Choose a contract type from the list."))
    value = data.value if data.value is not None else Decimal(0)
    if not value.is_finite() or value < 0:
        errors.add("value", _("Enter an amount of zero or more."))
    elif value >= VALUE_MAX:
        errors.add("value", _("This amount is too large."))
    code = (data.currency_code or "").strip().upper()
    if db.session.scalar(select(Currency.id).where(Currency.code == code)) is None:
        errors.add("currency_code", _("Choose a currency from the list."))
    errors.day("start_date", data.start_date)
    errors.day("end_date", data.end_date)
    if data.start_date is None:
        errors.add("start_date", _("Enter the start date."))
    elif data.end_date is not None and data.end_date < data.start_date:
        errors.add("end_date", _("The end date cannot be before the start date."))
    content = data.content or ""
    if len(content) > CONTENT_MAX:  # measured before the sanitiser spends time on it
        errors.add("content", _("Use at most %(n)d characters.", n=CONTENT_MAX))
    else:
        content = sanitize(content).strip()
    errors.raise_if_any()
    clean = {"subject": subject, "value": value, "currency_code": code, "content": content,
             "start_date": data.start_date, "end_date": data.end_date}  # fmt: skip
    return customer, kind, clean


def _changed(contract: Contract, kind: ContractType | None, clean: dict) -> bool:
    """Whether saving these values changes what the customer was sent."""
    return contract.type_id != (kind.id if kind else None) or any(
        getattr(contract, name) != value for name, value in clean.items()
    )


def save_contract(contract: Contract | None, data: ContractInput, user: User) -> Contract:
    """Create a draft or change a contract that is not signed yet. A sent contract keeps its
    customer, and goes back to draft when changed: staff send it again, so nobody signs a text
    they never received."""
    if contract is not None:
        lock_contract(contract)
        if not is_editable(contract):
            raise ValidationError(_("A signed contract cannot be changed. Renew it instead."))
    customer, kind, clean = _check(data, user, contract)
    created = contract is None
    action = "contract.created" if created else "contract.updated"
    if created:
        contract = Contract(status="draft", created_by_id=user.id)
        db.session.add(contract)
    elif contract.status != "draft" and contract.customer_id != customer.id:
        raise FormErrors({"customer_id": [_("A sent contract stays with its customer.")]})
    else:
        if clean["end_date"] != contract.end_date:
            contract.reminded_at = None  # a new end date deserves a new reminder
        if contract.status == "sent" and _changed(contract, kind, clean):
            contract.status, action = "draft", "contract.unsent"
    if contract.customer_id not in (None, customer.id):
        follow_customer(contract, customer.id)
    contract.customer, contract.type = customer, kind
    for name, value in clean.items():
        setattr(contract, name, value)
    db.session.flush()
    log_activity(customer, user, action, subject=contract.subject)
    return contract


def contract_recipient(customer: Customer) -> Contact | None:
    """Who receives its contracts: the primary contact if it may open contracts in the portal,
    else the first active contact who may."""
    allowed = [c for c in customer.contacts if c.is_active and c.may_use("contracts")]
    return next((c for c in allowed if c.is_primary), allowed[0] if allowed else None)


def mark_sent(contract: Contract, user: User) -> Contact:
    """Check that the contract can go out, mark it sent and log it; returns the recipient."""
    lock_contract(contract)
    if contract.status == "signed":
        raise ValidationError(_("This contract is already signed."))
    if has_ended(contract):
        raise ValidationError(_("The end date of this contract has passed. Change it first."))
    contact = contract_recipient(contract.customer)
    if contact is None:
        raise ValidationError(
            _("No active contact of this customer may open contracts in the portal. Give one the "
              "Contracts permission first.")
        )  # fmt: skip
    contract.status = "sent"
    db.session.flush()
    log_activity(contract.customer, user, "contract.sent", subject=contract.subject)
    return contact


def renew_contract(contract: Contract, user: User) -> Contract:
    """A new draft copy of a signed or expired contract, starting the day after it ends;
    a contract is renewed once."""
    lock_contract(contract)  # two clicks at once make one renewal
    if contract.status != "signed" and effective_status(contract) != "expired":
        raise ValidationError(_("Only signed or expired contracts can be renewed."))
    if renewal_of(contract) is not None:
        raise ValidationError(_("This contract was already renewed. Open its renewal instead."))
    start = (contract.end_date or date.today()) + timedelta(days=1)
    start = max(start, date.today())
    end = None
    if contract.end_date:
        end = start + (contract.end_date - contract.start_date)
    copy = Contract(customer_id=contract.customer_id, type_id=contract.type_id,
                    subject=contract.subject, value=contract.value,
                    currency_code=contract.currency_code, start_date=start, end_date=end,
                    content=contract.content, status="draft", renewed_from_id=contract.id,
                    created_by_id=user.id)  # fmt: skip
    db.session.add(copy)
    db.session.flush()
    copy_custom("contract", contract.id, "contract", copy.id)  # the renewal keeps its values
    log_activity(contract.customer, user, "contract.renewed", subject=contract.subject)
    return copy


def delete_contract(contract: Contract, user: User) -> None:
    """Only a draft may be deleted; what was sent stays on record."""
    if not can_delete(contract):
        raise ValidationError(_("Only draft contracts can be deleted."))
    log_activity(contract.customer, user, "contract.deleted", subject=contract.subject)
    delete_custom("contract", contract.id)
    db.session.delete(contract)
    db.session.flush()
