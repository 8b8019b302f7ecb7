"""Field validators with messages in our own catalogue (WTForms lacks some translations)."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import Length


def max_length(n: int) -> Length:
    """At most `n` characters, said in the user's language."""
    return Length(max=n, message=_l("Use at most %(max)d characters."))
