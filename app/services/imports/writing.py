"""The run's writes for a checked row: the customer and contact as their forms save them, one
activity line per customer naming the import, and what Undo needs (import_changes)."""

from sqlalchemy import func, select, text

from app.extensions import db
from app.models import (
    ActivityLog,
    Contact,
    Customer,
    CustomerImport,
    CustomFieldDefinition,
    ImportChange,
    User,
)
from app.models.types import utcnow
from app.roles import VIEW_ALL
from app.services.bulk import insert_rows
from app.services.custom_fields.records import custom_changes, write_custom, write_new_values
from app.services.custom_fields.values import changed_values, value_changes
from app.services.customers.cleaning import TEXT_FIELDS, CustomerData
from app.services.customers.groups import find_or_create_group
from app.services.customers.search import reindex_batch
from app.services.customers.service import _apply as apply_customer
from app.services.imports.openings import kept, old_values
from app.services.sales.opening import OpeningValues, opening_in, record_opening_balance

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
    """A chunk's writes. Rows add and change objects without flushing; `finish_chunk` flushes
    them at once (batched inserts), then records what Undo needs, the activity lines and the
    search terms, all in the chunk's transaction."""

    def __init__(self, imp: CustomerImport, user: User | None):
        self.imp, self.user = imp, user
        self.changes: dict[int, ImportChange] = {}  # customer id -> its change (this chunk)
        self.touched: dict[Customer, list] = {}  # customer -> [activity action, changes]
        self.created: dict[Customer, None] = {}  # ordered, and a quick `in`
        self.new_contacts: list[Contact] = []
        self.pending_contacts: dict[str, Contact] = {}  # email -> contact made by this chunk
        self.with_primary: set[Customer] = set()  # customers given a contact by this chunk
        self.new_custom: dict[Customer, dict[int, list]] = {}  # made here: values to write
        self.new_fields: dict[int, CustomFieldDefinition] = {}  # id -> field, of those values

    def _change(self, customer: Customer) -> ImportChange:
        """The change of a customer that existed before this import (its values before)."""
        change = self.changes.get(customer.id) or db.session.scalar(
            select(ImportChange).where(
                ImportChange.import_id == self.imp.id,
                ImportChange.customer_id == customer.id,
                ImportChange.contact_id.is_(None),
                ImportChange.action != "opening",
            )
        )
        if change is None:
            before = customer_before(customer) | {"custom": {}}
            change = ImportChange(import_id=self.imp.id, customer_id=customer.id,
                                  action="updated", before=before)  # fmt: skip
            db.session.add(change)
        self.changes[customer.id] = change
        return change

    def save_customer(
        self, customer: Customer | None, cleaned: CustomerData, extra: dict, new_groups: list
    ) -> Customer:
        creating = customer is None
        if creating:
            own = self.user if self.user and not self.user.can("customers", VIEW_ALL) else None
            if own is not None and own not in cleaned.admins:  # assigned, as New customer does
                cleaned.admins = [*cleaned.admins, own]
            customer = Customer(created_by=self.user)
            db.session.add(customer)
            self.created[customer] = None
        elif customer not in self.created:
            self._keep_custom(self._change(customer), customer.id, cleaned.custom)
        with db.session.no_autoflush:
            changes = apply_customer(customer, cleaned, self.user)
        if new_groups:  # typed in the file: made now that the row passed, as the form does
            old = ", ".join(sorted(g.name for g in customer.groups))
            customer.groups = [*customer.groups, *(find_or_create_group(n) for n in new_groups)]
            changes["groups"] = [old, ", ".join(sorted(g.name for g in customer.groups))]
        for name, value in extra.items():
            if getattr(customer, name) != value:
                changes[name] = [getattr(customer, name), value]
                setattr(customer, name, value)
        if cleaned.custom[0]:
            changes |= self._save_custom(customer, cleaned.custom)
        action = "customer.imported" if customer in self.created else "customer.import_updated"
        self._log(customer, action, changes)
        return customer

    def custom_differs(self, customer: Customer, custom: tuple) -> bool:
        """Whether the row changes the customer's custom values: those kept for a customer this
        chunk made (none stored yet), else the stored ones."""
        if customer in self.created:
            fields, cleaned = custom
            return bool(value_changes(self.new_custom.get(customer, {}), fields, cleaned))
        return bool(custom_changes("customer", customer.id, custom))

    def _save_custom(self, customer: Customer, custom: tuple) -> dict:
        """Write the row's custom values; their changes for the activity line. A customer this
        chunk made keeps them for `finish_chunk` (written with the others at once, once it has
        its id; its line lists no fields, as the New customer form's); one that existed has
        them written now, its row locked, as the form does."""
        fields, cleaned = custom
        if customer in self.created:
            self.new_fields |= {f.id: f for f in fields}
            self.new_custom.setdefault(customer, {}).update(
                {f.id: cleaned.get(f.id, []) for f in fields}
            )
            return {}
        db.session.flush()  # the row's other changes written before its row is locked
        with db.session.no_autoflush:
            changes = custom_changes("customer", customer.id, custom)
        write_custom("customer", customer.id, custom)
        return changes

    def save_opening(self, customer: Customer, values: OpeningValues) -> None:
        """The row's opening balance (made or changed), and what Undo needs to take it back."""
        db.session.flush()  # the customer's row is locked (and read back) while it is written
        existing = opening_in(customer, values.currency.code)
        values, old = kept(existing, values), old_values(existing)
        opening = record_opening_balance(customer, values.currency, values.amount, values.as_of,
                                         self.user, values.reference, values.due_date)  # fmt: skip
        db.session.add(ImportChange(import_id=self.imp.id, customer_id=customer.id,
                                    action="opening",
                                    before={"document_id": opening.id, "old": old}))  # fmt: skip

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
        entry = self.touched.setdefault(customer, [action, {}])
        entry[1] |= changes

    def _has_primary(self, customer: Customer) -> bool:
        if customer in self.with_primary:
            return True
        if customer in self.created:  # made by this chunk, no contact yet
            return False
        return bool(db.session.scalar(
            select(Contact.id).where(Contact.customer_id == customer.id, Contact.is_primary)
        ))  # fmt: skip

    def contact_made(self, email: str) -> Contact | None:
        """The contact with this email an earlier row of the chunk made (not flushed yet)."""
        return self.pending_contacts.get(email)

    def save_contact(self, customer, action, existing, values, custom) -> None:
        if action in ("none", "unchanged"):
            return
        if action == "created":
            contact = Contact(customer=customer, is_primary=not self._has_primary(customer),
                              **values)  # fmt: skip
            self.with_primary.add(customer)
            db.session.add(contact)
            self.new_contacts.append(contact)
            self.pending_contacts[contact.email] = contact
        else:
            contact = existing
            if contact.id is not None:
                before = {name: getattr(contact, name) for name in CONTACT_KEPT}
                change = ImportChange(
                    import_id=self.imp.id, customer_id=customer.id, contact_id=contact.id,
                    action="updated", before=before | {"custom": {}},
                )  # fmt: skip
                self._keep_custom(change, contact.id, custom, "contact")
                db.session.add(change)
            for name, value in values.items():
                setattr(contact, name, value)
        if custom[0]:
            db.session.flush()
            write_custom("contact", contact.id, custom)
        self._log(customer, "customer.import_updated", {})

    def finish_chunk(self) -> None:
        """Write the chunk: its rows at once, what Undo needs, one activity line per customer,
        the welcome emails asked for, the search terms; then forget it (the commit follows).
        Rows nothing reads back (changes, activity) are one multi-row INSERT each."""
        with db.session.no_autoflush:  # one INSERT per table, not one per row
            give_ids(Customer, list(self.created))
            give_ids(Contact, self.new_contacts)
        db.session.flush()
        write_new_values("customer", self.new_fields,
                         [(c.id, values) for c, values in self.new_custom.items()])  # fmt: skip
        by, now = (self.user.id if self.user else None), utcnow()
        changes = [{"customer_id": c.id, "contact_id": None, "version": c.version}
                   for c in self.created]  # fmt: skip
        changes += [{"customer_id": c.customer_id, "contact_id": c.id, "version": None}
                    for c in self.new_contacts]  # fmt: skip
        lines = []
        for customer, (action, fields) in self.touched.items():
            if action == "customer.imported":  # as the New customer form: no field list
                fields = None
            lines.append({
                "customer_id": customer.id, "user_id": by, "contact_id": None, "action": action,
                "changes": fields or None, "created_at": now, "version": customer.version,
                "subject": self.imp.filename[:200],
            })  # fmt: skip
            if customer.id in self.changes:  # it existed: its change holds its values before
                self.changes[customer.id].version = customer.version
        insert_rows(ImportChange, [
            {"import_id": self.imp.id, "action": "created", "before": None, **row}
            for row in changes
        ])  # fmt: skip
        insert_rows(ActivityLog, lines)
        if (self.imp.options or {}).get("welcome_email"):  # off unless asked
            from app.services.customers.onboarding import send_welcome_email

            for contact in self.new_contacts:
                send_welcome_email(contact, self.user, with_link=True)
        reindex_batch(list(self.touched))
        db.session.flush()
        self.changes.clear()
        self.touched.clear()
        self.created.clear()
        self.new_contacts.clear()
        self.pending_contacts.clear()
        self.with_primary.clear()
        self.new_custom.clear()


def give_ids(model, objects: list) -> None:
    """Ids for the new rows of a chunk, taken in one statement, so that the flush inserts them in
    one multi-row INSERT: SQLAlchemy inserts row by row when it must read each id back (always on
    SQLite, whose RETURNING order is not guaranteed). PostgreSQL: the table's sequence. SQLite:
    after the highest id ever given (sqlite_sequence: ids are never reused), which no one else
    can take meanwhile: the chunk's transaction holds the write lock since `_take_chunk`.
    Columns with a server default get their Python default now (the value they would get), or
    the flush would read each row back for them."""
    todo = [o for o in objects if o.id is None]
    if not todo:
        return
    defaults = [(c.key, c.default.arg) for c in model.__table__.c
                if c.server_default is not None and c.default is not None
                and c.default.is_scalar]  # fmt: skip
    for obj in todo:
        for key, value in defaults:
            if key not in obj.__dict__:
                setattr(obj, key, value)
    table = model.__table__.name
    if db.session.get_bind().dialect.name == "postgresql":
        ids = list(db.session.scalars(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
            {"t": table, "n": len(todo)},
        ))  # fmt: skip
    else:
        seq = text("SELECT seq FROM sqlite_sequence WHERE name = :t")
        top = max(db.session.scalar(seq, {"t": table}) or 0,
                  db.session.scalar(select(func.max(model.id))) or 0)  # fmt: skip
        ids = range(top + 1, top + 1 + len(todo))
    for obj, new_id in zip(todo, ids, strict=True):
        obj.id = new_id
