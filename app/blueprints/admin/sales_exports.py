"""The export menu of the invoice, estimate, proposal and credit note lists: the documents the
list's filters match (not only the page shown), one row each or one row per line, and the
payments of the matching invoices, as CSV (the reader's convention) or XLSX."""

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.kinds import KINDS, kind_routes
from app.exports import export_response
from app.labels.sales import kind_label
from app.models import CUSTOM_ENTITIES
from app.services.custom_fields.definitions import entity_fields
from app.services.custom_fields.filters import list_fields
from app.services.languages import screen
from app.services.sales.export import (
    documents_batches,
    documents_header,
    lines_batches,
    lines_header,
)
from app.services.sales.payments_export import payments_batches, payments_header
from app.services.sales.queries import DocumentFilters
from app.services.scope import scope_of

FILE_NAMES = {"invoice": "invoices", "estimate": "estimates", "proposal": "proposals",
              "credit": "credit-notes"}  # fmt: skip


def _filters(kind: str) -> DocumentFilters:
    """The list's filters from the URL (as the list reads them)."""
    fields = list_fields(kind) if kind in CUSTOM_ENTITIES else []
    return DocumentFilters.from_args(kind, request.args, fields, screen())


def documents_export(kind: str, file: str = "csv"):
    fields = entity_fields(kind) if kind in CUSTOM_ENTITIES else []
    batches = documents_batches(_filters(kind), scope_of(current_user), fields)
    return export_response(file, FILE_NAMES[kind], documents_header(kind, fields), batches,
                           str(kind_label(kind, 1)))  # fmt: skip


def lines_export(kind: str, file: str = "csv"):
    batches = lines_batches(_filters(kind), scope_of(current_user))
    return export_response(file, f"{FILE_NAMES[kind]}-lines", lines_header(), batches,
                           _("Lines"))  # fmt: skip


def payments_export(kind: str, file: str = "csv"):
    batches = payments_batches(_filters(kind), scope_of(current_user))
    return export_response(file, "payments", payments_header(), batches, _("Payments"))


def _as(file: str, view):
    def view_as(kind: str):
        return view(kind, file)

    view_as.__name__ = f"{view.__name__}_{file}"
    return view_as


# <kind>_export (/invoices/export.csv), <kind>_export_xlsx, <kind>_lines_export…, and
# invoice_payments_export (/invoices/payments.csv), invoice_payments_export_xlsx.
for _file in ("csv", "xlsx"):
    _end = "" if _file == "csv" else "_xlsx"
    kind_routes(bp, KINDS, f"export{_end}", f"/export.{_file}", _as(_file, documents_export))
    kind_routes(bp, KINDS, f"lines_export{_end}", f"/lines.{_file}", _as(_file, lines_export))
    kind_routes(bp, ("invoice",), f"payments_export{_end}", f"/payments.{_file}",
                _as(_file, payments_export))  # fmt: skip
