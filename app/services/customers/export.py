"""The filtered customer list as a spreadsheet: a header and rows of typed cells, read in
batches (app/exports.py writes them as CSV or XLSX)."""

from collections.abc import Iterator

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.collation import collated
from app.extensions import db
from app.labels import field_name
from app.models import Customer
from app.services.custom_fields.values import export_cell, record_values
from app.services.customers.normalize import format_phone
from app.services.customers.queries import CustomerFilters, customer_ids_query, primary_contacts
from app.services.scope import Scope

BATCH = 1000


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
        *(f.key for f in fields),
    ]


def export_batches(
    filters: CustomerFilters, scope: Scope, fields: list = ()
) -> Iterator[list[list]]:
    """Every matching customer (not only one page), BATCH rows at a time, in the list's order,
    with the values of the custom `fields` (one more query a batch)."""
    ids = list(db.session.scalars(customer_ids_query(filters, scope)))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
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
        batch = []
        for customer_id in chunk:
            c = rows[customer_id]
            contact = primaries.get(customer_id)
            batch.append(
                [
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
                    _("Yes") if c.active else _("No"),
                    c.created_at.date(),
                    *(export_cell(f, custom.get(customer_id, {}).get(f.id, [])) for f in fields),
                ]
            )
        yield batch
        db.session.expunge_all()
