"""Who is signed in: staff and contacts are separate identities in one session cookie."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.extensions import db, login_manager
from app.parsing import parse_id


def load_identity(identity: str):
    """Load 's:<id>:<token>' as staff or 'c:<id>:<token>' as a contact; stale tokens and
    deactivated people load none (a deactivated staff member's sessions end at once)."""
    from app.models import Contact, User

    kind, _, rest = identity.partition(":")
    raw_id, _, token = rest.partition(":")
    model = {"s": User, "c": Contact}.get(kind)
    person_id = parse_id(raw_id)
    if model is None or person_id is None or not token:
        return None
    person = db.session.get(model, person_id)
    if person is None or person.session_token != token or not person.is_active:
        return None
    return person


def configure_login(app: Flask) -> None:
    """Flask-Login: loader, the staff login page, translated prompts."""
    login_manager.init_app(app)
    login_manager.user_loader(load_identity)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
