"""Own sessions and security log, the same in both areas: the page, End this session, End all
other sessions (staff: My profile → Security; contacts: Profile → Sessions and security log)."""

from flask import Blueprint, abort, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.blueprints.posting import run_action
from app.htmx import render
from app.services import sessions
from app.services.security_log import events_of


def own_security_routes(bp: Blueprint, *, layout: str, profile: str, profile_label) -> None:
    """Endpoints profile_security, profile_session_end and profile_sessions_end_others on
    `bp`; `profile` is the area's profile endpoint (the breadcrumb), `profile_label` its name."""
    page_url = lambda: url_for(f"{bp.name}.profile_security")  # noqa: E731

    def profile_security():
        person = current_user._get_current_object()
        return render("security/own.html", block="log", layout=layout, area=bp.name,
                      profile=profile, profile_label=profile_label,
                      rows=sessions.live_sessions(person),
                      current=sessions.current_session(person),
                      page=events_of(person, request.args))  # fmt: skip

    def profile_session_end(session_id: int):
        person = current_user._get_current_object()
        row = sessions.find_session(person, session_id)
        if row is None or row is sessions.current_session(person):
            abort(404)  # this browser signs out with Sign out
        return run_action(lambda: sessions.end_session(person, row), _("The session is ended."),
                          page_url())  # fmt: skip

    def profile_sessions_end_others():
        person = current_user._get_current_object()
        return run_action(
            lambda: sessions.end_my_other_sessions(person),
            lambda count: ngettext("%(num)d session ended.", "%(num)d sessions ended.", count),
            page_url(),
        )

    bp.add_url_rule("/profile/security", "profile_security", profile_security)
    bp.add_url_rule("/profile/sessions/<int:session_id>/end", "profile_session_end",
                    profile_session_end, methods=["POST"])  # fmt: skip
    bp.add_url_rule("/profile/sessions/end-others", "profile_sessions_end_others",
                    profile_sessions_end_others, methods=["POST"])  # fmt: skip
