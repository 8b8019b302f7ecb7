"""Each catalogue picks the right plural form for 0, 1, 2, 5, 22 and 100 (Polish and Arabic have
more than two), and every plural message has a form for each."""

import gettext
import re

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations

from app.config import TRANSLATIONS, discover_languages

COUNTS = (0, 1, 2, 5, 22, 100)

# Which form (msgstr[i]) each count takes, by the language's grammar (CLDR / GNU gettext).
FORM_FOR_COUNT = {
    "de": (1, 0, 1, 1, 1, 1),
    "es": (1, 0, 1, 1, 1, 1),
    "it": (1, 0, 1, 1, 1, 1),
    "nl": (1, 0, 1, 1, 1, 1),
    "tr": (1, 0, 1, 1, 1, 1),
    "fr": (0, 0, 1, 1, 1, 1),  # "0 facture", as French writes it
    "pt_BR": (0, 0, 1, 1, 1, 1),
    "pl": (2, 0, 1, 2, 1, 2),  # 1 faktura, 2/22 faktury, 0/5/100 faktur
    "ar": (0, 1, 2, 3, 4, 5),  # zero, one, two, few (3-10), many (11-99), other (100)
    "zh": (0, 0, 0, 0, 0, 0),
}

LANGUAGES = [code for code in discover_languages() if code != "en"]
NUMBER = re.compile(r"%\(num\)d")


def _catalogue(code):
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh)


def test_every_shipped_language_states_its_plural_rule():
    assert sorted(LANGUAGES) == sorted(code for code in LANGUAGES if code in FORM_FOR_COUNT)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_catalogue_picks_the_right_form_for_each_count(code):
    catalogue = _catalogue(code)
    forms = tuple(_form(catalogue, n) for n in COUNTS)
    assert forms == FORM_FOR_COUNT[code]


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_plural_message_reads_each_count(code):
    catalogue = _catalogue(code)
    translations = Translations.load(str(TRANSLATIONS), [code])
    plurals = [m for m in catalogue if m.id and isinstance(m.id, tuple)]
    assert plurals, "the app has plural messages"
    for message in plurals:
        singular, plural = message.id
        assert len(message.string) == catalogue.num_plurals, message.id
        for n in COUNTS:
            if message.context:
                text = translations.npgettext(message.context, singular, plural, n)
            else:
                text = translations.ngettext(singular, plural, n)
            assert text == message.string[_form(catalogue, n)], (n, message.id)
            # A form read for several counts above one must show the number, else the count
            # is lost (a singular or dual form may leave it out: "its only task", "كل يومين").
            if NUMBER.search(plural) and _shared(catalogue, n):
                assert NUMBER.search(text), (code, n, text)


def _form(catalogue, n):
    """The index of the form the Plural-Forms header gives for n, as gettext reads it."""
    return gettext.c2py(catalogue.plural_expr)(n)


def _shared(catalogue, n):
    """Whether n > 1 reads a form that another count above one reads too."""
    form = _form(catalogue, n)
    return n > 1 and sum(1 for m in COUNTS if m > 1 and _form(catalogue, m) == form) > 1
