"""A firm's or customer's name inside a sentence reads right whatever it is: no "de Atelier",
"l'espace client de Le Comptoir", "de El Taller" — the name stands after a colon or in quotes."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
NAME_FIELDS = re.compile(r"\{company_name\}|\{client_company\}|%\(company\)s")
# Names a French or Spanish preposition would have to change: a vowel, a mute h, an article.
NAMES = ["Atelier Lumière", "Éditions Rivage", "Hôtel du Port", "Le Comptoir", "Les Ateliers",
         "El Taller", "Los Pinos"]  # fmt: skip
WRONG = {
    "fr": re.compile(r"\b(de|que) (Atelier|Éditions|Hôtel)|\b(de|à) (Le|Les) "),
    "es": re.compile(r"\b(de|a) (El) "),
    "de": re.compile(r"(?!)"),  # German leaves the name alone after "von"
}


def messages(language: str):
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text and NAME_FIELDS.search(text):
                yield message.id, text


@pytest.mark.parametrize("language", ["fr", "es", "de"])
def test_every_message_with_a_name_reads_right_for_any_name(language):
    checked = 0
    for msgid, text in messages(language):
        for name in NAMES:
            filled = NAME_FIELDS.sub(name, text)
            assert not WRONG[language].search(filled), f"{msgid!r} reads {filled!r}"
        checked += 1
    assert checked >= 15  # subjects, bodies and screen messages with a firm's name


def test_french_quotes_a_name_inside_a_sentence_with_no_break_spaces():
    texts = dict(messages("fr"))
    sentence = texts["This email is already used by a contact of %(company)s."]
    expected = "Cet e-mail est déjà utilisé par un contact du client «\u00a0%(company)s\u00a0»."
    assert sentence == expected


@pytest.mark.parametrize("language", ["fr", "es", "de"])
def test_a_label_before_a_contracts_subject_ends_with_a_colon(language):
    """A subject after "Renewal of": "Renouvellement de Entretien" would not read; a colon does."""
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for msgid in ("Renewal of", "Renewed by"):
        assert catalog.get(msgid).string.endswith(":"), msgid
