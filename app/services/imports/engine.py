"""What one row of an import does: checked with the rules of the New customer form (and of a
contact's), then created, updated, left unchanged, skipped or refused; the same code for the dry
run (nothing written) and the run (written, with what Undo needs)."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Contact, Currency, Customer, CustomerGroup, CustomerImport, User
from app.services import Collector, FormErrors, ValidationError, control_characters
from app.services.custom_fields.definitions import entity_fields
from app.services.custom_fields.records import custom_changes
from app.services.customers.cleaning import TEXT_FIELDS, CustomerData, clean_customer
from app.services.customers.normalize import normalize_vat
from app.services.imports import cells
from app.services.imports.contact_rows import ContactRows
from app.services.imports.openings import opening_changes, read_opening
from app.services.imports.rows import (
    Known,
    Refused,
    Row,
    checked,
    custom_data,
    first_refusal,
    form_values,
    snapshot,
)
from app.services.imports.writing import Writer
from app.services.scope import scope_of
from app.services.staff import normalize_email

EXTERNAL_ID_MAX = 100
KEY_TARGETS = {"vat_number": "vat_number", "contact_email": "contact_email",
               "external_id": "external_id"}  # fmt: skip


@dataclass
class Outcome:
    row: int
    action: str  # created / updated / unchanged / skipped / refused
    reason: str | None = None


class Engine(ContactRows):
    """Rows of one import, in order. `write`: the run (else the dry run, writing nothing)."""

    def __init__(self, imp: CustomerImport, write: bool, user: User | None):
        self.imp, self.write, self.user = imp, write, user
        self.options = imp.options or {}
        self.key = self.options.get("key", "vat_number")
        self.known: dict[str, Known] = {}  # key value -> customer (this run)
        self.emails: dict[str, str] = {}  # contact email -> key value of its customer (this run)
        self.currencies = {c.code.upper(): c.id for c in db.session.scalars(select(Currency))}
        self.groups = {g.name.casefold(): g.id for g in db.session.scalars(select(CustomerGroup))}
        self.customer_fields = entity_fields("customer")
        self.contact_fields = entity_fields("contact")
        self.writer = Writer(imp, user) if write else None
        self.new_groups: list[str] = []
        self.found: dict | None = None  # a chunk's customers by key (prefetch), else query
        self.contacts: dict = {}
        self.emails_read: set = set()
        self.planned: dict = {}  # (key value, currency) -> the dry run's opening balance

    def forget(self) -> None:
        """After a chunk is committed: the database knows what it wrote."""
        if self.write:
            self.known.clear()
            self.emails.clear()

    def process(self, row: Row) -> Outcome:
        if not row.cells:
            return Outcome(row.number, "skipped")
        try:
            with db.session.no_autoflush:  # a row writes only once every check passed
                action = self._process(row)
        except Refused as refused:
            return Outcome(row.number, "refused", refused.reason)
        return Outcome(row.number, action)

    # --- the customer -------------------------------------------------------------------

    def _key_value(self, row: Row) -> str:
        target = KEY_TARGETS[self.key]
        raw = row.cells.get(target)
        if not raw:
            raise row.refuse(target, _("This key column is empty: the row cannot be matched."))
        if self.key == "vat_number":
            country = self._country(row)
            try:
                return normalize_vat(raw, country)
            except ValidationError as exc:
                raise row.refuse(target, exc.message) from exc
        if self.key == "contact_email":
            return checked(row, target, normalize_email)
        return raw

    def _country(self, row: Row) -> str | None:
        return checked(row, "country", cells.parse_cell_country) if "country" in row.cells else None

    def prefetch(self, rows: list[Row]) -> None:
        """Read the customers a chunk's keys name and the contacts its emails name, in two
        queries (rows then look them up here; one the database lacks is new)."""
        self.found, self.contacts = {}, {}
        keys = {}
        for row in rows:
            try:
                keys[row.number] = self._key_value(row)
            except Refused:
                continue
        values = list(set(keys.values()))
        self.found = {}
        if self.key == "contact_email":
            query = select(Contact).where(Contact.email.in_(values))
            for contact in db.session.scalars(query):
                self.found[contact.email] = [contact.customer]
        else:
            column = getattr(Customer, self.key)
            query = select(Customer).where(column.in_(values)).order_by(Customer.id)
            for customer in db.session.scalars(query):
                self.found.setdefault(getattr(customer, self.key), []).append(customer)
        emails = {row.cells["contact_email"].strip().lower() for row in rows
                  if "contact_email" in row.cells}  # fmt: skip
        query = select(Contact).where(Contact.email.in_(list(emails)))
        self.contacts = {c.email: c for c in db.session.scalars(query)}
        self.emails_read = emails

    def _find(self, row: Row, key: str) -> Known | None:
        if key in self.known:
            return self.known[key]
        if self.found is not None:
            found = self.found.get(key, [])
            if len(found) > 1:
                raise row.refuse("vat_number", _("Several customers have this VAT number."))
            return Known(found[0]) if found else None
        if self.key == "vat_number":
            found = list(db.session.scalars(
                select(Customer).where(Customer.vat_number == key).order_by(Customer.id).limit(2)
            ))  # fmt: skip
            if len(found) > 1:
                raise row.refuse("vat_number", _("Several customers have this VAT number."))
            customer = found[0] if found else None
        elif self.key == "external_id":
            customer = db.session.scalar(select(Customer).where(Customer.external_id == key))
        else:
            contact = db.session.scalar(select(Contact).where(Contact.email == key))
            customer = contact.customer if contact is not None else None
        return Known(customer) if customer is not None else None

    def _process(self, row: Row) -> str:
        key = self._key_value(row)
        known = self._find(row, key)
        customer = known.customer if known else None
        if customer is not None and key not in self.known and not self._may_edit(customer):
            raise row.refuse(KEY_TARGETS[self.key], _("This matches a customer you cannot edit."))
        self.new_groups = []  # names the row's groups cell brings (made once the row passes)
        data, custom_names = self._customer_data(row, known)
        try:
            cleaned = clean_customer(data, customer)
        except FormErrors as exc:
            raise first_refusal(row, exc, custom_names) from exc
        extra = self._extra(row, known)
        if self.key == "vat_number" and cleaned.values["vat_number"] != key:
            message = _("This VAT number is not valid for the chosen country.")
            raise row.refuse("vat_number", message)
        contact = self._contact(row, key, known, cleaned)
        opening = read_opening(row, self.options, cleaned.currency, self.user)
        opening_changed = self._opening_changed(row, key, customer, opening)
        if known is None:
            action = "created"
        elif (self._customer_changes(known, cleaned, extra) or self.new_groups
              or contact[0] not in ("unchanged", "none") or opening_changed):  # fmt: skip
            action = "updated"
            if self.user is not None and not self.user.can("customers", "edit"):
                message = _("This row would change a customer, and you may not edit customers.")
                raise row.refuse(KEY_TARGETS[self.key], message)
        else:
            return "unchanged"
        if self.write:
            customer = self.writer.save_customer(customer, cleaned, extra, self.new_groups)
            for group in customer.groups:
                self.groups.setdefault(group.name.casefold(), group.id)
            self.writer.save_contact(customer, *contact)
            if opening_changed:
                self.writer.save_opening(customer, opening)
        self._remember(key, known, customer, cleaned, extra, contact)
        return action

    def _opening_changed(self, row: Row, key: str, customer, opening) -> bool:
        """Whether the row changes an opening balance; the dry run compares with what an
        earlier row of the file would have recorded (the run finds it written)."""
        changed = opening_changes(row, customer, opening)
        if opening is None or self.write:
            return changed
        earlier = self.planned.get((key, opening.currency.code))
        self.planned[(key, opening.currency.code)] = (opening.amount, opening.as_of)
        return changed if earlier is None else earlier != (opening.amount, opening.as_of)

    def _may_edit(self, customer: Customer) -> bool:
        """Whether the importing person sees this customer (a "view own" member: theirs)."""
        condition = scope_of(self.user).condition(Customer) if self.user is not None else None
        if condition is None or customer.id is None:
            return True
        query = select(Customer.id).where(Customer.id == customer.id, condition)
        return db.session.scalar(query) is not None

    def _customer_data(self, row: Row, known: Known | None) -> tuple[dict, dict]:
        if known is None:
            data = {
                "currency": self.options.get("currency_id"),
                "groups": list(self.options.get("group_ids") or []),
                "language": self.options.get("language"),
            }
        elif known.customer is not None:
            data = snapshot(known.customer)
        else:
            data = dict(known.values)
        for target in TEXT_FIELDS:
            if target in row.cells:
                data[target] = row.cells[target]
        if "language" in row.cells:
            data["language"] = checked(row, "language", cells.parse_cell_language)
        if "country" in row.cells:
            data["country"] = self._country(row)
        for part in ("billing_country", "shipping_country"):
            if part in row.cells:
                data[part] = checked(row, part, cells.parse_cell_country)
        if "currency" in row.cells:
            code = checked(row, "currency", cells.parse_cell_currency)
            data["currency"] = self.currencies.get(code, "?")  # not ours: refused as on the form
        if "groups" in row.cells:
            data["groups"] = self._groups(row)
        creating = known is None
        custom, names = custom_data(row, self.customer_fields, "custom:", self.options, creating)
        data.update(custom)
        return data, names

    def _groups(self, row: Row) -> list:
        """The groups named in the cell (commas or semicolons); a new name is a new group, as
        typed inline on the form (made by the run; the dry run only checks the name)."""
        ids = []
        for name in (p.strip() for p in row.cells["groups"].replace(";", ",").split(",")):
            if not name:
                continue
            if name.casefold() in self.groups:
                ids.append(self.groups[name.casefold()])
            elif len(name) > 100 or control_characters({"": name}):
                raise row.refuse("groups", _("Enter a group name."))
            elif name.casefold() not in (n.casefold() for n in self.new_groups):
                self.new_groups.append(name)
        return ids

    def _extra(self, row: Row, known: Known | None) -> dict:
        """Values the form sets elsewhere: external id, active."""
        extra = {}
        if "external_id" in row.cells:
            errors = Collector()
            extra["external_id"] = errors.text("external_id", row.cells["external_id"],
                                               EXTERNAL_ID_MAX)  # fmt: skip
            if errors.errors:
                raise first_refusal(row, FormErrors(errors.errors))
            mine = known.customer.id if known and known.customer else None
            other = (
                None
                if self.key == "external_id"
                else db.session.scalar(
                    select(Customer.id).where(Customer.external_id == extra["external_id"])
                )
            )  # fmt: skip  (as the key, it found its customer already)
            if other is not None and other != mine:
                raise row.refuse("external_id", _("Another customer has this external id."))
        if "active" in row.cells:
            extra["active"] = checked(row, "active", cells.parse_cell_bool)
        return extra

    def _customer_changes(self, known: Known, cleaned: CustomerData, extra: dict) -> bool:
        after = form_values(cleaned)
        if known.customer is None:  # made by an earlier row of the dry run (its values kept)
            return any((known.values.get(k) or None) != (v or None)
                       for k, v in (after | extra).items())  # fmt: skip
        before = snapshot(known.customer)
        if any(before.get(k) != v for k, v in after.items()):
            return True
        if any(getattr(known.customer, k) != v for k, v in extra.items()):
            return True
        if self.writer is not None:  # a customer this chunk made has its values kept there
            return self.writer.custom_differs(known.customer, cleaned.custom)
        return bool(custom_changes("customer", known.customer.id, cleaned.custom))

    def _remember(self, key, known, customer, cleaned, extra, contact) -> None:
        entry = known or Known(customer)
        if not self.write:
            entry.values = {k: v for k, v in (form_values(cleaned) | extra).items() if v}
        if contact[2] is not None:
            self.emails[contact[2]["email"]] = key
        self.known[key] = entry
