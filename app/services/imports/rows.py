"""One row of an import as the customer and contact forms would receive it: the mapped cells
read (dates, numbers, yes/no, countries in the import's formats), and a refusal that names the
column."""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.models import Customer, CustomFieldDefinition
from app.services import FormErrors, ValidationError
from app.services.custom_fields.values import form_name
from app.services.customers.cleaning import TEXT_FIELDS, CustomerData
from app.services.imports import cells
from app.services.imports.mapping import TARGETS
from app.services.imports.synonyms import PERFEX_NO_COMPANY

# Targets the opening balances wire in (another part of the issue): read, never refused here.
LATER = ("opening_balance", "opening_balance_currency", "opening_balance_date")
CONTACT_PREFIX = "contact_"
CONTACT_TARGETS = ("contact_first_name", "contact_last_name", "contact_email", "contact_phone",
                   "contact_position", "contact_full_name")  # fmt: skip


class Refused(Exception):
    """The row is refused; `reason` says why, naming the column."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Row:
    number: int
    cells: dict[str, str]  # target -> the cell's text (only cells holding something)
    columns: dict[str, str] = field(default_factory=dict)  # target -> its column's header
    raw: dict = field(default_factory=dict)  # target -> the cell as read (an XLSX date, number)

    def column(self, target: str) -> str:
        """The column's header; a target no column fills by its field's name."""
        if target in self.columns:
            return self.columns[target]
        return str(TARGETS.get(target, target))

    def refuse(self, target: str, message: str) -> Refused:
        return Refused(_("%(column)s: %(message)s", column=self.column(target), message=message))

    def has_contact(self) -> bool:
        return any(t in self.cells for t in CONTACT_TARGETS) or any(
            t.startswith("contact_custom:") for t in self.cells
        )


def read_row(number: int, values: list, mapping: list, headers: list) -> Row:
    """The row's cells by target; a column mapped to nothing is left out. Perfex's "Person -
    View Profile" (in any of its languages) for a customer without a company gives way to the
    contact's name, as Perfex shows that customer."""
    found, columns, raw = {}, {}, {}
    for n, target in enumerate(mapping):
        if not target:
            continue
        columns[target] = headers[n] if n < len(headers) else target
        value = values[n] if n < len(values) else None
        text = cells.cell_text(value)
        if text:
            found[target], raw[target] = text, value
    if found.get("company") in PERFEX_NO_COMPANY:  # a person: named after its contact
        found["company"] = found.get("contact_full_name") or " ".join(
            found[t] for t in ("contact_first_name", "contact_last_name") if t in found
        )
        if not found["company"]:
            del found["company"]
    return Row(number, found, columns, raw)


def first_refusal(row: Row, exc: FormErrors, targets: dict[str, str] | None = None) -> Refused:
    """The first problem of a form's errors, named by its column (`targets`: form field ->
    target where they differ)."""
    name, messages = next(iter(exc.errors.items()))
    return row.refuse((targets or {}).get(name, name), messages[0])


def checked(row: Row, target: str, read, *args):
    """`read(cell, *args)` for the row's cell of `target`; its problem refuses the row."""
    try:
        return read(row.raw.get(target, row.cells[target]), *args)
    except (cells.CellError, ValidationError) as exc:
        raise row.refuse(target, str(getattr(exc, "message", exc))) from exc


def custom_data(
    row: Row, fields: list[CustomFieldDefinition], prefix: str, options: dict, creating: bool
) -> tuple[dict, dict]:
    """The custom fields' form data from the row ({cf_key: typed value}) and {form name: target};
    a new record gets every field (a required one left empty is refused as on the form), an
    existing one only those the row fills (an empty cell keeps the value)."""
    data, names = {}, {}
    for definition in fields:
        target = f"{prefix}{definition.key}"
        names[form_name(definition)] = target
        if target in row.cells:
            data[form_name(definition)] = typed_value(row, target, definition, options)
        elif creating:
            data[form_name(definition)] = None
    return data, names


def typed_value(row: Row, target: str, definition: CustomFieldDefinition, options: dict):
    """A cell as the custom field's form would give it: a Decimal, a date, yes/no, choice keys
    (a key or a label in any language; several separated by commas or semicolons)."""
    kind = definition.field_type
    if kind == "number":
        return checked(row, target, cells.parse_cell_number, options.get("number_locale", "en"))
    if kind == "date":
        return checked(row, target, cells.parse_cell_date, options.get("date_format", "ymd_dash"))
    if kind == "yes_no":
        return "yes" if checked(row, target, cells.parse_cell_bool) else "no"
    if kind in ("choice", "choices"):
        keys = {}
        for choice in definition.choices:
            keys[choice.key.casefold()] = choice.key
            keys.update({label.casefold(): choice.key for label in choice.labels.values()})
        parts = [p.strip() for p in row.cells[target].replace(";", ",").split(",") if p.strip()]
        chosen = [keys.get(p.casefold(), p) for p in parts]
        return chosen if kind == "choices" else (chosen[0] if len(chosen) == 1 else chosen)
    return row.cells[target]


@dataclass
class Known:
    """A customer as this run knows it: in the database (`customer`), or created earlier in
    a dry run (`values` only)."""

    customer: Customer | None
    values: dict = field(default_factory=dict)
    emails: set = field(default_factory=set)


def form_values(cleaned: CustomerData) -> dict:
    """The checked values in the snapshot's terms."""
    values = dict(cleaned.values)
    values["currency"] = cleaned.currency.id if cleaned.currency else None
    values["groups"] = sorted(g.id for g in cleaned.groups)
    values.pop("payment_reminders", None)
    return values


def snapshot(customer: Customer) -> dict:
    """A customer as its form's data: what a row's empty cells keep."""
    data = {name: getattr(customer, name) for name in TEXT_FIELDS}
    data["currency"] = customer.currency_id
    data["groups"] = sorted(g.id for g in customer.groups)
    data["admins"] = [u.id for u in customer.admins]
    data["skip_payment_reminders"] = not customer.payment_reminders
    return data
