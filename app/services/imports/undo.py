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
    Document,
    ImportChange,
    User,
)
from app.models.sales import OPENING_KIND
from app.models.types import utcnow
from app.services import ValidationError
from app.services.custom_fields.definitions import entity_fields
from app.services.custom_fields.records import delete_custom
from app.services.custom_fields.values import write_values
from app.services.customers.hooks import has_transactions
from app.services.customers.normalize import company_key
from app.services.customers.search import reindex_customer
from app.services.imports.writing import CONTACT_KEPT
from app.services.locks import lock_row, savepoint
from app.services.sales.opening import delete_opening_balance, edit_opening_balance, may_change


def _claim(imp: CustomerImport) -> None:
    """Take the import's row (an erasure waits until Undo ends: it would otherwise work from
    what Undo read before, and Undo would put her email back in the search terms), then claim
    it."""
    lock_row(imp, "sha256")
    try:
        with savepoint():
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
        openings = [c for c in changes if c.action == "opening"]
        changes = [c for c in changes if c.action != "opening"]
        if _touched_since(customer, changes, openings):
            kept.append([customer.id, customer.company])
            continue
        if not _undo_openings(openings, user):
            kept.append([customer.id, customer.company])  # paid against since: left
        _undo_customer(customer, changes, user, imp)
    db.session.execute(
        update(CustomerImport)
        .where(CustomerImport.id == imp.id)
        .values(status="undone", writing=None, undone_at=utcnow(), undo_kept=kept)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(imp)
    return kept


def _touched_since(customer: Customer, changes: list[ImportChange], openings: list) -> bool:
    own = next((c for c in changes if c.contact_id is None), None)
    if own is not None and own.version != customer.version:
        return True
    if own is not None and own.action == "created":
        made = {c.contact_id for c in changes if c.action == "created" and c.contact_id}
        ids = db.session.scalars(select(Contact.id).where(Contact.customer_id == customer.id))
        return bool(set(ids) - made) or _transactions_besides(customer, openings)
    return False


def _opening(change: ImportChange) -> Document | None:
    found = db.session.get(Document, change.before["document_id"])
    return found if found is not None and found.kind == OPENING_KIND else None


def _transactions_besides(customer: Customer, openings: list[ImportChange]) -> bool:
    """Whether a customer the import made has transactions besides the opening balances it
    recorded with nothing paid against them (those go with it)."""
    mine = [d for d in map(_opening, openings) if d is not None]
    if any(not may_change(d) for d in mine):
        return True
    if not mine:
        return has_transactions(customer.id)
    others = select(Document.id).where(Document.customer_id == customer.id,
                                       Document.id.not_in([d.id for d in mine]))  # fmt: skip
    return db.session.scalar(others.limit(1)) is not None


def _undo_openings(openings: list[ImportChange], user) -> bool:
    """Put back the opening balances the import made or changed; False when one was paid
    against since (it stays as it is)."""
    all_back = True
    for change in reversed(openings):
        opening = _opening(change)
        if opening is None:
            continue
        if not may_change(opening):
            all_back = False
            continue
        old = change.before.get("old")
        if old is None:
            delete_opening_balance(opening, user)
        else:
            edit_opening_balance(opening, Decimal(old["amount"]), date.fromisoformat(old["as_of"]),
                                 user, old["reference"],
                                 date.fromisoformat(old["due_date"]))  # fmt: skip
    return all_back


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
