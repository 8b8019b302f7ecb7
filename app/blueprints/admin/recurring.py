"""Recurring invoices: the list, the form (new/edit), the page, pause/resume/delete, and a
customer's tab."""

from decimal import Decimal
from uuid import uuid4

from flask import request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.choose import customer_chooser
from app.blueprints.admin.customers import customer_tab
from app.blueprints.posting import run_action, saved_form
from app.extensions import db
from app.forms.recurring import RecurringForm
from app.htmx import form_status, render
from app.i18n import format_day
from app.labels.sales import RECURRING_MODE_LABELS
from app.models import Customer, RecurringInvoice
from app.parsing import parse_id
from app.services.currencies import all_currencies, currency_id_of
from app.services.languages import customer_language
from app.services.lists import paginate
from app.services.recurring.queries import (
    STATUSES,
    RecurringFilters,
    customer_recurring,
    profile_invoices,
    recurring_query,
    status_of,
)
from app.services.recurring.service import (
    RecurringInput,
    delete_profile,
    pause,
    profile_total,
    resume,
    save_profile,
)
from app.services.recurring.skipping import SHOWN
from app.services.sales.finance import document_texts
from app.services.sales.service import MAX_LINES, ItemInput, customer_defaults
from app.services.sales.taxes import all_taxes
from app.services.scope import scope_of


def _get(recurring_id: int) -> RecurringInvoice:
    return scope_of(current_user).get_or_404(RecurringInvoice, recurring_id)


@bp.get("/recurring-invoices")
def recurring_list():
    filters = RecurringFilters.from_args(request.args)
    page = paginate(recurring_query(filters, scope_of(current_user)), request.args, "sales")
    return render("admin/recurring/list.html", block="results", filters=filters, page=page,
                  statuses=STATUSES, status_of=status_of)  # fmt: skip


def _whole(value) -> int | None:
    """A count typed in the form: a whole number, else None (refused beside the field)."""
    if value is None:
        return None
    value = Decimal(value)  # the field's default is the int 1 when the form did not send it
    if not value.is_finite() or value != value.to_integral_value():
        return None
    return int(value) if abs(value) < 10**6 else None


def _decimal(value, missing: Decimal) -> Decimal:
    """A number field's value (a Decimal, or its int default), `missing` when not read."""
    return missing if value is None else Decimal(value)


def _form_input(form: RecurringForm) -> RecurringInput:
    items = [ItemInput(description=(e.form.description.data or "").strip(),
                       quantity=_decimal(e.form.quantity.data, Decimal(0)),
                       rate=_decimal(e.form.rate.data, Decimal(-1)),
                       unit=(e.form.unit.data or "").strip(),
                       long_description=(e.form.long_description.data or "").strip(),
                       tax_ids=list(e.form.taxes.data or [])) for e in form.items]  # fmt: skip
    return RecurringInput(
        customer_id=parse_id(form.customer_id.data), currency_id=parse_id(form.currency_id.data),
        language=form.language.data, items=items,
        interval_count=_whole(form.interval_count.data), interval_unit=form.interval_unit.data,
        start_date=form.start_date.data, first_date=form.first_date.data,
        end_type=form.end_type.data,
        until_date=form.until_date.data, max_count=_whole(form.max_count.data),
        mode=form.mode.data, discount_type=form.discount_type.data,
        discount_value=_decimal(form.discount_value.data, Decimal(0)),
        discount_before_tax=form.discount_before_tax.data, notes=form.notes.data,
        terms=form.terms.data, form_key=form.form_key.data,
    )  # fmt: skip


def _prefill(form: RecurringForm, customer: Customer) -> None:
    from datetime import date

    defaults = customer_defaults(customer)
    form.customer_id.data = str(customer.id)
    form.form_key.data = uuid4().hex
    form.currency_id.data = str(defaults["currency_id"] or "")
    form.language.data = customer_language(customer)
    form.start_date.data = date.today()
    form.notes.data, form.terms.data = document_texts("invoice", form.language.data)


def _page(form, profile, customer, choices, status=200):
    form.set_choices(*choices)
    return render("admin/recurring/form.html", block="form", status=status, form=form,
                  profile=profile, customer=customer)  # fmt: skip


def recurring_form(profile: RecurringInvoice | None = None):
    """New or edit: choose the customer first, then lines and schedule; '+ line' adds one."""
    form = RecurringForm(obj=profile if request.method == "GET" and profile else None)
    customer = profile.customer if profile else None
    scope = scope_of(current_user)
    if request.method == "GET" and profile is None:
        customer = scope.get(Customer, parse_id(request.args.get("customer")) or 0)
        if customer is None:
            return customer_chooser("recurring")
        _prefill(form, customer)
    elif request.method == "GET":
        form.customer_id.data = str(profile.customer_id)
        form.currency_id.data = str(currency_id_of(profile.currency_code) or "")
        if not profile.invoices_created:
            form.first_date.data = profile.next_date
        for entry, item in zip(form.items, profile.items, strict=False):
            entry.form.taxes.data = [t.tax_rate_id for t in item.taxes if t.tax_rate_id]
    else:
        customer = scope.get(Customer, parse_id(form.customer_id.data) or 0) or customer
    choices = all_currencies(), all_taxes()
    if request.method == "POST":
        remove = request.form.get("_remove_line")
        if remove is not None:
            index = 0 if remove == "0" else parse_id(remove)
            if index is not None and len(form.items.entries) > 1 and index < len(form.items):
                form.items.entries.pop(index)
            return _page(form, profile, customer, choices)
        if request.form.get("_add_line"):
            if len(form.items) < MAX_LINES:
                form.items.append_entry()
            return _page(form, profile, customer, choices)
        form.set_choices(*choices)
    done = saved_form(
        form,
        lambda: save_profile(profile, _form_input(form), current_user),
        _("Recurring invoice saved."),
        lambda saved: url_for("admin.recurring_detail", recurring_id=saved.id),
        check=lambda: _check_only(profile, form),
    )
    return done or _page(form, profile, customer, choices, form_status(form))


def _check_only(profile: RecurringInvoice | None, form: RecurringForm) -> None:
    """The service's rules on a form the browser's values failed; nothing is kept."""
    try:
        save_profile(profile, _form_input(form), current_user)
    finally:
        db.session.rollback()


bp.add_url_rule("/recurring-invoices/new", "recurring_create", recurring_form,
                methods=["GET", "POST"])  # fmt: skip


@bp.route("/recurring-invoices/<int:recurring_id>/edit", methods=["GET", "POST"])
def recurring_edit(recurring_id: int):
    return recurring_form(_get(recurring_id))


@bp.get("/recurring-invoices/<int:recurring_id>")
def recurring_detail(recurring_id: int):
    profile = _get(recurring_id)
    invoices = paginate(profile_invoices(profile, scope_of(current_user)), request.args, "sales")
    return render("admin/recurring/detail.html", block="results", profile=profile,
                  profile_status=status_of(profile), invoices=invoices,
                  total=profile_total(profile),
                  mode_label=RECURRING_MODE_LABELS.get(profile.mode, profile.mode))  # fmt: skip


def _to_detail(recurring_id: int) -> str:
    return url_for("admin.recurring_detail", recurring_id=recurring_id)


@bp.post("/recurring-invoices/<int:recurring_id>/pause")
def recurring_pause(recurring_id: int):
    profile = _get(recurring_id)
    return run_action(lambda: pause(profile, current_user),
                      _("Recurring invoice paused: no invoice is made until you resume it."),
                      _to_detail(recurring_id))  # fmt: skip


@bp.post("/recurring-invoices/<int:recurring_id>/resume")
def recurring_resume(recurring_id: int):
    profile = _get(recurring_id)
    return run_action(lambda: resume(profile, current_user), _resumed,
                      _to_detail(recurring_id))  # fmt: skip


def _resumed(skipped: list) -> str:
    """The flash of a resume: the dates skipped while paused are named (never billed)."""
    if not skipped:
        return _("Recurring invoice resumed.")
    dates = ", ".join(format_day(day) for day in skipped[:SHOWN])
    if len(skipped) > SHOWN:
        dates = _("%(dates)s and %(num)d more", dates=dates, num=len(skipped) - SHOWN)
    return ngettext(
        "Recurring invoice resumed. No invoice is made for %(num)d date skipped while it was "
        "paused: %(dates)s.",
        "Recurring invoice resumed. No invoice is made for the %(num)d dates skipped while it "
        "was paused: %(dates)s.",
        len(skipped), dates=dates,
    )  # fmt: skip


@bp.post("/recurring-invoices/<int:recurring_id>/delete")
def recurring_delete(recurring_id: int):
    profile = _get(recurring_id)
    return run_action(lambda: delete_profile(profile, current_user),
                      _("Recurring invoice deleted. The invoices it made are kept."),
                      url_for("admin.recurring_list"), back=_to_detail(recurring_id))  # fmt: skip


@bp.get("/customers/<int:customer_id>/recurring-invoices")
def customer_recurring_invoices(customer_id: int):
    return customer_tab(customer_id, "recurring", customer_recurring,
                        "admin/customers/recurring.html", status_of=status_of)  # fmt: skip
