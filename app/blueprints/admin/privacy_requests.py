"""Settings → Personal data requests: every export and erasure, and the contacts' erasure
requests an administrator decides (erase, or refuse with a reason emailed to the contact)."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import run_action, saved_form
from app.forms.privacy import RefuseForm
from app.htmx import form_status, render
from app.models import PrivacyRequest
from app.services.lists import paginate
from app.services.privacy.requests import erase_on_request, refuse_erasure, requests_query
from app.services.scope import scope_of


def _list_url() -> str:
    return url_for("admin.privacy_request_list")


def _get(request_id: int) -> PrivacyRequest:
    return scope_of(current_user).get_or_404(PrivacyRequest, request_id)


@bp.get("/settings/personal-data")
def privacy_request_list():
    page = paginate(scope_of(current_user).narrow(requests_query(), PrivacyRequest),
                    request.args, "privacy")  # fmt: skip
    return render("admin/settings/privacy_requests.html", block="results", page=page)


@bp.route("/settings/personal-data/<int:request_id>/refuse", methods=["GET", "POST"])
def privacy_request_refuse(request_id: int):
    row = _get(request_id)
    form = RefuseForm()
    me = current_user._get_current_object()
    done = saved_form(form, lambda: refuse_erasure(row, form.reason.data, me),
                      _("The request is refused; the contact is told why by email."),
                      _list_url(), back=_list_url())  # fmt: skip
    return done or render("admin/settings/privacy_refuse.html", block="form",
                          status=form_status(form), form=form, row=row)  # fmt: skip


@bp.post("/settings/personal-data/<int:request_id>/erase")
def privacy_request_erase(request_id: int):
    row = _get(request_id)
    return run_action(lambda: erase_on_request(row, current_user._get_current_object()),
                      _("The contact's personal data is erased."), _list_url())  # fmt: skip
