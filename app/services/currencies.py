"""Currencies: ISO 4217 codes, symbols, decimals, placement, one default."""

from collections.abc import Callable

from babel.numbers import list_currencies
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import Currency, Customer
from app.services import Collector, ValidationError

# Later modules (invoices, estimates...) register here whether a document uses a currency.
CURRENCY_USERS: list[Callable[[int], bool]] = []


def currency_in_use(currency_id: int) -> bool:
    """Whether any customer or document is priced in this currency."""
    used_by_customer = db.session.scalar(
        select(func.count()).select_from(Customer).where(Customer.currency_id == currency_id)
    )
    return bool(used_by_customer) or any(check(currency_id) for check in CURRENCY_USERS)


def currency_id_of(code: str) -> int | None:
    """The id of the currency with this code, if it still exists."""
    return db.session.scalar(select(Currency.id).where(Currency.code == code))


def all_currencies() -> list[Currency]:
    """Every currency, by code."""
    return list(db.session.scalars(select(Currency).order_by(Currency.code)))


def save_currency(
    currency: Currency | None, code: str, symbol: str, decimals: int, symbol_after: bool
) -> Currency:
    """Add a currency (code checked against ISO 4217) or edit one; raise FormErrors."""
    errors = Collector()
    code = (code or "").strip().upper()
    if code not in list_currencies():
        errors.add("code", _("This is not an ISO 4217 currency code (e.g. EUR, USD, CHF)."))
    taken = db.session.scalar(select(Currency).where(Currency.code == code))
    if taken is not None and taken is not currency:
        errors.add("code", _("This currency already exists."))
    if currency is not None and currency_in_use(currency.id):
        if currency.code != code:
            errors.add("code", _("The code of a currency in use cannot change."))
        if currency.decimals != decimals:
            errors.add("decimals", _("The decimals of a currency in use cannot change."))
    if not (symbol or "").strip():
        errors.add("symbol", _("Enter a symbol."))
    if decimals is None or not 0 <= decimals <= 4:
        errors.add("decimals", _("Use 0 to 4 decimals."))
    errors.raise_if_any()
    if currency is None:
        currency = Currency(
            is_default=not db.session.scalar(select(func.count()).select_from(Currency))
        )
        db.session.add(currency)
    currency.code, currency.symbol = code, symbol.strip()
    currency.decimals, currency.symbol_after = decimals, symbol_after
    db.session.flush()
    return currency


def make_default(currency: Currency) -> None:
    """The one default currency of the system."""
    db.session.execute(update(Currency).where(Currency.id != currency.id).values(is_default=False))
    currency.is_default = True
    db.session.flush()


def delete_currency(currency: Currency) -> None:
    """Delete an unused currency that is not the default."""
    if currency.is_default:
        raise ValidationError(_("Choose another default currency first."))
    if currency_in_use(currency.id):
        raise ValidationError(_("This currency is used by customers or documents."))
    db.session.delete(currency)
    db.session.flush()
