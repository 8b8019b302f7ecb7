"""Settings → Taxes (admin only): the tax rates lines can carry."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import run_action, saved_form
from app.forms.sales import TaxRateForm
from app.htmx import form_status, render
from app.models import TaxRate
from app.services.sales.taxes import all_taxes, delete_tax, save_tax, tax_in_use
from app.services.scope import scope_of


@bp.route("/settings/taxes", methods=["GET", "POST"])
def tax_list():
    form = TaxRateForm()
    return saved_form(
        form,
        lambda: save_tax(None, form.name.data, form.percent.data),
        _("Tax added."),
        url_for("admin.tax_list"),
    ) or render("admin/settings/taxes.html", status=form_status(form), form=form, taxes=all_taxes())


@bp.route("/settings/taxes/<int:tax_id>", methods=["GET", "POST"])
def tax_edit(tax_id: int):
    tax = scope_of(current_user).get_or_404(TaxRate, tax_id)
    form = TaxRateForm(obj=None if request.method == "POST" else tax)
    in_use = tax_in_use(tax)
    if in_use:  # renaming is fine; a new rate is a new tax
        form.percent.description = _("Documents use this tax: rename it freely; for a new rate, "
                                     "add a tax.")  # fmt: skip
    message = _("Tax saved. Documents already saved keep the rate they were saved with.")
    done = saved_form(form, lambda: save_tax(tax, form.name.data, form.percent.data), message,
                      url_for("admin.tax_list"))  # fmt: skip
    return done or render("admin/settings/tax_form.html", status=form_status(form), form=form,
                          tax=tax, in_use=in_use)  # fmt: skip


@bp.post("/settings/taxes/<int:tax_id>/delete")
def tax_delete(tax_id: int):
    tax = scope_of(current_user).get_or_404(TaxRate, tax_id)
    return run_action(lambda: delete_tax(tax), _("Tax deleted."), url_for("admin.tax_list"))
