"""The dashboard home page."""

from app.blueprints.admin import bp
from app.htmx import render
from app.services.dashboard import dashboard_figures


@bp.get("/")
def dashboard():
    figures = dashboard_figures()
    return render("admin/dashboard.html", figures=figures, month_start=figures["month_start"])
