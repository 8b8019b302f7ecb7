"""Contracts in the portal: the customer's sent and signed contracts, their PDF, signing."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.portal import bp, module_required
from app.blueprints.posting import refuse_action, saved_form
from app.downloads import pdf_response
from app.forms.contracts import SignForm
from app.htmx import form_status, render
from app.models import Contract
from app.services import ValidationError
from app.services.contracts.notify import tell_staff
from app.services.contracts.pdf import contract_filename
from app.services.contracts.pdf import contract_pdf as render_pdf
from app.services.contracts.queries import portal_contracts, sent_contracts
from app.services.contracts.service import can_sign
from app.services.contracts.signing import check_signable, content_fingerprint, sign_contract
from app.services.custom_fields.values import shown_values
from app.services.languages import screen
from app.services.lists import paginate
from app.services.scope import scope_of


def own_contract(contract_id: int) -> Contract:
    """One of the contracts the contact may see, or 404."""
    scope = scope_of(current_user)
    return scope.get_or_404(Contract, contract_id, sent_contracts(scope))


@bp.get("/contracts")
@module_required("contracts")
def contract_list():
    page = paginate(portal_contracts(scope_of(current_user)), request.args, "portal")
    return render("portal/contracts/list.html", block="results", page=page)


def _page(contract: Contract, form: SignForm, status: int = 200):
    return render("portal/contracts/detail.html", status=status, contract=contract, form=form,
                  may_sign=can_sign(contract),
                  custom_values=shown_values("contract", contract.id, screen(),
                                             "in_portal"))  # fmt: skip


@bp.get("/contracts/<int:contract_id>")
@module_required("contracts")
def contract_detail(contract_id: int):
    contract = own_contract(contract_id)
    return _page(contract, SignForm(formdata=None, seen=content_fingerprint(contract)))


@bp.post("/contracts/<int:contract_id>/sign")
@module_required("contracts")
def contract_sign(contract_id: int):
    contract = own_contract(contract_id)
    here = url_for("portal.contract_detail", contract_id=contract.id)
    try:
        check_signable(contract)
    except ValidationError as exc:  # signed already, or expired: nothing to correct in the form
        return refuse_action(exc, here)
    form = SignForm()
    contact = current_user._get_current_object()

    def sign():
        seen = form.seen.data or ""
        sign_contract(contract, contact, form.name.data, request.remote_addr, seen)
        tell_staff(contract, "contract_signed_staff")

    # A refusal naming no field (signed first by another submission, or changed since the page
    # was read) is flashed, and the page shows the contract as it is now.
    done = saved_form(form, sign, _("Thank you: the contract is signed."), here, back=here)
    return done or _page(contract, form, form_status(form))


@bp.get("/contracts/<int:contract_id>/pdf")
@module_required("contracts")
def contract_pdf(contract_id: int):
    contract = own_contract(contract_id)
    return pdf_response(
        render_pdf(contract, from_portal=True), contract_filename(contract, from_portal=True)
    )
