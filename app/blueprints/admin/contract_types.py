"""Settings → Contracts (admin only): contract types, and when staff hear of a contract's end."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import reload_goes_to, run_action, saved_form
from app.forms.contracts import ContractTypeForm, ReminderDaysForm
from app.htmx import form_status, render
from app.models import ContractType
from app.services.contracts.reminders import reminder_days
from app.services.contracts.types import all_types, delete_type, save_type
from app.services.scope import scope_of
from app.services.settings import save_settings


def _page(form=None, days_form=None, status=200):
    days_form = days_form or ReminderDaysForm(formdata=None, contract_reminder_days=reminder_days())
    return render("admin/settings/contracts.html", status=status,
                  form=form or ContractTypeForm(formdata=None), days_form=days_form,
                  types=all_types())  # fmt: skip


def _to_settings() -> str:
    return url_for("admin.settings_contracts")


@bp.route("/settings/contracts", methods=["GET", "POST"])
def settings_contracts():
    form = ContractTypeForm()
    done = saved_form(form, lambda: save_type(None, form.name.data), _("Contract type added."),
                      _to_settings())  # fmt: skip
    return done or _page(form=form, status=form_status(form))


@bp.route("/settings/contracts/reminders", methods=["GET", "POST"])
@reload_goes_to(lambda: url_for("admin.settings_contracts"))
def settings_contract_reminders():
    days_form = ReminderDaysForm()

    def save():
        save_settings({"contract_reminder_days": days_form.contract_reminder_days.data})

    done = saved_form(days_form, save, _("Reminder saved."), _to_settings())
    return done or _page(days_form=days_form, status=422)


@bp.route("/settings/contracts/types/<int:type_id>", methods=["GET", "POST"])
def settings_contract_type_edit(type_id: int):
    contract_type = scope_of(current_user).get_or_404(ContractType, type_id)
    form = ContractTypeForm(obj=None if request.method == "POST" else contract_type)
    done = saved_form(form, lambda: save_type(contract_type, form.name.data),
                      _("Contract type saved."), _to_settings())  # fmt: skip
    return done or render("admin/settings/contract_type_form.html", status=form_status(form),
                          form=form, contract_type=contract_type)  # fmt: skip


@bp.post("/settings/contracts/types/<int:type_id>/delete")
def settings_contract_type_delete(type_id: int):
    contract_type = scope_of(current_user).get_or_404(ContractType, type_id)
    return run_action(lambda: delete_type(contract_type),
                      _("Contract type deleted; its contracts remain, without a type."),
                      _to_settings())  # fmt: skip
