"""A customer's files: its Files tab (upload, share or keep staff-only, delete) and downloads."""

from uuid import uuid4

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import get_customer
from app.blueprints.posting import run_action, saved_form
from app.blueprints.uploads import attachment_response, uploaded_file
from app.forms.files import CustomerFileForm
from app.htmx import form_status, render
from app.models import CustomerFile
from app.services.customers.files import (
    add_file,
    delete_file,
    max_bytes,
    max_size_text,
    set_shared,
)
from app.services.customers.files import (
    customer_files as files_of,
)
from app.services.lists import paginate
from app.services.scope import scope_of


def get_file(customer_id: int, file_id: int) -> CustomerFile:
    """The file of this customer, or 404 (another customer's file is a 404 too)."""
    return scope_of(current_user).of_customer_or_404(CustomerFile, customer_id, file_id)


def _files_url(customer_id: int) -> str:
    return url_for("admin.customer_files", customer_id=customer_id)


@bp.route("/customers/<int:customer_id>/files", methods=["GET", "POST"])
def customer_files(customer_id: int):
    customer = get_customer(customer_id)
    form = CustomerFileForm(max_size_text())
    me = current_user._get_current_object()
    done = saved_form(
        form,
        lambda: add_file(customer, uploaded_file("file", max_bytes()), form.description.data,
                         form.shared.data, me, form.form_key.data),
        _("File added."),
        _files_url(customer.id),
    )  # fmt: skip
    if done:
        return done
    if not form.errors:
        form.form_key.data = uuid4().hex
    page = paginate(files_of(customer.id, scope_of(current_user)), request.args, "customer_tab")
    return render("admin/customers/files.html", block="form" if form.errors else "results",
                  status=form_status(form), form=form, page=page,
                  **customer_header(customer, "files"))  # fmt: skip


@bp.get("/customers/<int:customer_id>/files/<int:file_id>")
def customer_file_download(customer_id: int, file_id: int):
    return attachment_response(get_file(customer_id, file_id))


@bp.post("/customers/<int:customer_id>/files/<int:file_id>/share")
def customer_file_share(customer_id: int, file_id: int):
    file = get_file(customer_id, file_id)
    shared = request.form.get("shared") == "1"
    message = _("File shared with the customer.") if shared else _("File made staff-only.")
    me = current_user._get_current_object()
    return run_action(lambda: set_shared(file, shared, me), message, _files_url(customer_id))


@bp.post("/customers/<int:customer_id>/files/<int:file_id>/delete")
def customer_file_delete(customer_id: int, file_id: int):
    file = get_file(customer_id, file_id)
    me = current_user._get_current_object()
    return run_action(lambda: delete_file(file, me), _("File deleted."), _files_url(customer_id))
