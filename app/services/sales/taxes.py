"""Settings → Taxes: the tax rates lines can carry."""

from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app.collation import collated
from app.extensions import db
from app.models import TaxRate
from app.services.names import unique_name

NAME_MAX = 50


def all_taxes() -> list[TaxRate]:
    """Every tax rate, by name in the reader's language."""
    return collated(db.session.scalars(select(TaxRate)), lambda t: t.name)


def save_tax(tax: TaxRate | None, name: str, percent: Decimal) -> TaxRate:
    """Add or change a tax rate; names are unique whatever their case. Documents already saved
    keep the rate they were saved with."""
    taken = _("A tax with this name already exists.")
    name = unique_name(TaxRate.name, name, tax, NAME_MAX, taken)
    tax = tax or TaxRate()
    tax.name, tax.percent = name, percent
    db.session.add(tax)
    db.session.flush()
    return tax


def delete_tax(tax: TaxRate) -> None:
    """Delete a tax rate; lines keep the name and percent they were saved with."""
    db.session.delete(tax)
    db.session.flush()
