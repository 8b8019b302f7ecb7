"""Text helpers with no dependencies on the rest of the app (models and services both use them)."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'Genève' and 'geneve' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
