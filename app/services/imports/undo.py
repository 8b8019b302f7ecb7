"""Undo an import: what it created is deleted and what it changed is put back, except on the
customers someone touched since (their version moved, a contact or a transaction was added);
those stay as they are and are listed on the import."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (
    ActivityLog,
    Contact,
    Customer,
    CustomerGroup,
    CustomerImport,
    ImportChange,
    User,
)
from app.models.types import utcnow
from app.services import ValidationError
from app.services.custom_fields.definitions import entity_fields
from app.services.custom_fields.records import delete_custom
from app.services.custom_fields.values import write_values
from app.services.customers.normalize import company_key
from app.services.customers.search import reindex_customer
from app.services.customers.service import has_transactions
from app.services.imports.writing import CONTACT_KEPT


def _claim(imp: CustomerImport) -> None:
    try:
        with db.session.begin_nested():
            claimed = db.session.execute(
                update(CustomerImport)
                .where(CustomerImport.id == imp.id, CustomerImport.status.in_(("done", "failed")))
                .values(writing=1)
                .execution_options(synchronize_session=False)
            ).rowcount
    except IntegrityError as exc:
        raise ValidationError(_("Another import is running: wait until it ends.")) from exc
    if not claimed:
        raise ValidationError(_("This import cannot be undone."))


def undo_import(imp: CustomerImport, user: User | None) -> list[list]:
    """Undo `imp` in one transaction (the caller commits); [[customer id, company], ...] of the
    customers left as they are."""
    _claim(imp)
    by_customer = defaultdict(list)
    query = select(ImportChange).where(ImportChange.import_id == imp.id).order_by(ImportChange.id)
    for change in db.session.scalars(query):
        if change.customer_id is not None:
            by_customer[change.customer_id].append(change)
    kept = []
    for customer_id, changes in by_customer.items():
        customer = db.session.get(Customer, customer_id)
        if customer is None:
            continue
        if _touched_since(customer, changes):
            kept.append([customer.id, customer.company])
            continue
        _undo_customer(customer, changes, user, imp)
    db.session.execute(
        update(CustomerImport)
        .where(CustomerImport.id == imp.id)
        .values(status="undone", writing=None, undone_at=utcnow(), undo_kept=kept)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(imp)
    return kept


def _touched_since(customer: Customer, changes: list[ImportChange]) -> bool:
    own = next((c for c in changes if c.contact_id is None), None)
    if own is not None and own.version != customer.version:
        return True
    if own is not None and own.action == "created":
        made = {c.contact_id for c in changes if c.action == "created" and c.contact_id}
        ids = db.session.scalars(select(Contact.id).where(Contact.customer_id == customer.id))
        return bool(set(ids) - made) or has_transactions(customer.id)
    return False


def _undo_customer(customer: Customer, changes: list[ImportChange], user, imp) -> None:
    own = next((c for c in changes if c.contact_id is None), None)
    if own is not None and own.action == "created":
        delete_custom("customer", customer.id)
        db.session.delete(customer)
        db.session.flush()
        return
    for change in reversed([c for c in changes if c.contact_id is not None]):
        contact = db.session.get(Contact, change.contact_id)
        if contact is None:
            continue
        if change.action == "created":
            delete_custom("contact", contact.id)
            db.session.delete(contact)
        else:
            for name in CONTACT_KEPT:
                setattr(contact, name, change.before[name])
            _restore_custom("contact", contact.id, change.before.get("custom") or {})
    if own is not None:
        _restore_customer(customer, own.before)
    db.session.flush()
    db.session.add(ActivityLog(customer_id=customer.id, user_id=user.id if user else None,
                               action="customer.import_undone", version=customer.version,
                               subject=imp.filename[:200]))  # fmt: skip
    db.session.expire(customer, ["contacts"])
    reindex_customer(customer)


def _restore_customer(customer: Customer, before: dict) -> None:
    for name, value in before.items():
        if name not in ("currency_id", "group_ids", "custom"):
            setattr(customer, name, value)
    customer.company_key = company_key(customer.company)
    customer.currency_id = before["currency_id"]
    groups = db.session.scalars(
        select(CustomerGroup).where(CustomerGroup.id.in_(before["group_ids"]))
    )
    customer.groups = sorted(groups, key=lambda g: g.name.casefold())
    _restore_custom("customer", customer.id, before.get("custom") or {})


def _restore_custom(entity: str, record_id: int, kept: dict) -> None:
    if not kept:
        return
    fields = [f for f in entity_fields(entity, active_only=False) if str(f.id) in kept]
    cleaned = {f.id: [_typed(f.field_type, v) for v in kept[str(f.id)]] for f in fields}
    write_values(entity, record_id, fields, cleaned)


def _typed(field_type: str, value):
    if field_type == "number":
        return Decimal(value)
    if field_type == "date":
        return date.fromisoformat(value)
    return value
