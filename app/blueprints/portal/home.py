"""The portal dashboard and one page per module this contact may use."""

from flask_login import current_user

from app.blueprints.portal import bp, module_required
from app.htmx import render
from app.models import PORTAL_MODULES


@bp.get("/")
def dashboard():
    modules = [m for m in PORTAL_MODULES if current_user.may_use(m)]
    return render("portal/dashboard.html", modules=modules)


def _module_page(module: str):
    return render("portal/module.html", module=module)


@bp.get("/proposals")
@module_required("proposals")
def proposals():
    return _module_page("proposals")


@bp.get("/projects")
@module_required("projects")
def projects():
    return _module_page("projects")
