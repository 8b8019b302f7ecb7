"""Imports made from CSV text in tests: upload, map, dry run, run."""

import hashlib

from app.extensions import db
from app.models import CustomerImport
from app.services.imports.runs import check_import, new_import, run_import, start_import

HEADER = ["Company", "VAT", "Country", "Phone", "First name", "Last name", "Email", "Code"]
MAPPING = ["company", "vat_number", "country", "phone", "contact_first_name",
           "contact_last_name", "contact_email", "external_id"]  # fmt: skip


def csv_bytes(rows, header=HEADER) -> bytes:
    lines = [",".join(header)] + [",".join(f'"{c}"' for c in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def uploaded(rows, user=None, key="vat_number", header=HEADER, mapping=MAPPING, **options):
    return uploaded_file(csv_bytes(rows, header), user, key, mapping, **options)


def uploaded_file(content, user=None, key="vat_number", mapping=MAPPING, **options):
    imp = new_import(user, "customers.csv", content, hashlib.sha256(content).hexdigest())
    imp.mapping = list(mapping)
    imp.options = {**imp.options, "key": key, **options}
    db.session.commit()
    return imp.id


def checked(import_id) -> CustomerImport:
    check_import(import_id)
    return db.session.get(CustomerImport, import_id)


def imported(rows, user=None, **kwargs) -> CustomerImport:
    """Upload, dry run, then run the import to its end."""
    return run_to_end(uploaded(rows, user, **kwargs))


def run_to_end(import_id) -> CustomerImport:
    start_import(checked(import_id))
    db.session.commit()
    run_import(import_id)
    db.session.expire_all()
    return db.session.get(CustomerImport, import_id)
