"""The run's writes for a checked row: the customer and contact as their forms save them, one
activity line per customer naming the import, and what Undo needs (import_changes)."""

from sqlalchemy import select

from app.extensions import db
from app.models import ActivityLog, Contact, Customer, CustomerImport, ImportChange, User
from app.services import ValidationError
from app.services.custom_fields.records import custom_changes, write_custom
from app.services.custom_fields.values import changed_values
from app.services.customers.groups import find_or_create_group
from app.services.customers.search import reindex_customer
from app.services.customers.service import TEXT_FIELDS, CustomerData
from app.services.customers.service import _apply as apply_customer
from app.services.imports.rows import Row

CONTACT_KEPT = ("first_name", "last_name", "email", "phone", "position")


def customer_before(customer: Customer) -> dict:
    """What Undo puts back: the customer's own fields, currency, groups, external id, active."""
    before = {name: getattr(customer, name) for name in TEXT_FIELDS}
    before["currency_id"] = customer.currency_id
    before["group_ids"] = sorted(g.id for g in customer.groups)
    before["external_id"] = customer.external_id
    before["active"] = customer.active
    return before


def json_values(values: list) -> list:
    return [v if isinstance(v, bool | str | None) else str(v) for v in values]


class Writer:
    def __init__(self, imp: CustomerImport, user: User | None):
        self.imp, self.user = imp, user
        self.changes: dict[int, ImportChange] = {}  # customer id -> its change (this chunk)
        self.activity: dict[int, ActivityLog] = {}
        self.touched: dict[int, Customer] = {}

    def group(self, name: str, row: Row):
        try:
            return find_or_create_group(name)
        except ValidationError as exc:
            raise row.refuse("groups", exc.message) from exc

    def _change(self, customer: Customer, action: str) -> ImportChange:
        change = self.changes.get(customer.id) or db.session.scalar(
            select(ImportChange).where(
                ImportChange.import_id == self.imp.id,
                ImportChange.customer_id == customer.id,
                ImportChange.contact_id.is_(None),
            )
        )
        if change is None:
            before = customer_before(customer) if action == "updated" else None
            if before is not None:
                before["custom"] = {}
            change = ImportChange(import_id=self.imp.id, customer_id=customer.id, action=action,
                                  before=before)  # fmt: skip
            db.session.add(change)
        self.changes[customer.id] = change
        return change

    def save_customer(self, customer: Customer | None, cleaned: CustomerData, extra: dict):
        creating = customer is None
        if creating:
            customer = Customer(created_by=self.user)
            db.session.add(customer)
        else:
            change = self._change(customer, "updated")
            self._keep_custom(change, customer.id, cleaned.custom)
        changes = apply_customer(customer, cleaned, self.user)
        for name, value in extra.items():
            if getattr(customer, name) != value:
                changes[name] = [getattr(customer, name), value]
                setattr(customer, name, value)
        db.session.flush()
        if creating:
            change = self._change(customer, "created")
        with db.session.no_autoflush:
            changes |= custom_changes("customer", customer.id, cleaned.custom)
        write_custom("customer", customer.id, cleaned.custom)
        db.session.flush()
        change.version = customer.version
        self._log(customer, "customer.imported" if creating else "customer.import_updated", changes)
        self.touched[customer.id] = customer
        return customer

    def _keep_custom(self, change: ImportChange, record_id: int, custom: tuple, entity="customer"):
        fields, cleaned = custom
        if not fields:
            return
        kept = dict(change.before.get("custom") or {})
        for field_id, (old, _new) in changed_values(entity, record_id, fields, cleaned).items():
            kept.setdefault(str(field_id), json_values(old))
        change.before = {**change.before, "custom": kept}

    def _log(self, customer: Customer, action: str, changes: dict) -> None:
        """One activity line per customer and import (later rows add their changes to it)."""
        entry = self.activity.get(customer.id)
        if entry is None:
            entry = ActivityLog(
                customer_id=customer.id, action=action, changes=changes or None,
                user_id=self.user.id if self.user else None,
                subject=self.imp.filename[:200], version=customer.version,
            )  # fmt: skip
            db.session.add(entry)
            self.activity[customer.id] = entry
        elif changes:
            entry.changes = {**(entry.changes or {}), **changes}
            entry.version = customer.version

    def save_contact(self, customer, action, existing, values, custom) -> None:
        if action in ("none", "unchanged"):
            return
        if action == "created":
            has_primary = db.session.scalar(
                select(Contact.id).where(Contact.customer_id == customer.id, Contact.is_primary)
            )
            contact = Contact(customer=customer, is_primary=not has_primary, **values)
            db.session.add(contact)
            db.session.flush()
            db.session.add(ImportChange(import_id=self.imp.id, customer_id=customer.id,
                                        contact_id=contact.id, action="created"))  # fmt: skip
            if (self.imp.options or {}).get("welcome_email"):  # off unless asked
                from app.services.customers.onboarding import send_welcome_email

                send_welcome_email(contact, self.user, with_link=True)
        else:
            contact = existing
            before = {name: getattr(contact, name) for name in CONTACT_KEPT}
            change = ImportChange(
                import_id=self.imp.id, customer_id=customer.id, contact_id=contact.id,
                action="updated", before=before,
            )  # fmt: skip
            change.before["custom"] = {}
            self._keep_custom(change, contact.id, custom, "contact")
            db.session.add(change)
            for name, value in values.items():
                setattr(contact, name, value)
            db.session.flush()
        write_custom("contact", contact.id, custom)
        self._log(customer, "customer.import_updated", {})
        self.touched[customer.id] = customer

    def finish_chunk(self) -> None:
        """The chunk's customers' search terms, then forget them (the commit follows)."""
        for customer in self.touched.values():
            reindex_customer(customer)
        self.changes.clear()
        self.activity.clear()
        self.touched.clear()
