"""CSV export of the filtered customer list, streamed in batches."""

import csv
import io
from collections.abc import Iterator

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.labels import field_name
from app.models import Customer
from app.services.customers.normalize import format_phone
from app.services.customers.queries import CustomerFilters, customer_ids_query, primary_contacts
from app.services.scope import Scope

BATCH = 1000


def csv_cell(value) -> str:
    """A CSV cell that spreadsheets will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def export_rows(filters: CustomerFilters, scope: Scope) -> Iterator[str]:
    """Yield the CSV, header first, then every matching customer (not only one page)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        data = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return data

    writer.writerow(
        [
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
        ]
    )
    yield "\ufeff" + flush()  # BOM: spreadsheets then read UTF-8 correctly
    last = 0
    ids = list(db.session.scalars(customer_ids_query(filters, scope)))
    while last < len(ids):
        chunk = ids[last : last + BATCH]
        last += BATCH
        rows = {
            c.id: c
            for c in db.session.scalars(
                select(Customer)
                .where(Customer.id.in_(chunk))
                .options(selectinload(Customer.groups), selectinload(Customer.currency))
            )
        }
        primaries = primary_contacts(chunk)
        for customer_id in chunk:
            c = rows[customer_id]
            contact = primaries.get(customer_id)
            writer.writerow(
                [
                    csv_cell(v)
                    for v in (
                        c.company,
                        c.vat_number,
                        format_phone(c.phone),
                        c.website,
                        c.city,
                        c.country,
                        contact.full_name if contact else "",
                        contact.email if contact else "",
                        "; ".join(g.name for g in c.groups),
                        c.currency.code if c.currency else "",
                        c.language or "",
                        _("Yes") if c.active else _("No"),
                        c.created_at.date().isoformat(),
                    )
                ]
            )
        yield flush()
        db.session.expunge_all()
