"""The contact's sessions and security log (Profile → Sessions and security log)."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.blueprints.portal import bp
from app.blueprints.posting import run_action
from app.htmx import render
from app.services import sessions
from app.services.security_log import events_of


@bp.get("/profile/security")
def profile_security():
    contact = current_user._get_current_object()
    return render(
        "portal/security.html",
        block="log",
        rows=sessions.live_sessions(contact),
        current=sessions.current_session(contact),
        page=events_of(contact, request.args),
    )


@bp.post("/profile/sessions/<int:session_id>/end")
def profile_session_end(session_id: int):
    contact = current_user._get_current_object()
    row = sessions.find_session(contact, session_id)
    if row is None or row is sessions.current_session(contact):
        abort(404)  # this browser signs out with Sign out
    return run_action(lambda: sessions.end_session(contact, row), _("The session is ended."),
                      url_for("portal.profile_security"))  # fmt: skip


@bp.post("/profile/sessions/end-others")
def profile_sessions_end_others():
    contact = current_user._get_current_object()
    return run_action(
        lambda: sessions.end_my_other_sessions(contact),
        lambda count: ngettext("%(num)d session ended.", "%(num)d sessions ended.", count),
        url_for("portal.profile_security"),
    )
