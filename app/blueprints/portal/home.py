"""The portal dashboard: one card per module this contact may use."""

from flask_login import current_user

from app.blueprints.portal import bp
from app.htmx import render
from app.models import PORTAL_MODULES


@bp.get("/")
def dashboard():
    modules = [m for m in PORTAL_MODULES if current_user.may_use(m)]
    return render("portal/dashboard.html", modules=modules)
