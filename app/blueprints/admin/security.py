"""My profile → Security (own sessions and security log) and an administrator's view of a staff
member's sessions and log, with End all sessions."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.blueprints.admin import admin_required, bp
from app.blueprints.posting import run_action
from app.htmx import render
from app.services import sessions
from app.services.security_log import events_of


@bp.get("/profile/security")
def profile_security():
    user = current_user._get_current_object()
    return render(
        "admin/security.html",
        block="log",
        rows=sessions.live_sessions(user),
        current=sessions.current_session(user),
        page=events_of(user, request.args),
    )


@bp.post("/profile/sessions/<int:session_id>/end")
def profile_session_end(session_id: int):
    user = current_user._get_current_object()
    row = sessions.find_session(user, session_id)
    if row is None or row is sessions.current_session(user):
        abort(404)  # this browser signs out with Sign out
    return run_action(lambda: sessions.end_session(user, row), _("The session is ended."),
                      url_for("admin.profile_security"))  # fmt: skip


@bp.post("/profile/sessions/end-others")
def profile_sessions_end_others():
    user = current_user._get_current_object()
    return run_action(
        lambda: sessions.end_my_other_sessions(user),
        lambda count: ngettext("%(num)d session ended.", "%(num)d sessions ended.", count),
        url_for("admin.profile_security"),
    )


@bp.get("/staff/<int:user_id>/security")
@admin_required
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
@admin_required
def staff_sessions_end(user_id: int):
    member = sessions.staff_member_or_404(user_id)
    admin = current_user._get_current_object()
    return run_action(
        lambda: sessions.end_all_sessions(member, by=admin),
        lambda count: ngettext("%(num)d session ended.", "%(num)d sessions ended.", count),
        url_for("admin.staff_security", user_id=member.id),
    )
