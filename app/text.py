"""Text helpers with no dependencies on the rest of the app (models and services both use them)."""

import re
import unicodedata

from markupsafe import Markup, escape

URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def fold(text: str | None) -> str:
    """Lower-case and strip accents, so 'Genève' and 'geneve' compare equal."""
    text = text or ""
    if text.isascii():  # most names: nothing to decompose, and casefold is lower here
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def plain_text(text: str | None) -> Markup:
    """Text people typed, shown safely: escaped, line breaks kept, web addresses as links."""
    text = text or ""
    parts, last = [], 0
    for match in URL.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(
            Markup('<a href="{0}" rel="nofollow noopener noreferrer">{0}</a>').format(
                match.group(0)
            )
        )
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts).replace("\n", Markup("<br>\n"))
