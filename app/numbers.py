"""Numbers as people type and read them in their language (Babel's symbols), with no
dependencies on the rest of the app.

`parse_number` reads one plain, finite number and refuses anything else with a reason, never
guessing between two readings:

- The locale's decimal symbol is the decimal separator (`,` in fr, de, es; `.` in en), at most
  once. Before it, digits may be grouped by threes with ordinary, no-break (U+00A0), narrow
  no-break (U+202F) or thin spaces, by the locale's group symbol, or by the other of `.` and `,`
  (`1.800,50` reads as 1800.50 in French too); one kind of separator per number.
- In a comma-decimal locale, a number without a comma and with one dot followed by exactly three
  digits (`1.800`, `-0.250`) is ambiguous (1.8 or 1800?) and refused; any other single dot is a
  decimal point (`1800.50`, `1.5`: a keypad's decimal key types a dot), several dots are groups
  (`1.800.000`).
- In a point-decimal locale, commas are groups and must be valid ones: English `1,800` is 1800,
  `1,800,000` is 1800000; one comma not followed by exactly three digits can only be a decimal
  comma (`150,50` is 150.50); anything else (`1,80,0`, `0,800`) is refused.
- Digits of other scripts (Arabic-Indic ٠-٩, Extended ۰-۹...) read as digits; the Arabic decimal
  and group separators (U+066B, U+066C) as such. A leading `-`, U+2212 or `+` gives the sign.
- NaN, sNaN, Infinity, exponents (`1e5`), letters, currency symbols and empty text are refused.
"""

import re
import unicodedata
from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from flask_babel import gettext as _

MAX_LENGTH = 40  # far more than any amount; longer text is not read at all
SPACES = {" ", "\u00a0", "\u202f", "\u2009", "\u066c"}  # U+066C: the Arabic thousands separator
MINUS = {"-", "\u2212"}
GROUPED = re.compile(r"[1-9][0-9]{0,2}([ .,])[0-9]{3}(?:\1[0-9]{3})*")  # one kind of separator


class NumberError(ValueError):
    """Text that is not one plain number in the reader's language; str() is the reason shown."""


def _locale(locale) -> Locale:
    return locale if isinstance(locale, Locale) else Locale.parse(str(locale or "en"))


def _example(locale: Locale) -> str:
    return format_decimal(Decimal("1800.50"), format="#,##0.00", locale=locale)


def _normalised(text: str, decimal_symbol: str, group_symbol: str) -> str:
    """Digits as ASCII, every space-like group separator as ' ', U+066B as the decimal symbol."""
    out = []
    for char in text:
        digit = unicodedata.decimal(char, None) if not char.isascii() else None
        if digit is not None:
            out.append(str(digit))
        elif char in SPACES or (char == group_symbol and char not in ".,"):
            out.append(" ")
        elif char == "\u066b":
            out.append(decimal_symbol)
        else:
            out.append(char)
    return "".join(out)


def _whole(part: str, allow_empty: bool) -> str | None:
    """The digits of an integer part grouped by threes (one kind of separator), or None."""
    if part == "":
        return "" if allow_empty else None
    if part.isdigit():
        return part
    return re.sub(r"[ .,]", "", part) if GROUPED.fullmatch(part) else None


def parse_number(text: str | None, locale) -> Decimal:
    """The number `text` means in `locale` (a code or Babel Locale); NumberError if it is not
    exactly one plain finite number there (see the module's docstring)."""
    locale = _locale(locale)
    decimal_symbol = get_decimal_symbol(locale)
    group_symbol = get_group_symbol(locale)
    invalid = NumberError(_("Enter a number, such as %(example)s.", example=_example(locale)))
    raw = (text or "").strip()
    if not raw:
        raise NumberError(_("Enter a number."))
    if len(raw) > MAX_LENGTH:
        raise invalid
    value = _normalised(raw, decimal_symbol, group_symbol)
    sign = ""
    if value[0] in MINUS or value[0] == "+":
        sign, value = ("-" if value[0] in MINUS else ""), value[1:]
    if not value or not re.fullmatch(r"[0-9 .,]+", value) or not re.search(r"[0-9]", value):
        raise invalid
    comma_decimal = decimal_symbol != "."
    point = "," if comma_decimal else "."
    fraction = None
    if point in value:
        whole, _sep, fraction = value.partition(point)
    elif comma_decimal and value.count(".") == 1:
        whole, _sep, fraction = value.partition(".")
        if len(fraction) == 3:
            raise _ambiguous(raw, sign, whole, fraction, decimal_symbol)
    elif not comma_decimal and value.count(",") == 1 and _whole(value, False) is None:
        whole, _sep, fraction = value.partition(",")  # not groups: it can only be a decimal comma
        if len(fraction) == 3:  # `0,800`: not valid groups, yet not surely a decimal comma
            raise invalid
    else:
        whole = value
    digits = _whole(whole, allow_empty=fraction is not None)
    if digits is None or (fraction is not None and not fraction.isdigit()):
        raise invalid
    return Decimal(f"{sign}{digits or '0'}.{fraction}" if fraction else f"{sign}{digits}")


def _ambiguous(raw: str, sign: str, whole: str, fraction: str, decimal_symbol: str) -> NumberError:
    """`1.800` in a comma-decimal locale: say both readings rather than pick one."""
    whole = whole.replace(" ", "") or "0"
    return NumberError(
        _(
            "“%(typed)s” could mean %(thousands)s or %(fraction)s: type it without the dot, "
            "or with a comma for decimals.",
            typed=raw,
            thousands=f"{sign}{int(whole + fraction)}",
            fraction=f"{sign}{whole}{decimal_symbol}{fraction}",
        )
    )


def format_number(value: Decimal | int | None, locale) -> str:
    """`value` as a form shows it in `locale`: exact (never rounded), a fraction with at least
    two digits, grouped unless the grouped text would read back as another number."""
    if value is None:
        return ""
    locale = _locale(locale)
    value = Decimal(value)
    if not value.is_finite():
        return str(value)
    pattern = "#,##0.00" if value != value.to_integral_value() else "#,##0"
    shown = format_decimal(value, format=pattern, locale=locale, decimal_quantization=False)
    try:
        if parse_number(shown, locale) == value:
            return shown
    except NumberError:
        pass
    return format_decimal(value, format=pattern, locale=locale, decimal_quantization=False,
                          group_separator=False)  # fmt: skip
