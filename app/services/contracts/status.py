"""The status people see on a contract, from one rule read both in Python and in SQL."""

from datetime import date

from sqlalchemy import and_, not_

from app.models import Contract

ENDING = ("sent", "signed")  # statuses shown as 'expired' once the end date has passed


def has_ended(contract: Contract, today: date | None = None) -> bool:
    """Whether the contract's end date has passed (whatever its status)."""
    today = today or date.today()
    return contract.end_date is not None and contract.end_date < today


def ended_condition(today: date):
    """SQL: the contracts has_ended says have ended."""
    return and_(Contract.end_date.is_not(None), Contract.end_date < today)


def effective_status(contract: Contract, today: date | None = None) -> str:
    """The stored status, or 'expired' once a sent or signed contract's end date has passed."""
    if contract.status in ENDING and has_ended(contract, today):
        return "expired"
    return contract.status


def expired_condition(today: date):
    """SQL: the contracts effective_status shows as 'expired'."""
    return and_(Contract.status.in_(ENDING), ended_condition(today))


def shown_as(status: str, today: date):
    """SQL: the contracts whose effective_status is `status`."""
    if status == "expired":
        return expired_condition(today)
    if status in ENDING:
        return and_(Contract.status == status, not_(expired_condition(today)))
    return Contract.status == status
