"""PDFs: real files checked by text extraction; the language rule; no fetching but our own."""

import http.server
import re
import subprocess
import threading
from decimal import Decimal

import pytest

from app.extensions import db
from app.services.pdf import OwnFilesOnly, html_to_pdf
from app.services.sales.pdf import document_pdf, render_html
from app.services.sales.service import ItemInput
from app.services.settings import save_settings
from tests.factories import make_admin, make_contact, make_customer, make_document


def pdf_text(data: bytes, layout: bool = False) -> str:
    args = ["pdftotext"] + (["-layout"] if layout else []) + ["-", "-"]
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode()


def test_invoice_pdf_holds_everything(client, ctx, login_as):
    login_as(make_admin())
    save_settings({"company_name": "Atelier Comptoir", "company_vat": "FR40303265045"})
    customer = make_customer(company="Boulangerie Martin")
    invoice = make_document(
        customer,
        status="unpaid",
        notes="Thank you!",
        lines=[
            ItemInput("Design", Decimal("2"), Decimal("450")),
            ItemInput("Hosting", Decimal("12"), Decimal("9.5")),
        ],
    )
    response = client.get(f"/admin/invoices/{invoice.id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="INV-000001.pdf"'
    text = pdf_text(response.data).replace("BILLING ADDRESS", "Billing address")
    for expected in [
        "Atelier Comptoir",
        "Invoice INV-000001",
        "Boulangerie Martin",
        "Design",
        "Hosting",
        "€1,014.00",
        "Thank you!",
        "Billing address",
    ]:
        assert expected in text, expected


def test_language_rule_three_ways(ctx):
    customer = make_customer(company="Client FR", language="fr")
    invoice = make_document(customer, status="unpaid", language="fr")
    save_settings({"default_language": "de", "pdf_in_client_language": False})
    db.session.commit()
    assert "Rechnung INV-000001" in pdf_text(document_pdf(invoice))  # admin: system default
    save_settings({"pdf_in_client_language": True})
    db.session.commit()
    assert "Facture INV-000001" in pdf_text(document_pdf(invoice))  # admin, setting Yes
    save_settings({"pdf_in_client_language": False})
    db.session.commit()
    text = pdf_text(document_pdf(invoice, from_portal=True))  # portal: always the client's
    assert "Facture INV-000001" in text and re.search(r"900,00\s€", text)


class Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        Recorder.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def spy_server():
    Recorder.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_customer_text_cannot_make_the_pdf_fetch_anything(ctx, spy_server):
    evil = f'<img src="{spy_server}/from-notes"> <link rel=stylesheet href="{spy_server}/css">'
    customer = make_customer(company=f'<img src="{spy_server}/company">')
    invoice = make_document(
        customer,
        status="unpaid",
        notes=evil + ' <img src="file:///etc/passwd">',
        lines=[ItemInput(f'<img src="{spy_server}/item">', Decimal("1"), Decimal("1"))],
    )
    text = pdf_text(document_pdf(invoice))
    assert "from-notes" in text  # shown as text, never loaded
    assert Recorder.hits == []


def test_the_fetcher_refuses_every_outside_address(ctx, spy_server):
    html = (
        f'<html><body><img src="{spy_server}/direct"><img src="file:///etc/passwd">'
        f'<img src="data:image/png;base64,iVBORw0KGgo="><link rel="stylesheet" '
        f'href="{spy_server}/redirect"><p>Body</p></body></html>'
    )
    fetcher = OwnFilesOnly(None)
    data = html_to_pdf(html, fetcher)
    assert "Body" in pdf_text(data)
    assert Recorder.hits == []
    assert any(u.startswith("file:") for u in fetcher.refused)
    assert any(u.startswith("http:") for u in fetcher.refused)


def test_sixty_lines_repeat_the_table_header_on_each_page(ctx):
    lines = [ItemInput(f"Line {n:02d}", Decimal("1"), Decimal("10")) for n in range(60)]
    invoice = make_document(status="unpaid", lines=lines)
    data = document_pdf(invoice)
    pages = pdf_text(data).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    for page in pages:
        assert "Quantity" in page  # the header row on every page
    assert "Line 00" in pages[0] and "Line 59" in pages[-1] and "€600.00" in pages[-1]


def test_fonts_cover_many_scripts(ctx):
    name = "Ελληνική Εταιρεία · Компания · شركة · 北京公司"
    invoice = make_document(make_customer(company=name), status="unpaid")
    data = document_pdf(invoice)
    text = pdf_text(data)
    for word in ["Ελληνική", "Компания", "北京公司"]:
        assert word in text, word
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True).stdout.decode()
    assert "DejaVu" in fonts and ("WenQuanYi" in fonts or "WQY" in fonts.upper())


def test_html_of_a_pdf_escapes_customer_text(ctx):
    invoice = make_document(make_customer(company="<b>Bold</b> & Co"), status="unpaid")
    html = render_html(invoice, "en")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html


def test_send_to_customer_attaches_the_pdf_in_the_customers_language(client, ctx, login_as, inbox):
    login_as(make_admin())
    customer = make_customer(company="Cliente", language="es")
    contact = make_contact(customer)
    invoice = make_document(customer, status="draft", language="es")
    url = f"/admin/invoices/{invoice.id}/send"
    response = client.post_form(url, {"contacts": [str(contact.id)]}, token_from="/admin/")
    assert response.status_code == 303
    message = inbox.only()
    assert message["To"] == contact.email and "INV-000001" in message["Subject"]
    assert message["Subject"].endswith(": factura INV-000001")  # the firm's name first
    pdf = next(
        part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"
    )
    assert pdf.get_filename() == "INV-000001.pdf"
    assert "Factura INV-000001" in pdf_text(pdf.get_content())
    db.session.expire_all()
    from app.models import Document

    assert db.session.get(Document, invoice.id).status == "unpaid"


def test_a_long_unbroken_item_wraps_and_keeps_its_amount_on_the_page(ctx):
    word = "Supercalifragilistic" * 6
    document = make_document(
        make_customer(), kind="proposal", lines=[ItemInput(word, Decimal("1"), Decimal("1234.56"))]
    )
    text = pdf_text(document_pdf(document), layout=True)
    assert text.count("1,234.56") == 4  # rate and amount of the line, subtotal, total
    assert word not in text  # wrapped inside its column
