"""Files in the portal: the files staff shared with the contact's customer, as downloads."""

from flask import request
from flask_login import current_user

from app.blueprints.portal import bp, module_required
from app.blueprints.uploads import attachment_response
from app.htmx import render
from app.models import CustomerFile
from app.services.customers.files import shared_files
from app.services.lists import paginate
from app.services.scope import scope_of


@bp.get("/files")
@module_required("files")
def file_list():
    page = paginate(shared_files(scope_of(current_user)), request.args, "portal")
    return render("portal/files/list.html", block="results", page=page)


@bp.get("/files/<int:file_id>")
@module_required("files")
def file_download(file_id: int):
    """A shared file of the contact's customer; a staff-only or another customer's file: 404."""
    scope = scope_of(current_user)
    return attachment_response(scope.get_or_404(CustomerFile, file_id, shared_files(scope)))
