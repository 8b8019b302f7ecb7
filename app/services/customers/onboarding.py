"""New customer: the customer, its primary contact, that contact's password or link."""

from flask import current_app
from flask_babel import gettext as _

from app.models import Contact, Customer, User
from app.parsing import parse_id
from app.services import Collector, FormErrors, ValidationError
from app.services.customers.activity import log_activity
from app.services.customers.cleaning import Duplicate, clean_customer, find_duplicates
from app.services.customers.contacts import (
    add_contact,
    clean_contact,
    send_set_password_link,
    set_password_url,
)
from app.services.customers.service import create_customer
from app.services.mail.contacts import queue_contact_email
from app.services.scope import Scope, scope_of
from app.services.tokens import check_password_strength

CONTACT_PREFIX = "contact_"


def check_new_customer(data: dict, with_contact: bool, scope: Scope | None = None) -> None:
    """Validate the whole New customer form; raise FormErrors listing every problem (naming
    no customer outside `scope`)."""
    errors = Collector()
    try:
        clean_customer(data)
    except FormErrors as exc:
        errors.errors.update(exc.errors)
    if with_contact:
        try:
            clean_contact(data, data.get("country"), prefix=CONTACT_PREFIX, scope=scope)
        except FormErrors as exc:
            errors.errors.update(exc.errors)
        if data.get("password_choice") == "password":
            errors.check(
                check_password_strength,
                data.get("contact_password") or "",
                data.get("contact_email"),
                data.get("contact_first_name"),
                data.get("contact_last_name"),
                field="contact_password",
            )
            if not data.get("contact_password"):
                errors.errors["contact_password"] = [_("Enter a password, or send a link.")]
    errors.raise_if_any()


def unconfirmed_duplicates(company: str, seen: str, scope: Scope) -> list[Duplicate]:
    """Customers in `scope` that look like a new one named `company`, unless each was already
    shown to the person creating it (`seen`: their ids, comma-separated, as the form sends them
    back). Those outside the scope are never mentioned: nothing about them leaks."""
    found = find_duplicates({"company": company}, scope=scope)
    seen_ids = {parse_id(part.strip()) for part in (seen or "").split(",")}
    return found if any(dup.customer.id not in seen_ids for dup in found) else []


def register_customer(
    data: dict, user: User | None, with_contact: bool
) -> tuple[Customer, Contact | None]:
    """Create the customer and, if given, its primary contact; send the link if asked."""
    scope = scope_of(user)
    check_new_customer(data, with_contact, scope)
    customer = create_customer(clean_customer(data), user)
    if not with_contact:
        return customer, None
    values = clean_contact(data, customer.country, prefix=CONTACT_PREFIX, scope=scope)
    password = data.get("contact_password") if data.get("password_choice") == "password" else None
    try:
        contact = add_contact(customer, values, user, password=password)
    except ValidationError as exc:
        raise FormErrors({"contact_password": [exc.message]}) from exc
    if data.get("send_welcome"):
        send_welcome_email(contact, user, with_link=password is None)
    elif password is None and data.get("password_choice") == "link":
        send_set_password_link(contact, user)  # "later": staff send a link when they choose
    return customer, contact


def send_welcome_email(contact: Contact, user: User | None, with_link: bool) -> None:
    """Queue the welcome email (sent once the customer is committed), with a link if needed."""
    max_age = current_app.config["SET_PASSWORD_MAX_AGE"]
    link = set_password_url(contact, max_age) if with_link else ""
    if queue_contact_email(contact, "welcome", set_password_url=link) is not None:
        log_activity(contact.customer, user, "contact.welcome_sent", subject=contact.full_name)
