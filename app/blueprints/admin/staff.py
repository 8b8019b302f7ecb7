"""Staff members and the settings area (admin only)."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import admin_required, bp
from app.blueprints.posting import run_action
from app.htmx import render
from app.models import User
from app.services import two_step
from app.services.scope import scope_of
from app.services.staff import all_staff


@bp.get("/staff/")
@admin_required
def staff_list():
    return render("admin/staff/list.html", members=all_staff(),
                  with_two_step=two_step.staff_with_two_step())  # fmt: skip


@bp.post("/staff/<int:user_id>/two-step/reset")
@admin_required
def staff_two_step_reset(user_id: int):
    """Clear a colleague's lost second step (their phone is gone, and so are the codes)."""
    member = scope_of(current_user).get_or_404(User, user_id)
    return run_action(lambda: two_step.reset_for(member, by=current_user),
                      _("Two-step sign-in of %(name)s is reset.", name=member.name),
                      url_for("admin.staff_list"))  # fmt: skip
