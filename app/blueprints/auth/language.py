"""The language switch that anonymous visitors use on sign-in pages."""

from flask import abort, redirect, request, url_for

from app.blueprints.auth import site
from app.i18n import remember_language, shipped_languages
from app.security import safe_next_path


@site.post("/language")
def set_language():
    code = request.form.get("language", "")
    if code not in shipped_languages():
        abort(400)
    target = safe_next_path(request.form.get("next"), url_for("auth.login"))
    response = redirect(target, 303)
    remember_language(response, code)
    return response


@site.get("/")
def home():
    return redirect(url_for("admin.dashboard"))
