"""Customers: create, update (with optimistic locking), activate, delete."""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, select, update
from sqlalchemy.orm.attributes import flag_modified, set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from app.collation import collated
from app.extensions import db
from app.models import Contract, Currency, Customer, CustomerAdmin, CustomerGroup, User
from app.parsing import parse_id
from app.roles import VIEW_ALL
from app.services import Collector, ValidationError, control_characters
from app.services.custom_fields.records import (
    clean_custom,
    custom_changes,
    delete_custom,
    write_custom,
)
from app.services.customers.activity import log_activity
from app.services.customers.groups import find_or_create_group
from app.services.customers.normalize import (
    company_key,
    normalize_phone,
    normalize_vat,
    normalize_website,
    vat_country,
)
from app.services.customers.search import reindex_customer
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

# Later issues register here the checks that find a customer's invoices, estimates, payments.
TRANSACTION_SOURCES: list[Callable[[int], bool]] = []


# What follows a customer's activation (its recurring invoices skip the dates that passed).
WHEN_ACTIVATED: list[Callable[[Customer, User | None], None]] = []


def has_transactions(customer_id: int) -> bool:
    """Whether the customer has invoices, estimates or payments (locks currency, blocks delete)."""
    return any(source(customer_id) for source in TRANSACTION_SOURCES)


class EditConflict(Exception):
    """Someone saved the customer after this editor opened it."""

    def __init__(self, customer: Customer):
        super().__init__(customer.id)
        self.customer = customer


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


def _apply_admins(customer: Customer, admins: list[User], user: User | None) -> list | None:
    """Assign exactly `admins` to the customer; [old names, new names] when that changed."""
    old = {link.user_id: link for link in customer.admin_links}
    old_names = [u.name for u in collated(customer.admins, lambda u: u.name)]
    wanted = {u.id for u in admins}
    if set(old) == wanted:
        return None
    by = user.id if user is not None else None
    customer.admin_links = [old.get(i) or CustomerAdmin(user_id=i, assigned_by_id=by)
                            for i in sorted(wanted)]  # fmt: skip
    set_committed_value(customer, "admins", collated(admins, lambda u: u.name))  # read-only side
    return [", ".join(old_names), ", ".join(u.name for u in collated(admins, lambda u: u.name))]


def _apply(customer: Customer, data: CustomerData, user: User | None = None) -> dict:
    """Write cleaned values onto the customer; return {field: [old, new]} of what changed."""
    groups = list(data.groups)
    if data.new_group:  # typed inline: created on save only, before any change is pending
        group = find_or_create_group(data.new_group)
        if group not in groups:
            groups.append(group)
    # Read the relationships first: a lazy load later would flush half the change.
    old_code = customer.currency.code if customer.currency else None
    old_groups = sorted(g.name for g in customer.groups)
    admins_change = _apply_admins(customer, data.admins, user)
    changes = {}
    for name, value in data.values.items():
        old = getattr(customer, name)
        if old != value:
            changes[name] = [old, value]
            setattr(customer, name, value)
    customer.company_key = company_key(customer.company)
    new_code = data.currency.code if data.currency else None
    if old_code != new_code:
        changes["currency"] = [old_code, new_code]
        customer.currency = data.currency
    new_groups = sorted(g.name for g in groups)
    if old_groups != new_groups:
        changes["groups"] = [", ".join(old_groups), ", ".join(new_groups)]
        customer.groups = sorted(groups, key=lambda g: g.name.casefold())
    if admins_change is not None:
        changes["admins"] = admins_change
    return changes


def create_customer(data: CustomerData, user: User | None) -> Customer:
    """Add a customer from cleaned form data. A creator who sees only their own customers is
    assigned to it, so they can open what they just made; the assignment is in its Activity."""
    if user is not None and not user.can("customers", VIEW_ALL) and user not in data.admins:
        data.admins = [*data.admins, user]
    customer = Customer(created_by=user)
    changes = _apply(customer, data, user)
    db.session.add(customer)
    db.session.flush()
    write_custom("customer", customer.id, data.custom)
    assigned = {"admins": changes["admins"]} if "admins" in changes else None
    log_activity(customer, user, "customer.created", changes=assigned, subject=customer.company)
    reindex_customer(customer)
    return customer


def update_customer(
    customer: Customer, data: CustomerData, user: User | None, expected_version: int
) -> Customer:
    """Save a profile edit, unless someone else saved since `expected_version`."""
    if customer.version != expected_version:
        raise EditConflict(customer)
    changes = _apply(customer, data, user)
    with db.session.no_autoflush:
        custom = custom_changes("customer", customer.id, data.custom)
    if not changes and not custom:
        return customer
    if not changes:  # custom values only: the customer's version moves all the same
        flag_modified(customer, "company")
    try:
        db.session.flush()  # the UPDATE checks the version too: a race still conflicts
    except StaleDataError as exc:
        db.session.rollback()
        raise EditConflict(db.session.get(Customer, customer.id)) from exc
    write_custom("customer", customer.id, data.custom)
    changes |= custom
    log_activity(customer, user, "customer.updated", changes=changes, subject=customer.company)
    reindex_customer(customer)
    return customer


def set_customer_active(customer: Customer, active: bool, user: User | None) -> None:
    """Activate or deactivate a customer (its contacts cannot sign in while inactive)."""
    if customer.active != active:
        # A plain UPDATE: switching a customer on or off is not a profile edit, so it must not
        # bump the version and make someone editing the profile meanwhile see a conflict.
        db.session.execute(
            update(Customer)
            .where(Customer.id == customer.id)
            .values(active=active)
            .execution_options(synchronize_session=False)
        )
        db.session.refresh(customer)
        log_activity(customer, user, "customer.activated" if active else "customer.deactivated")
        for follow in WHEN_ACTIVATED if active else ():
            follow(customer, user)


def delete_customer(customer: Customer) -> None:
    """Delete a customer and its contacts, unless it has transactions."""
    if has_transactions(customer.id):
        raise ValidationError(
            _("This customer has transactions and cannot be deleted. Deactivate it instead.")
        )
    sent = exists().where(Contract.customer_id == customer.id, Contract.status != "draft")
    if db.session.scalar(select(sent)):
        raise ValidationError(
            _("This customer has sent or signed contracts and cannot be deleted. Deactivate it "
              "instead.")
        )  # fmt: skip
    delete_custom("customer", customer.id)
    db.session.delete(customer)
    db.session.flush()


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
