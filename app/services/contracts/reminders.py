"""Staff are reminded once of each contract that ends within the configured number of days."""

from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Contract
from app.models.types import utcnow
from app.services.contracts.notify import tell_staff
from app.services.contracts.queries import ending_soon_query
from app.services.mail.staff import active_admins
from app.services.settings import get_settings


def reminder_days() -> int:
    """Settings → Contracts: how many days ahead staff hear of a contract's end."""
    return max(0, int(get_settings().contract_reminder_days or 0))


def queue_reminders() -> int:
    """Queue one reminder per contract ending soon and not yet reminded; how many contracts."""
    due = db.session.scalars(
        ending_soon_query(reminder_days()).where(Contract.reminded_at.is_(None))
        .options(selectinload(Contract.customer))
        .order_by(Contract.end_date, Contract.id).with_for_update(skip_locked=True)
    ).all()  # fmt: skip
    admins = active_admins() if due else []  # read once, not once per contract
    for contract in due:
        tell_staff(contract, "contract_reminder_staff", admins)
        contract.reminded_at = utcnow()
    db.session.flush()
    return len(due)
