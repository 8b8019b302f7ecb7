"""Every contact of the filtered customer list as a spreadsheet, one row per contact, read in
batches (app/exports.py writes them as CSV or XLSX)."""

from collections.abc import Iterator

from flask_babel import gettext as _
from flask_babel import to_user_timezone
from sqlalchemy import select

from app.exports import in_batches, yes_no
from app.extensions import db
from app.labels.activity import field_name
from app.labels.options import MODULE_LABELS
from app.models import Contact, Customer
from app.models.contact import PORTAL_MODULES
from app.services.custom_fields.values import export_cell, record_values
from app.services.customers.normalize import format_phone
from app.services.customers.queries import CustomerFilters, customer_ids_query
from app.services.scope import Scope


def contacts_header(fields: list = ()) -> list[str]:
    """The column titles in the reader's language; a contact custom field's is its key."""
    return [_("Company"), *(str(field_name(n)) for n in ("first_name", "last_name", "email",
                                                          "phone", "position")),
            _("Primary"), str(field_name("active")), _("Permissions"),
            _("Last sign-in"), *(f.key for f in fields)]  # fmt: skip


def contacts_batches(filters: CustomerFilters, scope: Scope, fields: list = ()) -> Iterator:
    """The contacts of every matching customer, customer by customer in the list's order
    (primary contact first), a batch of customers at a time."""

    def rows_of(chunk: list[int]) -> list[list]:
        companies = dict(db.session.execute(
            select(Customer.id, Customer.company).where(Customer.id.in_(chunk))).all())  # fmt: skip
        contacts = list(db.session.scalars(
            select(Contact).where(Contact.customer_id.in_(chunk))
            .order_by(Contact.is_primary.desc(), Contact.id)))  # fmt: skip
        custom = record_values([c.id for c in contacts], "contact", fields)
        by_customer: dict[int, list] = {}
        for contact in contacts:
            by_customer.setdefault(contact.customer_id, []).append(contact)
        return [_row(companies[i], c, custom.get(c.id, {}), fields)
                for i in chunk for c in by_customer.get(i, [])]  # fmt: skip

    return in_batches(list(db.session.scalars(customer_ids_query(filters, scope))), rows_of)


def _row(company: str, c: Contact, custom: dict, fields) -> list:
    modules = "; ".join(str(MODULE_LABELS[m]) for m in PORTAL_MODULES if c.may_use(m))
    login = to_user_timezone(c.last_login_at) if c.last_login_at else None
    return [company, c.first_name, c.last_name, c.email, format_phone(c.phone), c.position,
            yes_no(c.is_primary), yes_no(c.active), modules, login,
            *(export_cell(f, custom.get(f.id, [])) for f in fields)]  # fmt: skip
