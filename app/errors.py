"""Error pages inside the layout; htmx requests get only the message block. Each shows the
request's id (the one in the request log) for whoever reports it."""

from flask import Flask, current_app, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db
from app.htmx import render
from app.i18n import LANGUAGE_COOKIE, shipped_languages
from app.request_log import request_id

# Seconds a browser or client is asked to wait when the database does not answer.
RETRY_AFTER = 30

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Please reload the page.")),
    403: (_l("Access denied"), _l("You do not have permission to open this page.")),
    404: (_l("Page not found"), _l("This page does not exist or is not available to you.")),
    405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("File too large"), _l("The file you sent is larger than allowed.")),
    429: (
        _l("Too many attempts"),
        _l("Too many attempts. Please wait a few minutes and try again."),
    ),
    500: (_l("Something went wrong"), _l("An unexpected error occurred. It has been logged.")),
    503: (
        _l("Try again in a moment"),
        _l("The service is briefly unavailable. Please try again in a moment."),
    ),
}


def _render_error(error: HTTPException):
    code = error.code or 500
    title, message = MESSAGES.get(code, (error.name, error.description))
    kind = current_user.kind if current_user.is_authenticated else None
    layout = {"staff": "layouts/admin.html", "contact": "layouts/portal.html"}.get(
        kind, "layouts/public.html"
    )
    response = render(
        "errors/error.html",
        block="content",
        status=code,
        layout=layout,
        code=code,
        title=title,
        message=message,
        reference=request_id(),
    )
    if code == 429 and error.get_headers():
        for key, value in error.get_headers():
            if key.lower() == "retry-after":
                response.headers[key] = value
    return response


def _language_without_database() -> str:
    """The visitor's language from the cookie or the browser (who is signed in, and the
    system language, are in the database that is not answering)."""
    languages = shipped_languages()
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or current_app.config["DEFAULT_LANGUAGE"]


def database_unavailable(error: OperationalError):
    """A page that needs the database while it is down or unreachable: a 503 asking to try
    again (the page reads nothing from the database: no layout, no signed-in person)."""
    current_app.logger.warning("Database unavailable: %s", error.orig or error)
    try:
        db.session.rollback()
    except Exception:
        db.session.remove()
    with force_locale(_language_without_database()):
        template = current_app.jinja_env.get_template("errors/unavailable.html")
        body = template.render(reference=request_id())
    response = current_app.response_class(body, status=503, mimetype="text/html")
    response.headers["Retry-After"] = str(RETRY_AFTER)
    response.headers["Cache-Control"] = "no-store"
    return response


def configure_errors(app: Flask) -> None:
    """Register the handlers; a 500 first rolls back whatever the request half-wrote."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code < 400:
            return error
        try:
            return _render_error(error)
        except OperationalError as down:  # the page's layout needs the database
            return database_unavailable(down)

    app.register_error_handler(OperationalError, database_unavailable)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        try:
            db.session.rollback()
            return _render_error(error)
        except OperationalError as down:
            return database_unavailable(down)
