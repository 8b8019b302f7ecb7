"""Settings → Taxes: the tax rates lines can carry."""

from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import exists, select

from app.collation import collated
from app.extensions import db
from app.models import DocumentItemTax, TaxRate
from app.services import FormErrors
from app.services.names import unique_name

NAME_MAX = 50


def all_taxes() -> list[TaxRate]:
    """Every tax rate, by name in the reader's language."""
    return collated(db.session.scalars(select(TaxRate)), lambda t: t.name)


def tax_in_use(tax: TaxRate | None) -> bool:
    """Some document line carries this tax."""
    if tax is None or tax.id is None:
        return False
    return bool(db.session.scalar(select(exists().where(DocumentItemTax.tax_rate_id == tax.id))))


def save_tax(tax: TaxRate | None, name: str, percent: Decimal) -> TaxRate:
    """Add or change a tax rate; names are unique whatever their case. A tax can always be
    renamed; its percent only while no document carries it (a new rate is a new tax). Documents
    already saved keep the name and percent they were saved with."""
    taken = _("A tax with this name already exists.")
    name = unique_name(TaxRate.name, name, tax, NAME_MAX, taken)
    if tax is not None and percent != tax.percent and tax_in_use(tax):
        raise FormErrors({"percent": [_("Documents use this tax: its percent cannot change. "
                                        "Add a tax for the new rate.")]})  # fmt: skip
    tax = tax or TaxRate()
    tax.name, tax.percent = name, percent
    db.session.add(tax)
    db.session.flush()
    return tax


def delete_tax(tax: TaxRate) -> None:
    """Delete a tax rate; lines keep the name and percent they were saved with."""
    db.session.delete(tax)
    db.session.flush()
