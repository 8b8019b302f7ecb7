"""Field validators with messages in our own catalogue (WTForms lacks some translations)."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

from app.services.passwords import MIN_PASSWORD_LENGTH


def max_length(n: int) -> Length:
    """At most `n` characters, said in the user's language."""
    return Length(max=n, message=_l("Use at most %(max)d characters."))


def min_password_length() -> Length:
    """At least MIN_PASSWORD_LENGTH characters, said as the service says it (the rest of the
    password rule runs in app/services/passwords.py)."""
    n = MIN_PASSWORD_LENGTH
    return Length(min=n, message=_l("Use at least %(n)d characters.", n=n))
