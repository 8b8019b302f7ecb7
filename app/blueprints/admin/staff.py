"""Staff members and the settings area (admin only)."""

from app.blueprints.admin import admin_required, bp
from app.htmx import render
from app.services.staff import all_staff


@bp.get("/staff/")
@admin_required
def staff_list():
    return render("admin/staff/list.html", members=all_staff())
