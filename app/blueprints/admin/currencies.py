"""Settings → Currencies (admin only)."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import run_action, saved_form
from app.forms.settings import CurrencyForm
from app.htmx import form_status, render
from app.models import Currency
from app.services.currencies import (
    all_currencies,
    currency_in_use,
    delete_currency,
    make_default,
    save_currency,
)
from app.services.scope import scope_of


def _saved(form, currency):
    """Save the currency the form holds: a redirect, or None with the errors on the form."""
    return saved_form(
        form,
        lambda: save_currency(currency, form.code.data, form.symbol.data, form.decimals.data,
                              form.symbol_after.data == "after"),
        lambda saved: (_("Currency %(code)s added.", code=saved.code) if currency is None
                       else _("Currency %(code)s saved.", code=saved.code)),
        url_for("admin.currency_list"),
    )  # fmt: skip


@bp.route("/settings/currencies", methods=["GET", "POST"])
def currency_list():
    form = CurrencyForm()
    done = _saved(form, None)
    if done:
        return done
    currencies = all_currencies()
    return render(
        "admin/settings/currencies.html",
        status=form_status(form),
        form=form,
        currencies=currencies,
        in_use={c.id for c in currencies if currency_in_use(c.id)},
    )


@bp.route("/settings/currencies/<int:currency_id>", methods=["GET", "POST"])
def currency_edit(currency_id: int):
    currency = scope_of(current_user).get_or_404(Currency, currency_id)
    form = CurrencyForm(obj=None if request.method == "POST" else currency)
    if request.method == "GET":
        form.symbol_after.data = "after" if currency.symbol_after else "before"
    return _saved(form, currency) or render(
        "admin/settings/currency_form.html", status=form_status(form), form=form, currency=currency
    )


@bp.post("/settings/currencies/<int:currency_id>/default")
def currency_default(currency_id: int):
    currency = scope_of(current_user).get_or_404(Currency, currency_id)
    return run_action(lambda: make_default(currency),
                      _("%(code)s is now the default currency.", code=currency.code),
                      url_for("admin.currency_list"))  # fmt: skip


@bp.post("/settings/currencies/<int:currency_id>/delete")
def currency_delete(currency_id: int):
    currency = scope_of(current_user).get_or_404(Currency, currency_id)
    return run_action(lambda: delete_currency(currency),
                      _("Currency %(code)s deleted.", code=currency.code),
                      url_for("admin.currency_list"))  # fmt: skip
