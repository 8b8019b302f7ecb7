"""Column headers of a document PDF fit their column in every language: a long word is broken
with a hyphen by the document's language, never drawn into the next header."""

import re

import pytest
from flask_babel import force_locale, gettext

from app.services.sales.pdf import document_pdf
from tests.sales.test_pdf import pdf_text
from tests.sales.test_pdf_scripts import invoice_in

HYPHENS = ("-", "\u2010")  # WeasyPrint hyphenates with U+2010
HEADERS = ("Item", "Quantity", "Rate", "Taxes", "Amount")


@pytest.mark.parametrize("language", ["pt_BR", "nl", "pl", "de"])
def test_each_header_word_is_whole_or_hyphenated(ctx, language):
    lines = [line.strip() for line in pdf_text(document_pdf(invoice_in(language))).splitlines()]
    with force_locale(language):
        words = [w for h in HEADERS for w in gettext(h).split() if len(w) > 3]
    for word in words:
        whole = any(re.search(rf"(^|\s){re.escape(word)}($|\s)", line) for line in lines)
        broken = any(
            line[-1:] in HYPHENS and word == line.rsplit(" ", 1)[-1][:-1] + after.split(" ", 1)[0]
            for line, after in zip(lines, lines[1:], strict=False)
        )
        assert whole or broken, (word, lines[:30])
