"""Opening balances in an import: a row's amount owed (`opening_balance`), its currency (else
the customer's) and the day it was owed, checked as the Statement tab's form checks them and
written through `record_opening_balance` (the same values again change nothing); what Undo
needs is an import change of action "opening" ({"document_id", "old": values replaced})."""

from flask_babel import gettext as _

from app.models import Currency, Customer, Document, User
from app.services import FormErrors
from app.services.imports import cells
from app.services.imports.rows import Row, checked, first_refusal
from app.services.sales.opening import (
    OpeningValues,
    check_opening,
    may_change,
    opening_in,
    same_opening,
)

TARGETS = ("opening_balance", "opening_balance_currency", "opening_balance_date")
FIELDS = {"amount": "opening_balance", "currency": "opening_balance_currency",
          "as_of": "opening_balance_date", "due_date": "opening_balance_date"}  # fmt: skip


def read_opening(
    row: Row, options: dict, currency: Currency | None, user: User | None
) -> OpeningValues | None:
    """The row's opening balance, checked; None when the row has none (no amount, or zero).
    A problem refuses the row, naming its column."""
    if "opening_balance" not in row.cells:
        return None
    locale = options.get("number_locale", "en")
    amount = checked(row, "opening_balance", cells.parse_cell_number, locale)
    if amount == 0:
        return None
    if user is not None and not user.can("invoices", "create"):
        raise row.refuse("opening_balance", _("Your role may not record opening balances."))
    if "opening_balance_currency" in row.cells:
        code = checked(row, "opening_balance_currency", cells.parse_cell_currency)
    else:
        code = currency.code if currency is not None else None
    if "opening_balance_date" not in row.cells:
        raise row.refuse("opening_balance_date",
                         _("Enter the day the opening balance was owed."))  # fmt: skip
    fmt = options.get("date_format", "ymd_dash")
    as_of = checked(row, "opening_balance_date", cells.parse_cell_date, fmt)
    try:
        return check_opening(code, amount, as_of)
    except FormErrors as exc:
        raise first_refusal(row, exc, FIELDS) from exc


def opening_changes(row: Row, customer: Customer | None, values: OpeningValues | None) -> bool:
    """Whether writing `values` changes the customer's opening balance; one paid against
    refuses the row when its values differ."""
    if values is None:
        return False
    existing = opening_in(customer, values.currency.code) if customer is not None else None
    if existing is None:
        return True
    if same_opening(existing, kept(existing, values)):
        return False
    if not may_change(existing):
        raise row.refuse("opening_balance", _("A payment was recorded against this opening "
                                              "balance: it can no longer change."))  # fmt: skip
    return True


def kept(existing: Document | None, values: OpeningValues) -> OpeningValues:
    """The row's values, keeping the reference and due date set on the customer's page."""
    if existing is None or existing.due_date is None or existing.due_date < values.as_of:
        return values
    return OpeningValues(values.currency, values.amount, values.as_of, existing.due_date,
                         existing.notes)  # fmt: skip


def old_values(opening: Document | None) -> dict | None:
    if opening is None:
        return None
    return {"amount": str(opening.total), "as_of": opening.issue_date.isoformat(),
            "due_date": opening.due_date.isoformat(), "reference": opening.notes}  # fmt: skip
