"""PDFs in Arabic and Chinese: the text comes out of the PDF in reading order, shaped and in the
right font; a Latin name inside Arabic text is not reversed."""

import re
import subprocess
from decimal import Decimal

from flask_babel import force_locale, gettext

from app.extensions import db
from app.services.sales.pdf import document_pdf
from app.services.sales.service import ItemInput
from app.services.settings import save_settings
from tests.factories import make_customer, make_document
from tests.sales.test_pdf import pdf_text

# pdftotext marks embedded direction changes with U+202A-U+202E (and isolates U+2066-U+2069).
DIRECTION_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def invoice_in(language: str, company: str = "Atelier"):
    """An unpaid invoice in `language` whose PDF staff get in that language."""
    save_settings({"pdf_in_client_language": True})
    customer = make_customer(company=company, language=language)
    invoice = make_document(
        customer,
        status="unpaid",
        language=language,
        lines=[ItemInput("Website redesign", Decimal("2"), Decimal("450"))],
    )
    db.session.commit()
    return invoice


def _words(language: str, text: str) -> str:
    with force_locale(language):
        return gettext(text)


def test_an_arabic_invoice_reads_in_order_with_its_latin_name_intact(ctx):
    data = document_pdf(invoice_in("ar", "Atelier Lumière"))
    text = DIRECTION_MARKS.sub("", pdf_text(data))
    title = _words("ar", "Invoice")
    assert re.search(r"[\u0600-\u06ff]", title), "the catalogue has Arabic words"
    assert f"{title} INV-000001" in text  # the number after the word, as it is read
    assert _words("ar", "Subtotal") in text
    assert "Atelier Lumière" in text  # not "erèimuL reiletA"
    assert "€ 900.00" in text or "€900.00" in text


def test_a_chinese_invoice_uses_the_cjk_font(ctx):
    data = document_pdf(invoice_in("zh", "上海星辰贸易有限公司"))
    text = pdf_text(data)
    title = _words("zh", "Invoice")
    assert re.fullmatch(r"[\u4e00-\u9fff]+", title), "the catalogue has Chinese words"
    assert f"{title} INV-000001" in text
    assert "上海星辰贸易有限公司" in text
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True).stdout.decode()
    assert "WenQuanYi" in fonts or "WenQuanYiMicroHei" in fonts, fonts
