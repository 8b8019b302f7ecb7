"""The dashboard home page."""

from app.blueprints.admin import bp
from app.htmx import render
from app.services.dashboard import dashboard_figures


@bp.get("/")
def dashboard():
    return render("admin/dashboard.html", figures=dashboard_figures())
