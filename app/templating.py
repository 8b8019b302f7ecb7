"""Names the templates show for stored keys: modules, activity actions, fields, languages."""

import re
from urllib.parse import urlencode

from flask import Flask, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from markupsafe import Markup, escape

from app.forms.sales import MODE_LABELS
from app.forms.tickets import PRIORITY_LABELS, STATUS_LABELS
from app.i18n import language_name
from app.models import PORTAL_MODULES, TICKET_PRIORITIES, TICKET_STATUSES
from app.services.customers.normalize import format_phone
from app.services.mail.outbox import undelivered_for
from app.services.sales.actions import can_answer, can_convert, can_send
from app.services.sales.service import can_edit

KIND_LABELS = {
    "invoice": (_l("Invoice"), _l("Invoices"), _l("New invoice")),
    "estimate": (_l("Estimate"), _l("Estimates"), _l("New estimate")),
    "proposal": (_l("Proposal"), _l("Proposals"), _l("New proposal")),
}

# A proposal is feminine in French and Spanish: its statuses agree with it.
PROPOSAL_STATUS_LABELS = {
    "sent": lazy_pgettext("proposal", "Sent"),
    "open": lazy_pgettext("proposal", "Opened"),
    "revised": lazy_pgettext("proposal", "Revised"),
    "accepted": lazy_pgettext("proposal", "Accepted"),
    "declined": lazy_pgettext("proposal", "Declined"),
    "expired": lazy_pgettext("proposal", "Expired"),
}

DOCUMENT_STATUS_LABELS = {
    "due": _l("To be paid"),
    "draft": _l("Draft"),
    "unpaid": _l("Unpaid"),
    "partial": _l("Partially paid"),
    "paid": _l("Paid"),
    "overdue": _l("Overdue"),
    "cancelled": _l("Cancelled"),
    "sent": _l("Sent"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "expired": _l("Expired"),
}

ACTIVITY_LABELS = {
    "customer.created": _l("created the customer"),
    "customer.updated": _l("changed the profile"),
    "customer.activated": _l("activated the customer"),
    "customer.deactivated": _l("deactivated the customer"),
    "contact.created": _l("added a contact"),
    "contact.updated": _l("changed a contact"),
    "contact.made_primary": _l("made a contact primary"),
    "contact.activated": _l("activated a contact"),
    "contact.deactivated": _l("deactivated a contact"),
    "contact.link_sent": _l("emailed a password link to a contact"),
    "contact.welcome_sent": _l("emailed the welcome email to a contact"),
    "contact.profile_updated": _l("changed their own profile in the client portal"),
    "contact.impersonated": _l("opened the client portal as a contact"),
    "contact.impersonation_ended": _l("left the client portal of a contact"),
    # Sales documents (the subject is the number)
    "document.sent": _l("sent a document to the customer"),
    "document.accepted": _l("accepted an estimate or proposal"),
    "document.declined": _l("declined an estimate or proposal"),
    "document.converted": _l("converted an estimate or proposal"),
    # Contracts
    "contract.created": _l("created a contract"),
    "contract.updated": _l("changed a contract"),
    "contract.unsent": _l("changed a sent contract; it is a draft again until it is sent again"),
    "contract.sent": _l("sent a contract"),
    "contract.signed": _l("signed a contract in the client portal"),
    "contract.renewed": _l("renewed a contract"),
    "contract.deleted": _l("deleted a draft contract"),
    # Projects
    "project.created": _l("created a project"),
    "project.updated": _l("changed a project"),
    "project.status_changed": _l("changed the status of a project"),
    "project.deleted": _l("deleted a project"),
    "project.task_commented": _l("commented on a project task in the client portal"),
}

FIELD_LABELS = {
    "company": _l("Company"),
    "vat_number": _l("VAT number"),
    "phone": _l("Phone"),
    "website": _l("Website"),
    "address": _l("Address"),
    "city": _l("City"),
    "state": _l("State / region"),
    "zip": _l("Postal code"),
    "country": _l("Country"),
    "billing_street": _l("Billing address"),
    "billing_city": _l("Billing city"),
    "billing_state": _l("Billing state / region"),
    "billing_zip": _l("Billing postal code"),
    "billing_country": _l("Billing country"),
    "shipping_street": _l("Shipping address"),
    "shipping_city": _l("Shipping city"),
    "shipping_state": _l("Shipping state / region"),
    "shipping_zip": _l("Shipping postal code"),
    "shipping_country": _l("Shipping country"),
    "currency": _l("Currency"),
    "language": _l("Language"),
    "groups": _l("Groups"),
    "first_name": _l("First name"),
    "last_name": _l("Last name"),
    "email": _l("Email"),
    "position": _l("Position"),
    "perm_invoices": _l("Invoices"),
    "perm_estimates": _l("Estimates"),
    "perm_contracts": _l("Contracts"),
    "perm_proposals": _l("Proposals"),
    "perm_support": _l("Support"),
    "perm_projects": _l("Projects"),
}


def address_lines(street, zip_code, city, state, country) -> Markup:
    """An address as escaped lines: street, 'zip city', state, country name."""
    from app.forms.choices import country_name

    lines = [
        street or "",
        " ".join(filter(None, [zip_code, city])),
        state or "",
        country_name(country),
    ]
    parts = [escape(line) for text in lines for line in text.splitlines() if line.strip()]
    return Markup("<br>").join(parts) if parts else Markup("—")


URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def plain_text(text: str | None) -> Markup:
    """Text people typed, shown safely: escaped, line breaks kept, web addresses as links."""
    text = text or ""
    parts, last = [], 0
    for match in URL.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(
            Markup('<a href="{0}" rel="nofollow noopener noreferrer">{0}</a>').format(
                match.group(0)
            )
        )
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts).replace("\n", Markup("<br>\n"))


def rich_text(html: str | None) -> Markup:
    """Staff-written rich text (proposals, contracts), re-sanitised on the way out."""
    from app.services.mail.render import sanitize

    return Markup(sanitize(html or ""))  # noqa: S704 (allow-list sanitiser)


def has_logo() -> bool:
    """Whether a company logo was uploaded (asked once per request)."""
    from flask import g

    from app.services.settings import logo

    if "has_logo" not in g:
        g.has_logo = logo() is not None
    return g.has_logo


def change_value(name: str, value) -> str:
    """A logged value as people read it: Yes/No, country and language names, phones."""
    from flask_babel import gettext as _

    from app.forms.choices import country_name

    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "country" or name.endswith("_country"):
        return country_name(value)
    if name == "language":
        return language_name(value)
    if name == "phone":
        return format_phone(value)
    return str(value)


def default_currency_code() -> str:
    """The code of the system's default currency ('' if none)."""
    from flask import g
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Currency

    if "default_currency" not in g:
        g.default_currency = db.session.scalar(select(Currency.code).where(Currency.is_default))
    return g.default_currency or ""


def document_status_label(status: str, kind: str | None = None) -> str:
    """A document status in words (proposals have their own, see PROPOSAL_STATUS_LABELS)."""
    if kind == "proposal" and status in PROPOSAL_STATUS_LABELS:
        return PROPOSAL_STATUS_LABELS[status]
    return DOCUMENT_STATUS_LABELS.get(status, status)


def document_status_badge(document) -> Markup:
    """The status people see (overdue, expired…) as a coloured badge."""
    from app.services.sales.status import effective_status

    status = effective_status(document)
    label = document_status_label(status, document.kind)
    return Markup('<span class="badge doc-{}">{}</span>').format(status, str(label))


def page_url(page: int) -> str:
    """This list's address with its filters kept and another page number (the query string is
    copied as is: its keys never reach url_for, which reads _external, _method… itself)."""
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
    path = url_for(request.endpoint, **(request.view_args or {}))
    return f"{path}?{urlencode([*query, ('page', page)])}"


def configure_templating(app: Flask) -> None:
    """Register the helpers every template may use."""
    app.jinja_env.filters["phone"] = format_phone
    app.jinja_env.filters["plain_text"] = plain_text
    app.jinja_env.globals.update(
        portal_modules=PORTAL_MODULES,
        module_label=lambda module: FIELD_LABELS.get(f"perm_{module}", module),
        activity_label=lambda action: ACTIVITY_LABELS.get(action, action),
        field_name=lambda name: FIELD_LABELS.get(name, name),
        language_name=language_name,
        address_lines=address_lines,
        change_value=change_value,
        rich_text=rich_text,
        page_url=page_url,
        can_answer=can_answer,
        can_convert=can_convert,
        can_edit=can_edit,
        can_send=can_send,
        default_currency_code=default_currency_code,
        has_logo=has_logo,
        document_status_badge=document_status_badge,
        document_status_label=document_status_label,
        kind_label=lambda kind, form=0: KIND_LABELS[kind][form],
        payment_mode_label=lambda mode: MODE_LABELS.get(mode, mode),
        status_label=lambda status: STATUS_LABELS.get(status, status),
        priority_label=lambda priority: PRIORITY_LABELS.get(priority, priority),
        ticket_statuses=TICKET_STATUSES,
        ticket_priorities=TICKET_PRIORITIES,
        undelivered_emails=undelivered_for,
    )
    configure_project_labels(app)


def configure_project_labels(app: Flask) -> None:
    """Names of project and task statuses; whether a project is overdue."""
    from app.forms.projects import PROJECT_STATUS_LABELS, TASK_STATUS_LABELS
    from app.services.projects.service import is_overdue

    app.jinja_env.globals.update(
        project_overdue=is_overdue,
        project_status_label=lambda status: PROJECT_STATUS_LABELS.get(status, status),
        task_status_label=lambda status: TASK_STATUS_LABELS.get(status, status),
    )
