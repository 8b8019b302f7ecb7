"""Settings → Finance (admin only): numbering, due days, registration numbers, default texts."""

from flask import abort, current_app, request, url_for
from flask_babel import gettext as _

from app.blueprints.admin import bp
from app.blueprints.kinds import KINDS
from app.blueprints.posting import saved_form
from app.forms.settings import DocumentTextsForm, FinanceForm, PaymentRemindersForm
from app.htmx import form_status, render
from app.models import DOCUMENT_KINDS
from app.services.sales.finance import (
    FinanceInput,
    current_finance,
    document_texts,
    save_document_texts,
    save_finance,
    saved_texts,
)
from app.services.sales.reminder_schedule import reminder_settings


def _input(form: FinanceForm, shown: dict) -> FinanceInput:
    """The posted values; a next number left as the page showed it is not a change (so a new
    prefix with {YYYY} starts its own count at 1 unless a number is typed)."""
    return FinanceInput(
        prefixes={kind: form[f"{kind}_prefix"].data or "" for kind in DOCUMENT_KINDS},
        next_numbers={
            kind: None
            if form[f"{kind}_next"].data == shown[f"{kind}_next"]
            else form[f"{kind}_next"].data
            for kind in DOCUMENT_KINDS
        },  # fmt: skip
        invoice_due_days=form.invoice_due_days.data,
        estimate_valid_days=form.estimate_valid_days.data,
        company_registration=form.company_registration.data,
    )


@bp.route("/settings/finance", methods=["GET", "POST"])
def settings_finance():
    shown = current_finance()
    form = FinanceForm(data=shown) if request.method == "GET" else FinanceForm()
    done = saved_form(form, lambda: save_finance(_input(form, shown)), _("Finance settings saved."),
                      url_for("admin.settings_finance"))  # fmt: skip
    return done or finance_page(form=form, status=form_status(form))


def finance_page(form=None, reminders=None, status: int = 200):
    """The Finance page with its forms (as posted when refused, else as saved)."""
    return render(
        "admin/settings/finance.html",
        status=status,
        form=form or FinanceForm(formdata=None, data=current_finance()),
        reminders_form=reminders or PaymentRemindersForm(formdata=None, data=reminder_settings()),
        kinds=DOCUMENT_KINDS,
        languages=current_app.config["LANGUAGES"],
        texts=saved_texts(),
    )


@bp.route("/settings/finance/texts/<kind>/<language>", methods=["GET", "POST"])
def settings_document_texts(kind: str, language: str):
    if kind not in KINDS or language not in current_app.config["LANGUAGES"]:
        abort(404)
    form = DocumentTextsForm()
    if request.method == "GET":
        form.notes.data, form.terms.data = document_texts(kind, language)
    done = saved_form(
        form,
        lambda: save_document_texts(kind, language, form.notes.data, form.terms.data),
        _("Default notes and terms saved."),
        url_for("admin.settings_finance"),
    )
    return done or render("admin/settings/document_texts.html", status=form_status(form),
                          form=form, kind=kind, language=language)  # fmt: skip
