"""The dashboard home page, and the first-run card it shows until the setup is finished."""

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import reload_goes_to, saved_form
from app.forms.settings import FirstRunForm
from app.htmx import form_status, render
from app.i18n import shipped_languages
from app.services.contracts.queries import ending_soon
from app.services.contracts.reminders import reminder_days
from app.services.dashboard import dashboard_figures
from app.services.scope import scope_of
from app.services.settings import get_settings
from app.services.setup import (
    country_currency,
    default_currency,
    finish_setup,
    setup_missing,
)


def first_run_form() -> FirstRunForm:
    """The card's form, filled with what is set already (the country suggests the currency,
    the staff member's own language the default one)."""
    form = FirstRunForm()
    if form.is_submitted():
        return form
    settings = get_settings()
    current = default_currency()
    form.company_name.data = settings.company_name
    form.company_country.data = settings.company_country
    form.default_currency.data = (
        current.code if current else country_currency(settings.company_country) or ""
    )
    locale = str(get_locale())
    form.default_language.data = (
        settings.default_language
        if settings.is_saved("default_language") or locale not in shipped_languages()
        else locale
    )
    return form


def dashboard_page(form: FirstRunForm | None, block: str | None = None, status: int = 200):
    """The dashboard, with the first-run card while the setup is unfinished (its form for
    administrators, a note for other staff)."""
    missing = setup_missing()
    scope = scope_of(current_user._get_current_object())
    figures = dashboard_figures(scope)
    days = reminder_days()
    ending = ending_soon(days, scope) if scope.sees("contracts") else None
    return render("admin/dashboard.html", block=block, status=status, figures=figures,
                  month_start=figures["month_start"], ending=ending, ending_days=days,
                  first_run=missing, form=form)  # fmt: skip


@bp.get("/")
def dashboard():
    form = first_run_form() if current_user.can("settings", "edit") and setup_missing() else None
    return dashboard_page(form)


@bp.route("/first-run", methods=["GET", "POST"])
@reload_goes_to(lambda: url_for("admin.dashboard"))
def first_run():
    form = first_run_form()
    done = saved_form(
        form,
        lambda: finish_setup(form.company_name.data, form.company_country.data,
                             form.default_currency.data, form.default_language.data),
        _("The setup is finished: you can add your first customer."),
        url_for("admin.dashboard"),
    )  # fmt: skip
    return done or dashboard_page(form, block="first_run", status=form_status(form))
