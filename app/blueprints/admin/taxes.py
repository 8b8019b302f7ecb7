"""Settings → Taxes (admin only): the tax rates lines can carry."""

from flask import request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.blueprints.admin import admin_required, bp
from app.blueprints.posting import run_action, saved_form
from app.extensions import db
from app.forms.sales import TaxRateForm
from app.htmx import form_status, render
from app.models import TaxRate


@bp.route("/settings/taxes", methods=["GET", "POST"])
@admin_required
def tax_list():
    form = TaxRateForm()

    def add():
        db.session.add(TaxRate(name=form.name.data.strip(), percent=form.percent.data))

    return saved_form(form, add, _("Tax added."), url_for("admin.tax_list")) or render(
        "admin/settings/taxes.html", status=form_status(form), form=form,
        taxes=db.session.scalars(select(TaxRate).order_by(TaxRate.name)).all())  # fmt: skip


@bp.route("/settings/taxes/<int:tax_id>", methods=["GET", "POST"])
@admin_required
def tax_edit(tax_id: int):
    tax = db.get_or_404(TaxRate, tax_id)
    form = TaxRateForm(obj=None if request.method == "POST" else tax)

    def save():
        tax.name, tax.percent = form.name.data.strip(), form.percent.data

    message = _("Tax saved. Documents already saved keep the rate they were saved with.")
    return saved_form(form, save, message, url_for("admin.tax_list")) or render(
        "admin/settings/tax_form.html", status=form_status(form), form=form, tax=tax)  # fmt: skip


@bp.post("/settings/taxes/<int:tax_id>/delete")
@admin_required
def tax_delete(tax_id: int):
    tax = db.get_or_404(TaxRate, tax_id)
    return run_action(lambda: db.session.delete(tax), _("Tax deleted."), url_for("admin.tax_list"))
