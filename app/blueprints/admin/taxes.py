"""Settings → Taxes (admin only): the tax rates lines can carry."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.blueprints.admin import admin_required, bp
from app.extensions import db
from app.forms.sales import TaxRateForm
from app.htmx import form_status, render
from app.models import TaxRate


@bp.route("/settings/taxes", methods=["GET", "POST"])
@admin_required
def tax_list():
    form = TaxRateForm()
    if form.validate_on_submit():
        db.session.add(TaxRate(name=form.name.data.strip(), percent=form.percent.data))
        db.session.commit()
        flash(_("Tax added."), "success")
        return redirect(url_for("admin.tax_list"), 303)
    taxes = db.session.scalars(select(TaxRate).order_by(TaxRate.name)).all()
    status = form_status(form)
    return render("admin/settings/taxes.html", status=status, form=form, taxes=taxes)


@bp.route("/settings/taxes/<int:tax_id>", methods=["GET", "POST"])
@admin_required
def tax_edit(tax_id: int):
    tax = db.get_or_404(TaxRate, tax_id)
    form = TaxRateForm(obj=None if request.method == "POST" else tax)
    if form.validate_on_submit():
        tax.name, tax.percent = form.name.data.strip(), form.percent.data
        db.session.commit()
        flash(_("Tax saved. Documents already saved keep the rate they were saved with."),
              "success")  # fmt: skip
        return redirect(url_for("admin.tax_list"), 303)
    status = form_status(form)
    return render("admin/settings/tax_form.html", status=status, form=form, tax=tax)


@bp.post("/settings/taxes/<int:tax_id>/delete")
@admin_required
def tax_delete(tax_id: int):
    db.session.delete(db.get_or_404(TaxRate, tax_id))
    db.session.commit()
    flash(_("Tax deleted."), "success")
    return redirect(url_for("admin.tax_list"), 303)
