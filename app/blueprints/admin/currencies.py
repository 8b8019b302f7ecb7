"""Settings → Currencies (admin only)."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from app.blueprints.admin import admin_required, bp
from app.extensions import db
from app.forms import show_errors
from app.forms.settings import CurrencyForm
from app.htmx import form_status, render
from app.models import Currency
from app.services import FormErrors, ValidationError
from app.services.currencies import (
    all_currencies,
    currency_in_use,
    delete_currency,
    make_default,
    save_currency,
)


def _save(form, currency):
    """Validate and save; None leaves the errors on the form."""
    if not form.validate():
        return None
    try:
        return save_currency(
            currency,
            form.code.data,
            form.symbol.data,
            form.decimals.data,
            form.symbol_after.data == "after",
        )
    except FormErrors as exc:
        show_errors(form, exc)
        return None


@bp.route("/settings/currencies", methods=["GET", "POST"])
@admin_required
def currency_list():
    form = CurrencyForm()
    if form.is_submitted():
        currency = _save(form, None)
        if currency is not None:
            db.session.commit()
            flash(_("Currency %(code)s added.", code=currency.code), "success")
            return redirect(url_for("admin.currency_list"), 303)
    currencies = all_currencies()
    status = form_status(form)
    return render(
        "admin/settings/currencies.html",
        status=status,
        form=form,
        currencies=currencies,
        in_use={c.id for c in currencies if currency_in_use(c.id)},
    )


@bp.route("/settings/currencies/<int:currency_id>", methods=["GET", "POST"])
@admin_required
def currency_edit(currency_id: int):
    currency = db.get_or_404(Currency, currency_id)
    form = CurrencyForm(obj=None if request.method == "POST" else currency)
    if request.method == "GET":
        form.symbol_after.data = "after" if currency.symbol_after else "before"
    if form.is_submitted() and _save(form, currency) is not None:
        db.session.commit()
        flash(_("Currency %(code)s saved.", code=currency.code), "success")
        return redirect(url_for("admin.currency_list"), 303)
    status = form_status(form)
    return render("admin/settings/currency_form.html", status=status, form=form, currency=currency)


@bp.post("/settings/currencies/<int:currency_id>/default")
@admin_required
def currency_default(currency_id: int):
    currency = db.get_or_404(Currency, currency_id)
    make_default(currency)
    db.session.commit()
    flash(_("%(code)s is now the default currency.", code=currency.code), "success")
    return redirect(url_for("admin.currency_list"), 303)


@bp.post("/settings/currencies/<int:currency_id>/delete")
@admin_required
def currency_delete(currency_id: int):
    currency = db.get_or_404(Currency, currency_id)
    code = currency.code
    try:
        delete_currency(currency)
    except ValidationError as exc:
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("Currency %(code)s deleted.", code=code), "success")
    return redirect(url_for("admin.currency_list"), 303)
