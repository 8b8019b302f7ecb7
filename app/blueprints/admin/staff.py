"""Staff members and the settings area (admin only)."""

from sqlalchemy import select

from app.blueprints.admin import admin_required, bp
from app.extensions import db
from app.htmx import render
from app.models import User


@bp.get("/staff/")
@admin_required
def staff_list():
    members = db.session.scalars(select(User).order_by(User.name)).all()
    return render("admin/staff/list.html", members=members)
