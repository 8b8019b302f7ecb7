"""The contact's own personal data: "Download my data" and "Ask for my data to be erased"
(only their own: no id in the URLs)."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.portal import bp
from app.blueprints.posting import confirmed_action
from app.blueprints.privacy_download import personal_data_response
from app.htmx import render
from app.services.privacy.requests import ask_erasure, open_request


@bp.post("/profile/personal-data")
def profile_export():
    """The contact's own data as a ZIP (logged as an export the contact asked for)."""
    contact = current_user._get_current_object()
    return personal_data_response(contact, contact)


@bp.route("/profile/erase", methods=["GET", "POST"])
def profile_erase_request():
    """GET says what erasure means and what is kept; POST asks for it (once)."""
    contact = current_user._get_current_object()
    return confirmed_action(
        lambda: render("portal/erase_request.html", erase_request=open_request(contact)),
        lambda: ask_erasure(contact),
        _("Your request is sent. We will answer by email."),
        url_for("portal.profile"),
    )
