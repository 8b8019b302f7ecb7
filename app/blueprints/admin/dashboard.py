"""The dashboard home page."""

from app.blueprints.admin import bp
from app.htmx import render
from app.services.contracts.queries import ending_soon
from app.services.contracts.reminders import reminder_days
from app.services.dashboard import dashboard_figures


@bp.get("/")
def dashboard():
    figures = dashboard_figures()
    days = reminder_days()
    return render("admin/dashboard.html", figures=figures, month_start=figures["month_start"],
                  ending=ending_soon(days), ending_days=days)  # fmt: skip
