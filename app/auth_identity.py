"""Who is signed in: staff and contacts are separate identities, each through a session kept on
the server (app/services/sessions.py)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.extensions import login_manager


def load_identity(identity: str):
    """The person of 's:<id>:<key>' (staff), 'c:<id>:<key>' (contact) or 'v:…' (a contact
    viewed by staff) while that session lives, else None."""
    from app.services.sessions import load_identity as load

    return load(identity)


def configure_login(app: Flask) -> None:
    """Flask-Login: loader, the staff login page, translated prompts, 'last seen' writes."""
    from app.services.sessions import write_last_seen

    login_manager.init_app(app)
    login_manager.user_loader(load_identity)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    app.after_request(write_last_seen)
