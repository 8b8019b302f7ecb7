"""The language switch that anonymous visitors use on sign-in pages."""

from flask import abort, redirect, request, url_for

from app.blueprints.auth import site
from app.i18n import LANGUAGE_COOKIE, shipped_languages
from app.security import safe_next_path


@site.post("/language")
def set_language():
    code = request.form.get("language", "")
    if code not in shipped_languages():
        abort(400)
    target = safe_next_path(request.form.get("next"), url_for("auth.login"))
    response = redirect(target, 303)
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    return response


@site.get("/")
def home():
    return redirect(url_for("admin.dashboard"))
