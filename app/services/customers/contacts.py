"""Contacts of a customer: add, edit, permissions, primary, activation, set-password links."""

import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from app.extensions import db
from app.links import external_url
from app.models import PORTAL_MODULES, Contact, Customer, User
from app.services import Collector, ValidationError, control_characters
from app.services.customers.activity import log_activity
from app.services.customers.normalize import normalize_phone
from app.services.customers.search import reindex_customer
from app.services.scope import Scope
from app.services.sessions import end_all_sessions, end_other_sessions
from app.services.staff import normalize_email
from app.services.tokens import check_password_strength, issue_token

CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "position")


def contact_using_email(email: str, exclude_id: int | None = None) -> Contact | None:
    """The contact that already uses this address (compared case-insensitively)."""
    query = select(Contact).where(Contact.email == email.strip().lower())
    if exclude_id:
        query = query.where(Contact.id != exclude_id)
    return db.session.scalar(query)


def clean_contact(
    data: dict, country: str | None, contact: Contact | None = None, prefix: str = "",
    scope: Scope | None = None, email_checked: bool = False,
) -> dict:  # fmt: skip
    """Check a contact's fields (names with `prefix` in the form); raise FormErrors. An email
    taken by a contact of a customer outside `scope` is refused without naming that customer.
    `email_checked`: the caller found the email free already (an import reads a chunk's emails
    in one query), so it is not looked up again."""
    errors = Collector()
    values = {name: (data.get(prefix + name) or "").strip() for name in CONTACT_FIELDS}
    for name, message in control_characters(values, prefix).items():
        errors.add(name, message)
    if not values["first_name"]:
        errors.add(prefix + "first_name", _("Enter the first name."))
    if not values["last_name"]:
        errors.add(prefix + "last_name", _("Enter the last name."))
    email = errors.check(normalize_email, values["email"], field=prefix + "email")
    if email is None and values["email"] == "":
        errors.errors[prefix + "email"] = [_("Enter the email address.")]
    if email and not email_checked:
        other = contact_using_email(email, contact.id if contact else None)
        if other is not None and scope is not None and not scope.get(Customer, other.customer_id):
            errors.add(prefix + "email", _("This email is already used by another contact."))
        elif other is not None:
            errors.add(
                prefix + "email",
                _(
                    "This email is already used by a contact of %(company)s.",
                    company=other.customer.company,
                ),
            )
    values["email"] = email
    phone = errors.check(normalize_phone, values["phone"], country, field=prefix + "phone")
    values["phone"] = phone
    values["position"] = values["position"] or None
    for module in PORTAL_MODULES:
        values[f"perm_{module}"] = bool(data.get(f"perm_{module}"))
    errors.raise_if_any()
    return values


def add_contact(
    customer: Customer, values: dict, user: User | None, password: str | None = None
) -> Contact:
    """Add a contact; the first contact of a customer becomes its primary contact."""
    if password:
        names = (values.get("first_name"), values.get("last_name"))
        check_password_strength(password, values.get("email"), *names)
    has_primary = db.session.scalar(
        select(Contact.id).where(Contact.customer_id == customer.id, Contact.is_primary)
    )
    contact = Contact(customer=customer, is_primary=not has_primary, **values)
    if password:
        set_contact_password(contact, password)
    db.session.add(contact)
    db.session.flush()
    log_activity(customer, user, "contact.created", subject=contact.full_name)
    reindex_customer(customer)
    return contact


def update_contact(contact: Contact, values: dict, user: User | None) -> None:
    """Save a contact's details and portal permissions."""
    changes = {}
    for name, value in values.items():
        old = getattr(contact, name)
        if old != value:
            changes[name] = [old, value]
            setattr(contact, name, value)
    if changes:
        db.session.flush()
        log_activity(
            contact.customer, user, "contact.updated", changes=changes, subject=contact.full_name
        )
        reindex_customer(contact.customer)
    if "email" in changes:
        tell_old_address(contact, changes["email"][0], user)


def tell_old_address(contact: Contact, old_email: str, user: User | None) -> None:
    """Email the contact's previous address that staff moved its sign-in to the new one (in the
    customer's language), so an unexpected change does not go unnoticed."""
    from app.services.branding import company_name
    from app.services.mail.contacts import queue_contact_email

    queue_contact_email(
        contact,
        "contact_email_changed",
        to=old_email,
        contact_new_email=contact.email,
        changed_by=user.name if user is not None else company_name(),
    )


def make_primary(contact: Contact, user: User | None) -> None:
    """Make this the customer's one primary contact."""
    if contact.is_primary:
        return
    if not contact.active:
        raise ValidationError(_("Activate this contact before making it primary."))
    db.session.execute(
        update(Contact)
        .where(Contact.customer_id == contact.customer_id, Contact.is_primary)
        .values(is_primary=False)
    )
    db.session.flush()
    contact.is_primary = True
    db.session.flush()
    log_activity(contact.customer, user, "contact.made_primary", subject=contact.full_name)


def set_contact_active(contact: Contact, active: bool, user: User | None) -> None:
    """Deactivate (no portal sign-in) or reactivate a contact; the primary stays active."""
    if not active and contact.is_primary:
        raise ValidationError(_("Make another contact primary before deactivating this one."))
    if contact.active != active:
        contact.active = active
        contact.session_token = secrets.token_hex(16)
        end_all_sessions(contact)  # its portal sessions end at once
        db.session.flush()
        log_activity(
            contact.customer,
            user,
            "contact.activated" if active else "contact.deactivated",
            subject=contact.full_name,
        )


def set_contact_password(contact: Contact, password: str) -> None:
    """Hash a portal password for the contact and end its other sessions."""
    from werkzeug.security import generate_password_hash

    check_password_strength(password, contact.email, contact.first_name, contact.last_name)
    contact.password_hash = generate_password_hash(
        password, method=current_app.config["PASSWORD_HASH_METHOD"]
    )
    contact.session_token = secrets.token_hex(16)
    end_other_sessions(contact)


def set_password_url(contact: Contact, max_age: int) -> str:
    """A new single-use link for the contact to choose a portal password."""
    raw = issue_token(contact, max_age)
    return external_url("portal.set_password", token=raw)


def email_password_link(contact: Contact, max_age: int) -> None:
    """Email the contact a single-use link, valid `max_age` seconds, to choose a portal password
    (the 'set_password' template, in its language)."""
    from app.services.mail.contacts import queue_contact_email

    queue_contact_email(
        contact,
        "set_password",
        set_password_url=set_password_url(contact, max_age),
        link_valid_for=timedelta(seconds=max_age),
    )


def send_set_password_link(contact: Contact, user: User | None) -> None:
    """Staff send the contact a link to choose a portal password, valid for days."""
    email_password_link(contact, current_app.config["SET_PASSWORD_MAX_AGE"])
    log_activity(contact.customer, user, "contact.link_sent", subject=contact.full_name)


def send_contact_added_email(contact: Contact, user: User | None) -> None:
    """The 'new contact added' email: portal address and a link to choose a password."""
    from app.services.mail.contacts import queue_contact_email

    max_age = current_app.config["SET_PASSWORD_MAX_AGE"]
    queue_contact_email(
        contact, "contact_added", set_password_url=set_password_url(contact, max_age)
    )
    log_activity(contact.customer, user, "contact.link_sent", subject=contact.full_name)
