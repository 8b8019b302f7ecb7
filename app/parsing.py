"""Reading what arrives in a URL or a form, with no dependencies on the rest of the app."""

MAX_ID = 2**31 - 1


def parse_id(value: str | None) -> int | None:
    """A database id from a URL or form: ASCII digits within a 32-bit integer, else None."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
