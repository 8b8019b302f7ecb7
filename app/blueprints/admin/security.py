"""My profile → Security (own sessions and security log) and an administrator's view of a staff
member's sessions and log, with End all sessions."""

from flask import request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.capabilities import changeable_member
from app.blueprints.posting import run_action
from app.blueprints.security_pages import own_security_routes
from app.htmx import render
from app.services import sessions
from app.services.security_log import events_of

own_security_routes(bp, layout="layouts/admin.html", profile="admin.profile",
                    profile_label=_l("My profile"))  # fmt: skip


@bp.get("/staff/<int:user_id>/security")
def staff_security(user_id: int):
    member = sessions.staff_member_or_404(user_id)
    return render(
        "admin/staff/security.html",
        block="log",
        member=member,
        rows=sessions.live_sessions(member),
        current=sessions.current_session(member),
        page=events_of(member, request.args),
    )


@bp.post("/staff/<int:user_id>/sessions/end")
def staff_sessions_end(user_id: int):
    member = changeable_member(sessions.staff_member_or_404(user_id))
    admin = current_user._get_current_object()
    return run_action(
        lambda: sessions.end_all_sessions(member, by=admin),
        lambda count: ngettext("%(num)d session ended.", "%(num)d sessions ended.", count),
        url_for("admin.staff_security", user_id=member.id),
    )
