"""Customers: create, update (with optimistic locking), activate, delete."""

from flask_babel import gettext as _
from sqlalchemy import exists, select, update
from sqlalchemy.orm.attributes import flag_modified, set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from app.collation import collated
from app.extensions import db
from app.models import Contract, Customer, CustomerAdmin, User
from app.roles import VIEW_ALL
from app.services import ValidationError
from app.services.custom_fields.records import custom_changes, delete_custom, write_custom
from app.services.customers.activity import log_activity
from app.services.customers.cleaning import CustomerData
from app.services.customers.groups import find_or_create_group
from app.services.customers.hooks import WHEN_ACTIVATED, has_transactions
from app.services.customers.normalize import company_key
from app.services.customers.search import reindex_customer


class EditConflict(Exception):
    """Someone saved the customer after this editor opened it."""

    def __init__(self, customer: Customer):
        super().__init__(customer.id)
        self.customer = customer


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
