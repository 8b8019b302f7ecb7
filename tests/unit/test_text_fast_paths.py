"""fold() and control_characters() take shortcuts for common text; they must answer exactly as
the plain character-by-character rules do, for every kind of character."""

import unicodedata

from app.services import control_characters
from app.text import fold

SAMPLES = ["", "Acme SARL", "ACME s.a.r.l.", "Genève", "ÉCOLE", "Straße", "İstanbul", "ǅ",
           "ﬁn", "Ⅻ", "日本", "Ωmega", "naïve café", "a\tb", "a\nb", "a\rb", "a\x00b", "a\x7fb",
           "a\x1bb", "a\x0bb", "a\x0cb", "a\x85b", "tab\t", "\u00a0nbsp", "x" * 300]  # fmt: skip


def plain_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def plain_controls(value: str, multi_line: bool) -> bool:
    allowed = "\r\n\t" if multi_line else ""
    return any(ord(ch) < 32 and ch not in allowed or ord(ch) == 127 for ch in value)


def test_fold_is_the_plain_rule_for_every_sample_and_every_ascii_character():
    for text in [*SAMPLES, "".join(chr(n) for n in range(128)), None]:
        assert fold(text) == plain_fold(text)
    assert fold("Genève") == fold("geneve") == "geneve"


def test_control_characters_are_found_as_the_plain_rule_finds_them():
    for n in range(0x3000):
        for text in (chr(n), f"ab{chr(n)}cd"):
            found = control_characters({"company": text, "address": text})
            assert ("company" in found) == plain_controls(text, False), hex(n)
            assert ("address" in found) == plain_controls(text, True), hex(n)
    assert control_characters({"address": "1 rue\nLyon", "city": "Lyon\n"}).keys() == {"city"}
