"""Error pages inside the layout; htmx requests get only the message block."""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db
from app.htmx import render

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
    )
    if code == 429 and error.get_headers():
        for key, value in error.get_headers():
            if key.lower() == "retry-after":
                response.headers[key] = value
    return response


def configure_errors(app: Flask) -> None:
    """Register the handlers; a 500 first rolls back whatever the request half-wrote."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code < 400:
            return error
        return _render_error(error)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        db.session.rollback()
        return _render_error(error)
