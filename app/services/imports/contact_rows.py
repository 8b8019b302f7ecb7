"""The contact half of a row of an import (see engine.py): the row's contact found by its
email (a contact of another customer refuses the row), then checked with the rules of the
contact form. A mixin of `Engine`: it reads the engine's options, caches and writer."""

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import PORTAL_MODULES, Contact
from app.services import Collector, FormErrors
from app.services.custom_fields.records import clean_custom, custom_changes
from app.services.customers.cleaning import CustomerData
from app.services.customers.contacts import CONTACT_FIELDS, clean_contact
from app.services.imports.rows import Known, Row, checked, custom_data, first_refusal
from app.services.staff import normalize_email


class ContactRows:
    """`_contact`: what a row does to its customer's contact."""

    def _contact(self, row: Row, key: str, known: Known | None, cleaned: CustomerData) -> tuple:
        """("none" | "created" | "updated" | "unchanged", contact or None, values, custom)."""
        if not row.has_contact():
            return ("none", None, None, ((), {}))
        email = checked(row, "contact_email", normalize_email) if "contact_email" in row.cells \
            else None  # fmt: skip
        existing = self._contact_of(row, email, key, known)
        data = contact_snapshot(existing) if existing is not None else self._new_contact_data()
        for target in CONTACT_FIELDS:
            if f"contact_{target}" in row.cells:
                data[f"contact_{target}"] = row.cells[f"contact_{target}"]
        if "contact_full_name" in row.cells and "contact_first_name" not in row.cells:
            first, _sep, last = row.cells["contact_full_name"].rpartition(" ")
            data["contact_first_name"], data["contact_last_name"] = first or last, last
        custom, names = custom_data(row, self.contact_fields, "contact_custom:", self.options,
                                    existing is None)  # fmt: skip
        errors = Collector()
        custom_cleaned = clean_custom("contact", custom, errors)
        try:
            values = clean_contact(
                data,
                cleaned.values["country"],
                existing,
                prefix="contact_",
                email_checked=email is not None,
            )  # _contact_of looked it up
            errors.raise_if_any()
        except FormErrors as exc:
            raise first_refusal(row, exc, names) from exc
        if existing is None:
            if email in self.emails:  # a dry run's contact made by an earlier row
                return ("unchanged", None, values, custom_cleaned)
            return ("created", None, values, custom_cleaned)
        changed = any(getattr(existing, k) != v for k, v in values.items())
        if not changed and not custom_changes("contact", existing.id, custom_cleaned):
            return ("unchanged", existing, values, custom_cleaned)
        return ("updated", existing, values, custom_cleaned)

    def _contact_of(self, row: Row, email: str | None, key: str, known: Known | None):
        """The contact with this email, when it is this customer's; another customer's
        refuses the row."""
        if email is None:
            return None
        if email in self.emails and self.emails[email] != key:
            message = _("This email belongs to a contact of another customer in the file.")
            raise row.refuse("contact_email", message)
        contact = self.writer.contact_made(email) if self.writer else None
        if contact is not None:
            return contact  # made by an earlier row of this chunk, for this customer
        if email in self.emails_read and email not in self.emails:  # read with its chunk
            contact = self.contacts.get(email)
        else:
            contact = db.session.scalar(select(Contact).where(Contact.email == email))
        if contact is None:
            return None
        if known is None or known.customer is None or contact.customer is not known.customer:
            if not self._may_edit(contact.customer):  # never name a customer they cannot see
                raise row.refuse("contact_email", _("This email belongs to a contact of a "
                                                    "customer you cannot edit."))  # fmt: skip
            raise row.refuse("contact_email", _("This email belongs to a contact of another "
                                                "customer (%(company)s).",
                                                company=contact.customer.company))  # fmt: skip
        return contact

    def _new_contact_data(self) -> dict:
        chosen = self.options.get("permissions", list(PORTAL_MODULES))
        return {f"perm_{module}": module in chosen for module in PORTAL_MODULES}


def contact_snapshot(contact: Contact) -> dict:
    data = {f"contact_{name}": getattr(contact, name) or "" for name in CONTACT_FIELDS}
    data |= {f"perm_{m}": getattr(contact, f"perm_{m}") for m in PORTAL_MODULES}
    return data
