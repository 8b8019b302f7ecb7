"""Contracts in the dashboard: list with filters, the form, a contract's page and its actions."""

from datetime import date, timedelta

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.choose import customer_chooser
from app.blueprints.admin.custom_form import custom_form, fill_custom
from app.blueprints.admin.customers import customer_tab
from app.blueprints.posting import run_action, saved_form
from app.downloads import pdf_response
from app.forms.contracts import ContractForm
from app.htmx import form_status, render
from app.models import Contract, Customer
from app.parsing import parse_id
from app.services.contracts.notify import send_to_contact
from app.services.contracts.pdf import contract_filename
from app.services.contracts.pdf import contract_pdf as render_pdf
from app.services.contracts.queries import ContractFilters, contracts_query
from app.services.contracts.queries import customer_contracts as customer_contracts_of
from app.services.contracts.reminders import reminder_days
from app.services.contracts.service import (
    ContractInput,
    can_delete,
    can_renew,
    can_send,
    check_contract,
    delete_contract,
    is_editable,
    mark_sent,
    renew_contract,
    renewal_of,
    save_contract,
)
from app.services.contracts.types import all_types
from app.services.currencies import all_currencies
from app.services.custom_fields.filters import list_context, list_fields
from app.services.custom_fields.records import checked_with_custom, saved_with_custom
from app.services.custom_fields.values import shown_values
from app.services.languages import screen
from app.services.lists import paginate
from app.services.sales.service import default_currency
from app.services.scope import scope_of


@bp.get("/contracts")
def contract_list():
    fields = list_fields("contract")
    filters = ContractFilters.from_args(request.args, reminder_days(), fields, screen())
    page = paginate(contracts_query(filters, scope_of(current_user)), request.args, "contracts")
    custom = list_context(fields, filters, [c.id for c in page.items], "contract")
    return render("admin/contracts/list.html", block="results", page=page, filters=filters,
                  types=all_types(), days=filters.ending_days, **custom)  # fmt: skip


@bp.get("/customers/<int:customer_id>/contracts")
def customer_contracts(customer_id: int):
    return customer_tab(customer_id, "contracts", customer_contracts_of)


def _form(contract: Contract | None = None, customer: Customer | None = None) -> ContractForm:
    """The form, filled from the contract (or the customer's defaults) on a first view."""
    form = custom_form(ContractForm, "contract")(all_types(), all_currencies())
    if form.is_submitted():
        return form
    if contract is not None:
        form.process(obj=contract)
        fill_custom(form, "contract", contract.id)
        form.customer_id.data = str(contract.customer_id)
        form.type_id.data = str(contract.type_id or "")
    elif customer is not None:
        currency = customer.currency or default_currency()
        form.customer_id.data = str(customer.id)
        form.currency_code.data = currency.code if currency else ""
        form.start_date.data = date.today()
        form.end_date.data = date.today() + timedelta(days=365)
    return form


def _input(form: ContractForm) -> ContractInput:
    return ContractInput(
        customer_id=parse_id(form.customer_id.data), subject=form.subject.data or "",
        type_id=parse_id(form.type_id.data), value=form.value.data,
        currency_code=form.currency_code.data or "", start_date=form.start_date.data,
        end_date=form.end_date.data, content=form.content.data or "",
    )  # fmt: skip


def _saved(form: ContractForm, contract: Contract | None):
    """The contract form's post: a redirect, or None with the errors on the form. A contract
    signed meanwhile has nothing in the form to correct: flashed, back to its page."""
    was_sent = contract is not None and contract.status == "sent"

    def message(saved):
        if was_sent and saved.status == "draft":
            return (_("Contract saved. It is a draft again: send it again so the customer signs "
                      "what you changed."), "info")  # fmt: skip
        return _("Contract saved.")

    user = current_user._get_current_object()

    def save():
        return saved_with_custom("contract", form.data,
                                 lambda: save_contract(contract, _input(form), user))  # fmt: skip

    def check():
        checked_with_custom("contract", form.data,
                            lambda: check_contract(_input(form), user, contract))  # fmt: skip

    return saved_form(form, save, message, _here, check=check,
                      back=_here(contract) if contract else None)  # fmt: skip


@bp.route("/contracts/new", methods=["GET", "POST"])
def contract_create():
    customer_id = parse_id(request.values.get("customer") or request.form.get("customer_id"))
    customer = scope_of(current_user).get(Customer, customer_id or 0)
    if customer is None and request.method == "GET":
        return customer_chooser("contract")
    form = _form(customer=customer)
    done = _saved(form, None)
    if done is not None:
        return done
    return render("admin/contracts/form.html", block="form", status=form_status(form), form=form,
                  contract=None, customer=customer)  # fmt: skip


def get_contract(contract_id: int) -> Contract:
    """The contract, when this staff member may see it, or 404."""
    return scope_of(current_user).get_or_404(Contract, contract_id)


@bp.route("/contracts/<int:contract_id>/edit", methods=["GET", "POST"])
def contract_edit(contract_id: int):
    contract = get_contract(contract_id)
    if request.method == "GET" and not is_editable(contract):  # a POST hears it from the service
        flash(_("A signed contract cannot be changed. Renew it instead."), "error")
        return redirect(url_for("admin.contract_detail", contract_id=contract.id), 303)
    form = _form(contract)
    done = _saved(form, contract)
    if done is not None:
        return done
    customer = scope_of(current_user).get(Customer, parse_id(form.customer_id.data) or 0)
    customer = customer or contract.customer
    return render("admin/contracts/form.html", block="form", status=form_status(form), form=form,
                  contract=contract, customer=customer)  # fmt: skip


@bp.get("/contracts/<int:contract_id>")
def contract_detail(contract_id: int):
    contract = get_contract(contract_id)
    renewed_from = scope_of(current_user).get(Contract, contract.renewed_from_id or 0)
    renewal = renewal_of(contract)  # renewed once at most
    may = {"edit": is_editable(contract), "send": can_send(contract),
           "renew": can_renew(contract, renewal), "delete": can_delete(contract)}  # fmt: skip
    return render("admin/contracts/detail.html", contract=contract, may=may,
                  renewed_from=renewed_from, renewal=renewal,
                  custom_values=shown_values("contract", contract.id, screen(), None))  # fmt: skip


def _action(contract_id: int, act, message, to=None):
    """A one-button action on a contract; refused, back to the contract's page."""
    contract = get_contract(contract_id)
    here = _here(contract)
    return run_action(lambda: act(contract), message, to or here, back=here)


@bp.post("/contracts/<int:contract_id>/send")
def contract_send(contract_id: int):
    def send(contract):
        contact = mark_sent(contract, current_user._get_current_object())
        return contact if send_to_contact(contract, contact) else None

    def message(contact):
        if contact is None:
            return _("Contract marked as sent; its email is switched off.")
        return _("Contract sent to %(email)s.", email=contact.email)

    return _action(contract_id, send, message)


@bp.post("/contracts/<int:contract_id>/renew")
def contract_renew(contract_id: int):
    return _action(
        contract_id,
        lambda contract: renew_contract(contract, current_user._get_current_object()),
        _("A renewal draft was created. Check its dates and content."),
        lambda copy: url_for("admin.contract_edit", contract_id=copy.id),
    )


@bp.post("/contracts/<int:contract_id>/delete")
def contract_delete(contract_id: int):
    contract = get_contract(contract_id)
    return _action(
        contract_id,
        lambda contract: delete_contract(contract, current_user._get_current_object()),
        _("Draft contract deleted."),
        url_for("admin.customer_contracts", customer_id=contract.customer_id),
    )


def _here(contract: Contract) -> str:
    return url_for("admin.contract_detail", contract_id=contract.id)


@bp.get("/contracts/<int:contract_id>/pdf")
def contract_pdf(contract_id: int):
    contract = get_contract(contract_id)
    return pdf_response(render_pdf(contract), contract_filename(contract))
