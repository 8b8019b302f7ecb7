"""Settings → Contracts (admin only): contract types, and when staff hear of a contract's end."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from app.blueprints.admin import admin_required, bp
from app.extensions import db
from app.forms.contracts import ContractTypeForm, ReminderDaysForm
from app.htmx import form_status, render
from app.models import ContractType
from app.services import ValidationError
from app.services.contracts.reminders import reminder_days
from app.services.contracts.types import all_types, delete_type, save_type
from app.services.settings import save_settings


def _page(form=None, days_form=None, status=200):
    days_form = days_form or ReminderDaysForm(formdata=None, contract_reminder_days=reminder_days())
    return render("admin/settings/contracts.html", status=status,
                  form=form or ContractTypeForm(formdata=None), days_form=days_form,
                  types=all_types())  # fmt: skip


def _saved(form, contract_type) -> bool:
    """Save the type; False leaves the error on the form."""
    try:
        save_type(contract_type, form.name.data)
    except ValidationError as exc:
        form.name.errors = [exc.message]
        return False
    return True


@bp.route("/settings/contracts", methods=["GET", "POST"])
@admin_required
def settings_contracts():
    form = ContractTypeForm()
    if form.validate_on_submit() and _saved(form, None):
        db.session.commit()
        flash(_("Contract type added."), "success")
        return redirect(url_for("admin.settings_contracts"), 303)
    return _page(form=form, status=form_status(form))


@bp.post("/settings/contracts/reminders")
@admin_required
def settings_contract_reminders():
    days_form = ReminderDaysForm()
    if days_form.validate_on_submit():
        save_settings({"contract_reminder_days": days_form.contract_reminder_days.data})
        db.session.commit()
        flash(_("Reminder saved."), "success")
        return redirect(url_for("admin.settings_contracts"), 303)
    return _page(days_form=days_form, status=422)


@bp.route("/settings/contracts/types/<int:type_id>", methods=["GET", "POST"])
@admin_required
def settings_contract_type_edit(type_id: int):
    contract_type = db.get_or_404(ContractType, type_id)
    form = ContractTypeForm(obj=None if request.method == "POST" else contract_type)
    if form.validate_on_submit() and _saved(form, contract_type):
        db.session.commit()
        flash(_("Contract type saved."), "success")
        return redirect(url_for("admin.settings_contracts"), 303)
    return render("admin/settings/contract_type_form.html", status=form_status(form), form=form,
                  contract_type=contract_type)  # fmt: skip


@bp.post("/settings/contracts/types/<int:type_id>/delete")
@admin_required
def settings_contract_type_delete(type_id: int):
    delete_type(db.get_or_404(ContractType, type_id))
    db.session.commit()
    flash(_("Contract type deleted; its contracts remain, without a type."), "success")
    return redirect(url_for("admin.settings_contracts"), 303)
