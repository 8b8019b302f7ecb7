"""The status people see on a contract, from one rule read both in Python and in SQL."""

from datetime import date

from sqlalchemy import and_, not_

from app.models import Contract

ENDING = ("sent", "signed")  # statuses shown as 'expired' once the end date has passed


def effective_status(contract: Contract, today: date | None = None) -> str:
    """The stored status, or 'expired' once a sent or signed contract's end date has passed."""
    today = today or date.today()
    if contract.status in ENDING and contract.end_date is not None and contract.end_date < today:
        return "expired"
    return contract.status


def expired_condition(today: date):
    """SQL: the contracts effective_status shows as 'expired'."""
    return and_(
        Contract.status.in_(ENDING), Contract.end_date.is_not(None), Contract.end_date < today
    )


def shown_as(status: str, today: date):
    """SQL: the contracts whose effective_status is `status`."""
    if status == "expired":
        return expired_condition(today)
    if status in ENDING:
        return and_(Contract.status == status, not_(expired_condition(today)))
    return Contract.status == status
