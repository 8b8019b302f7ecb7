"""Staff reminders: the Reminders section of a customer, invoice, estimate, contract or ticket
(loaded into its page by htmx), the "My reminders" card of the dashboard, snooze and done."""

from uuid import uuid4
from zoneinfo import ZoneInfo

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.contracts import get_contract
from app.blueprints.admin.customers import get_customer
from app.blueprints.admin.sales import get_document
from app.blueprints.kinds import kind_routes
from app.blueprints.posting import reload_goes_to, run_action, saved_form
from app.forms.reminders import ReminderForm, SnoozeForm
from app.htmx import form_status, render
from app.i18n import select_timezone
from app.models import Ticket
from app.models.types import utcnow
from app.parsing import parse_id
from app.services.reminders.queries import my_reminders, record_reminders
from app.services.reminders.records import (
    about,
    about_label,
    record_label,
    record_of,
    record_page,
)
from app.services.reminders.service import (
    add_reminder,
    editable_or_404,
    get_reminder,
    mark_done,
    may_edit,
    snooze,
    snooze_until,
    staff_to_remind,
)
from app.services.reminders.status import is_overdue
from app.services.scope import scope_of

TEMPLATE = "admin/reminders/section.html"


def _zone() -> ZoneInfo:
    """Dates and times are typed in the signed-in person's time zone (else the firm's)."""
    return ZoneInfo(select_timezone())


def _me():
    return current_user._get_current_object()


def _shown(reminders, on: str, snoozing=None) -> dict:
    """What the section and the card show of each reminder: its record, whether it is overdue
    and may be changed here, and its snooze form (a refused one with its errors)."""
    me, now = _me(), utcnow()
    refused_id, refused = snoozing or (None, None)
    return {
        "reminders": reminders,
        "on": on,
        "overdue": {r.id for r in reminders if is_overdue(r, now)},
        "editable": {r.id for r in reminders if may_edit(r, me)},
        "links": {r.id: _url(about(r)) for r in reminders},
        "labels": {r.id: about_label(r) for r in reminders},
        "snooze_forms": {r.id: refused if r.id == refused_id else _snooze_form(r, None)
                         for r in reminders},
    }  # fmt: skip


def _snooze_form(reminder, formdata=None) -> SnoozeForm:
    """Each reminder's snooze fields have names of their own (several on one page)."""
    if formdata is None:
        return SnoozeForm(prefix=f"r{reminder.id}", formdata=None)
    return SnoozeForm(prefix=f"r{reminder.id}")


def _url(page: tuple[str, dict]) -> str:
    endpoint, values = page
    return url_for(endpoint, **values)


def _section(record, url: str, form=None, status=200, snoozing=None):
    if form is None:
        form = ReminderForm(staff_to_remind(_me(), record), formdata=None)
        form.user_id.data, form.form_key.data = str(_me().id), uuid4().hex
    reminders = record_reminders(record, scope_of(_me()))
    shown = _shown(reminders, "section", snoozing)
    return render(TEMPLATE, block="section", status=status, form=form, url=url,
                  heading=record_label(record), **shown)  # fmt: skip


def _reminders(record, url: str):
    """List the record's reminders (GET) or add one (POST, refused beside its fields)."""
    form = ReminderForm(staff_to_remind(_me(), record))
    if request.method == "GET":
        return _section(record, url)
    done = saved_form(
        form,
        lambda: add_reminder(record, parse_id(form.user_id.data), form.day.data, form.at.data,
                             _zone(), form.description.data, form.email.data, _me(),
                             form.form_key.data),
        _("Reminder set."),
        _url(record_page(record)),  # without JavaScript: back to the record's page
        htmx=lambda _reminder: _section(record, url),
    )  # fmt: skip
    return done or _section(record, url, form, form_status(form))


@bp.route("/customers/<int:customer_id>/reminders", methods=["GET", "POST"])
def customer_reminders(customer_id: int):
    customer = get_customer(customer_id)
    return _reminders(customer, url_for("admin.customer_reminders", customer_id=customer.id))


def document_reminders(kind: str, document_id: int):
    document = get_document(kind, document_id)
    return _reminders(document, url_for(f"admin.{kind}_reminders", document_id=document.id))


kind_routes(bp, ("invoice", "estimate"), "reminders", "/<int:document_id>/reminders",
            document_reminders, methods=("GET", "POST"))  # fmt: skip


@bp.route("/contracts/<int:contract_id>/reminders", methods=["GET", "POST"])
def contract_reminders(contract_id: int):
    contract = get_contract(contract_id)
    return _reminders(contract, url_for("admin.contract_reminders", contract_id=contract.id))


@bp.route("/tickets/<int:ticket_id>/reminders", methods=["GET", "POST"])
def ticket_reminders(ticket_id: int):
    ticket = scope_of(_me()).get_or_404(Ticket, ticket_id)
    return _reminders(ticket, url_for("admin.ticket_reminders", ticket_id=ticket.id))


def _card(status=200, snoozing=None):
    reminders = my_reminders(_me(), scope_of(_me()))
    return render(TEMPLATE, block="card", status=status, url=url_for("admin.reminder_list"),
                  **_shown(reminders, "card", snoozing))  # fmt: skip


@bp.get("/reminders")
def reminder_list():
    """My reminders: overdue, then the next 7 days (the dashboard shows it as a card)."""
    return _card()


def _answer(reminder, status=200, snoozing=None):
    """The card or the record's section again, whichever the button was on."""
    if request.form.get("on") == "card":
        return _card(status, snoozing)
    url = _url(_section_page(reminder))
    return _section(record_of(reminder), url, status=status, snoozing=snoozing)


def _section_page(reminder) -> tuple[str, dict]:
    endpoint, values = about(reminder)
    return endpoint.replace("_detail", "_reminders"), values


def _back(reminder) -> str:
    if request.form.get("on") == "card":
        return url_for("admin.reminder_list")
    return _url(_section_page(reminder))


@bp.post("/reminders/<int:reminder_id>/done")
def reminder_done(reminder_id: int):
    reminder = editable_or_404(get_reminder(reminder_id, scope_of(_me())), _me())
    return run_action(lambda: mark_done(reminder), _("Reminder done."), _back(reminder),
                      htmx=lambda _done: _answer(reminder))  # fmt: skip


@bp.route("/reminders/<int:reminder_id>/snooze", methods=["GET", "POST"])
@reload_goes_to(lambda reminder_id: url_for("admin.reminder_list"))
def reminder_snooze(reminder_id: int):
    """Snooze (a refused date is shown at this address: a reload goes to My reminders)."""
    reminder = editable_or_404(get_reminder(reminder_id, scope_of(_me())), _me())
    form = _snooze_form(reminder, request.form)
    choice = request.form.get("choice", "")
    done = saved_form(
        form,
        lambda: snooze(reminder, snooze_until(_zone(), choice, form.day.data,
                                              form.at.data)),
        _("Reminder snoozed."),
        _back(reminder),
        htmx=lambda _snoozed: _answer(reminder),
    )  # fmt: skip
    return done or _answer(reminder, form_status(form), (reminder.id, form))
