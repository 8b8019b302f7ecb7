"""The customer form's values: checked and normalised into CustomerData, and compared with
look-alike customers."""

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Currency, Customer, CustomerGroup, User
from app.parsing import parse_id
from app.services import Collector, ValidationError, control_characters
from app.services.custom_fields.records import clean_custom
from app.services.customers.hooks import has_transactions
from app.services.customers.normalize import (
    company_key,
    normalize_phone,
    normalize_vat,
    normalize_website,
    vat_country,
)
from app.services.scope import Scope

ADDRESS_PARTS = ("street", "city", "state", "zip", "country")
TEXT_FIELDS = (
    "company",
    "vat_number",
    "phone",
    "website",
    "address",
    "city",
    "state",
    "zip",
    "country",
    *(f"billing_{p}" for p in ADDRESS_PARTS),
    *(f"shipping_{p}" for p in ADDRESS_PARTS),
    "language",
)


@dataclass
class CustomerData:
    """Cleaned values of the customer form."""

    values: dict
    currency: Currency | None
    groups: list[CustomerGroup] = field(default_factory=list)
    new_group: str | None = None
    admins: list[User] = field(default_factory=list)
    custom: tuple = ((), {})  # the custom fields the form had, and their checked values


def _blank_to_none(value):
    if isinstance(value, str):
        value = value.strip()
    return value or None


def clean_customer(data: dict, customer: Customer | None = None) -> CustomerData:
    """Check and normalise the form's values; raise FormErrors listing every problem."""
    errors = Collector()
    values = {name: _blank_to_none(data.get(name)) for name in TEXT_FIELDS}
    values["payment_reminders"] = not data.get("skip_payment_reminders")
    for name, message in control_characters(values).items():
        errors.add(name, message)
    if not values["company"]:
        errors.add("company", _("Enter the company name."))
    if values["language"] and values["language"] not in current_app.config["LANGUAGES"]:
        errors.add("language", _("Choose a language from the list."))
    chosen_country = values["country"]
    if not chosen_country and values["vat_number"]:  # "FR…" names the country
        values["country"] = vat_country(values["vat_number"])
    values["vat_number"] = errors.check(normalize_vat, values["vat_number"], chosen_country)
    values["phone"] = errors.check(normalize_phone, values["phone"], values["country"])
    values["website"] = errors.check(normalize_website, values["website"])
    currency = None
    if data.get("currency"):
        currency_id = parse_id(str(data["currency"]))
        currency = db.session.get(Currency, currency_id) if currency_id else None
        if currency is None:
            errors.add("currency", _("Choose a currency from the list."))
    if customer is not None and currency_change_refused(customer, currency):
        errors.add("currency", _("The currency cannot change: this customer has transactions."))
    groups = errors.check(resolve_groups, data.get("groups") or [])
    new_group = (data.get("new_group") or "").strip() or None
    admins = errors.check(resolve_admins, data.get("admins") or [], customer)
    custom = clean_custom("customer", data, errors)
    errors.raise_if_any()
    return CustomerData(values=values, currency=currency, groups=groups or [], new_group=new_group,
                        admins=admins or [], custom=custom)  # fmt: skip


def currency_change_refused(customer: Customer, currency: Currency | None) -> bool:
    """True when the currency would change although the customer has transactions."""
    new_id = currency.id if currency else None
    return new_id != customer.currency_id and has_transactions(customer.id)


def resolve_groups(group_ids: list[int]) -> list[CustomerGroup]:
    """The chosen groups; an id that is not a group is refused."""
    if not group_ids:
        return []
    ids = {parse_id(str(i)) for i in group_ids}
    groups = list(db.session.scalars(select(CustomerGroup).where(CustomerGroup.id.in_(ids))))
    if None in ids or len(groups) != len(ids):
        raise ValidationError(_("Choose groups from the list."), "groups")
    return groups


def resolve_admins(user_ids: list[int], customer: Customer | None) -> list[User]:
    """The chosen customer admins: active staff, or staff already assigned to this customer
    (deactivated since); any other id is refused."""
    if not user_ids:
        return []
    ids = {parse_id(str(i)) for i in user_ids}
    kept = {u.id for u in customer.admins} if customer is not None else set()
    users = list(db.session.scalars(select(User).where(User.id.in_(ids))))
    if (
        None in ids
        or len(users) != len(ids)
        or any(not u.active and u.id not in kept for u in users)
    ):
        raise ValidationError(_("Choose customer admins from the list."), "admins")
    return users


@dataclass
class Duplicate:
    field: str
    message: str
    customer: Customer


def find_duplicates(
    values: dict, exclude_id: int | None = None, scope: Scope | None = None
) -> list[Duplicate]:
    """Existing customers that look like this one: same VAT number, or same company name;
    only those in `scope` (a look-alike the person may not open is not mentioned at all)."""
    checks = [
        ("vat_number", Customer.vat_number, values.get("vat_number"),
         _("Another customer has this VAT number.")),
        ("company", Customer.company_key, company_key(values.get("company") or ""),
         _("A customer with a similar name exists.")),
    ]  # fmt: skip
    found = []
    for name, column, value, message in checks:
        if not value:
            continue
        query = select(Customer).where(column == value)
        if exclude_id:
            query = query.where(Customer.id != exclude_id)
        if scope is not None:
            query = scope.narrow(query, Customer)
        found += [Duplicate(name, message, other) for other in db.session.scalars(query.limit(3))]
    return found
