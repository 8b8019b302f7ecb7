"""The one rule for a new password, wherever it is chosen: long enough, not the person's name or
email, not easy to guess (zxcvbn, run locally), refused with a reason in the reader's language."""

import re

from flask_babel import gettext as _
from zxcvbn import zxcvbn

from app.services import ValidationError

MIN_PASSWORD_LENGTH = 10
MIN_SCORE = 3  # zxcvbn's 0-4 scale: 3 is "safely unguessable" for online attacks
ZXCVBN_MAX_INPUT = 72  # zxcvbn raises on longer inputs

# zxcvbn's feedback is English: each of its warnings maps onto one of our translated reasons.
_WARNINGS = {
    "common": (
        "top-10 common password",
        "top-100 common password",
        "very common password",
        "similar to a commonly used password",
    ),
    "repeat": ('Repeats like "aaa"', 'Repeats like "abcabcabc"'),
    "sequence": ("Sequences like abc",),
    "date": ("Recent years", "Dates are often"),
    "keyboard": ("Straight rows of keys", "Short keyboard patterns"),
    "word": ("A word by itself", "Names and surnames", "Common names and surnames"),
}


def _compact(text: str) -> str:
    """Lower-case letters and digits only: 'Dana.Staff' and 'dana staff' compare equal."""
    return re.sub(r"[\W_]+", "", (text or "").lower())


def _personal_words(about: tuple[str | None, ...]) -> list[str]:
    """The email, its part before @, the full name and each name of at least 3 letters."""
    words = []
    for text in filter(None, about):
        words.append(_compact(text))
        if "@" in text:
            words.append(_compact(text.split("@")[0]))
        words.extend(_compact(part) for part in re.split(r"[\s.@_-]+", text))
    return [word for word in words if len(word) >= 3]


def _reason(warning: str) -> str:
    """Our translated words for zxcvbn's English warning."""
    kind = next((k for k, parts in _WARNINGS.items() if any(p in warning for p in parts)), "")
    return {
        "common": _("This password is among the most common ones."),
        "repeat": _("Repeated characters are easy to guess."),
        "sequence": _("Sequences like abc or 6543 are easy to guess."),
        "date": _("Dates and years are easy to guess."),
        "keyboard": _("Keyboard patterns like qwerty are easy to guess."),
        "word": _("A single word or name is easy to guess."),
    }.get(kind, _("This password is easy to guess: add another word or two, uncommon ones."))


def check_password_strength(password: str, *about: str | None) -> None:
    """Refuse a password that is short, names the person (`about`: their email, name) or is
    easy to guess; the ValidationError (field "password") says why."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            _("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH), "password"
        )
    compact = _compact(password)
    personal = _personal_words(about)
    # The whole password is the name or email, or it is mostly made of them.
    if any(word in compact and len(word) * 2 >= len(compact) for word in personal):
        raise ValidationError(_("It contains your name or email."), "password")
    result = zxcvbn(password[:ZXCVBN_MAX_INPUT], user_inputs=personal)
    if result["score"] >= MIN_SCORE:
        return
    if any(match.get("dictionary_name") == "user_inputs" for match in result["sequence"]):
        raise ValidationError(_("It contains your name or email."), "password")
    raise ValidationError(_reason(result["feedback"]["warning"] or ""), "password")
