"""The filtered customer list as a spreadsheet: a header and rows of typed cells, read in
batches (app/exports.py writes them as CSV or XLSX). Every column reads back through the import:
country and language codes, the currency code, groups joined by "; ", Yes/No in the reader's
language, custom fields by key."""

from collections.abc import Iterator

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.collation import collated
from app.exports import in_batches, yes_no
from app.extensions import db
from app.labels.activity import field_name
from app.models import Customer
from app.services.custom_fields.values import export_cell, record_values
from app.services.customers.normalize import format_phone
from app.services.customers.queries import CustomerFilters, customer_ids_query
from app.services.customers.related import primary_contacts
from app.services.scope import Scope

# The address columns after the first ones, in the import's names (FIELD_LABELS, app/labels/).
ADDRESS_FIELDS = ("address", "state", "zip",
                  *(f"{part}_{p}" for part in ("billing", "shipping")
                    for p in ("street", "city", "state", "zip", "country")))  # fmt: skip


def export_header(fields: list = ()) -> list[str]:
    """The column titles, in the reader's language; a custom field's is its key (the import
    reads it back by that key)."""
    return [
        _("Company"),
        _("VAT number"),
        _("Phone"),
        _("Website"),
        _("City"),
        _("Country"),
        _("Primary contact"),
        _("Email"),
        _("Groups"),
        _("Currency"),
        _("Language"),
        str(field_name("active")),
        _("Created"),
        *(str(field_name(name)) for name in ADDRESS_FIELDS),
        _("External ID"),
        *(f.key for f in fields),
    ]


def export_batches(
    filters: CustomerFilters, scope: Scope, fields: list = ()
) -> Iterator[list[list]]:
    """Every matching customer (not only one page), a batch of rows at a time, in the list's
    order, with the values of the custom `fields` (one more query a batch)."""

    def rows_of(chunk: list[int]) -> list[list]:
        rows = {
            c.id: c
            for c in db.session.scalars(
                select(Customer)
                .where(Customer.id.in_(chunk))
                .options(selectinload(Customer.groups), selectinload(Customer.currency))
            )
        }
        primaries = primary_contacts(chunk)
        custom = record_values(chunk, "customer", fields)
        return [_row(rows[i], primaries.get(i), custom.get(i, {}), fields) for i in chunk]

    return in_batches(list(db.session.scalars(customer_ids_query(filters, scope))), rows_of)


def _row(c: Customer, contact, custom: dict, fields) -> list:
    return [
        c.company,
        c.vat_number,
        format_phone(c.phone),
        c.website,
        c.city,
        c.country,
        contact.full_name if contact else "",
        contact.email if contact else "",
        "; ".join(g.name for g in collated(c.groups, lambda g: g.name)),
        c.currency.code if c.currency else "",
        c.language or "",
        yes_no(c.active),
        c.created_at.date(),
        *(getattr(c, name) for name in ADDRESS_FIELDS),
        c.external_id or "",
        *(export_cell(f, custom.get(f.id, [])) for f in fields),
    ]
