"""Staff sign-in, sign-out and password reset (under /admin), and the language switch."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/admin")
site = Blueprint("site", __name__)

from app.blueprints.auth import language, views  # noqa: E402,F401
