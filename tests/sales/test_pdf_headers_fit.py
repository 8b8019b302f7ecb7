"""Column headers of a document PDF fit their column in every language: a long word is broken
with a hyphen by the document's language, never drawn into the next header."""

import re
from decimal import Decimal

import pytest
from flask_babel import force_locale, gettext

from app.extensions import db
from app.services.sales.pdf import document_pdf
from app.services.sales.service import ItemInput
from app.services.settings import save_settings
from tests.factories import make_customer, make_document
from tests.sales.test_pdf import pdf_text

HYPHENS = ("-", "\u2010")  # WeasyPrint hyphenates with U+2010
HEADERS = ("Item", "Quantity", "Rate", "Taxes", "Amount")


@pytest.mark.parametrize("language", ["pt_BR", "nl", "pl", "de"])
def test_each_header_word_is_whole_or_hyphenated(ctx, language):
    save_settings({"pdf_in_client_language": True})
    customer = make_customer(company="Atelier", language=language)
    invoice = make_document(
        customer,
        status="unpaid",
        language=language,
        lines=[ItemInput("Design", Decimal("2"), Decimal("450"))],
    )
    db.session.commit()
    lines = [line.strip() for line in pdf_text(document_pdf(invoice)).splitlines()]
    with force_locale(language):
        words = [w for h in HEADERS for w in gettext(h).split() if len(w) > 3]
    for word in words:
        whole = any(re.search(rf"(^|\s){re.escape(word)}($|\s)", line) for line in lines)
        broken = any(
            line[-1:] in HYPHENS and word == line.rsplit(" ", 1)[-1][:-1] + after.split(" ", 1)[0]
            for line, after in zip(lines, lines[1:], strict=False)
        )
        assert whole or broken, (word, lines[:30])
