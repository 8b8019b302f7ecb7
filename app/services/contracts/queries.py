"""The contract list's query: statuses as people see them, type and customer."""

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.models import Contract
from app.services.contracts.service import ending_soon_query

STATUS_FILTERS = ("draft", "sent", "signed", "expired", "ending")


def find_contracts(
    status: str = "",
    type_id: int | None = None,
    customer_id: int | None = None,
    ending_days: int = 0,
):
    """Contracts by the status people see ('expired' once a sent or signed contract's end date
    has passed, 'ending' within `ending_days`), type and customer; newest first."""
    today = date.today()
    query = ending_soon_query(ending_days, today) if status == "ending" else select(Contract)
    running = or_(Contract.end_date.is_(None), Contract.end_date >= today)
    if status == "expired":
        query = query.where(Contract.status != "draft", Contract.end_date < today)
    elif status in ("sent", "signed"):
        query = query.where(Contract.status == status, running)
    elif status == "draft":
        query = query.where(Contract.status == "draft")
    if type_id:
        query = query.where(Contract.type_id == type_id)
    if customer_id:
        query = query.where(Contract.customer_id == customer_id)
    return query.options(selectinload(Contract.customer), selectinload(Contract.type)).order_by(
        Contract.created_at.desc(), Contract.id.desc()
    )
