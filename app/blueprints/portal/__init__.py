"""The client portal at /clients, for customers' contacts."""

from flask import Blueprint

bp = Blueprint("portal", __name__, url_prefix="/clients")

from app.blueprints.portal import password  # noqa: E402,F401
