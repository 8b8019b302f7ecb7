"""The language switch that anonymous visitors use on sign-in pages, and the `?lang=` of the
links in emails."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Response, abort, current_app, g, redirect, request, send_from_directory, url_for
from flask_login import current_user

from app.blueprints.auth import site
from app.htmx import render
from app.i18n import remember_language, shipped_code, shipped_languages
from app.links import LANGUAGE_ARG
from app.security import safe_next_path
from app.services.languages import speak
from app.services.settings import logo as company_logo
from app.sessions import leave_session_alone


def without_language(path: str) -> str:
    """`path` without its `lang` argument (the switch's choice must win over the link's)."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != LANGUAGE_ARG]
    return urlunsplit(parts._replace(query=urlencode(query)))


@site.post("/language")
def set_language():
    code = request.form.get("language", "")
    if code not in shipped_languages():
        abort(400)
    target = without_language(safe_next_path(request.form.get("next"), url_for("auth.login")))
    # Not a form post: only a cookie changes; a plain 303, as the sign-out.
    response = redirect(target, 303)
    remember_language(response, code)
    return response


@site.before_app_request
def language_from_link():
    """A link with `?lang=fr` (in an email to a contact, say) opens the page in that language; a
    visitor keeps it in the language cookie, as if chosen with the switch, so the pages further
    on (the sign-in page after a set-password link) speak it too."""
    code = shipped_code(request.args.get(LANGUAGE_ARG))
    if code:
        speak(code)
        if not current_user.is_authenticated:  # the signed-in keep their own language
            g.remember_language = code


@site.after_app_request
def keep_language_from_link(response):
    if g.get("remember_language"):
        remember_language(response, g.remember_language)
    return response


@site.get("/")
def home():
    """The installed app starts here: contacts go to their portal, everyone else to the staff
    dashboard (or its sign-in page)."""
    if current_user.is_authenticated and current_user.kind == "contact":
        return redirect(url_for("portal.dashboard"))
    return redirect(url_for("admin.dashboard"))


@site.get("/sw.js")
def service_worker():
    """The service worker, served from the root so it covers /admin and /clients."""
    response = send_from_directory(
        current_app.static_folder, "js/sw.js", mimetype="application/javascript", max_age=0
    )
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    return response


@site.get("/offline")
def offline():
    """What the service worker shows when the network is gone (no private data in it)."""
    leave_session_alone()
    response = render("offline.html")
    response.headers["Cache-Control"] = "public, max-age=0"
    return response


@site.get("/logo.png")
def logo():
    """The company logo (public: emails and PDFs show it)."""
    stored = company_logo()
    if stored is None:
        abort(404)
    response = Response(stored.content, mimetype=stored.mimetype)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
