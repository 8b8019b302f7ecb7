"""Business rules. Views call these; these validate, write and flush."""

import re
from datetime import date

from flask_babel import gettext as _

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


class ValidationError(Exception):
    """A rule refused the input; `field` names the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class FormErrors(Exception):
    """Several fields refused at once: {field: [messages]}, so a form shows every error."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class Collector:
    """Gathers ValidationErrors from several checks, then raises them together."""

    def __init__(self):
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def check(self, func, *args, field: str | None = None, **kwargs):
        """Run `func`; on ValidationError remember its message and return None."""
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            self.add(field or exc.field or "", exc.message)
            return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise FormErrors(self.errors)

    def text(
        self, field: str, value: str | None, max_length: int, empty_message: str = "",
        multiline: bool = False,
    ) -> str:  # fmt: skip
        """`value` trimmed; refused when empty (if `empty_message`), longer than `max_length`, or
        holding control characters (a multi-line text refuses only NUL)."""
        value = (value or "").strip()
        if not value and empty_message:
            self.add(field, empty_message)
        elif len(value) > max_length:
            self.add(field, _("Use at most %(n)d characters.", n=max_length))
        if ("\x00" in value) if multiline else control_characters({"": value}):
            self.add(field, control_message())
        return value

    def day(self, field: str, day: date | None) -> bool:
        """A date typed in a form stays between 2000 and 2100 (a typo like 0202 is refused);
        False when it did not."""
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            self.add(field, _("Enter a date between 2000 and 2100."))
            return False
        return True


def clean_text(
    field: str, value: str | None, max_length: int, empty_message: str = "",
    multiline: bool = False,
) -> str:  # fmt: skip
    """One text field checked as Collector.text does; the first problem as a ValidationError."""
    errors = Collector()
    value = errors.text(field, value, max_length, empty_message, multiline)
    if errors.errors:
        raise ValidationError(errors.errors[field][0], field)
    return value


def control_message() -> str:
    """What a field holding control characters says."""
    return _("Line breaks and control characters are not allowed here.")


# C0 controls and DEL; address fields may hold line breaks and tabs (\t \n \r).
CONTROL = re.compile("[\x00-\x1f\x7f]")
CONTROL_IN_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MULTI_LINE = frozenset({"address", "billing_street", "shipping_street", "company_address"})


def control_characters(values: dict, prefix: str = "") -> dict[str, str]:
    """Fields holding control characters (line breaks only allowed in address fields)."""
    found = {}
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        if (CONTROL_IN_LINES if name in MULTI_LINE else CONTROL).search(value):
            found[prefix + name] = control_message()
    return found


def reread_or_404(record):
    """`record` read again after a conditional UPDATE of its row, or 404 when another request
    deleted the row meanwhile (two tabs: one deletes, the other shares or marks done)."""
    from flask import abort
    from sqlalchemy.exc import InvalidRequestError

    from app.extensions import db

    try:
        db.session.refresh(record)
    except InvalidRequestError:
        abort(404)
    return record
