"""What a process keeps from one PDF to the next (fonts, the parsed stylesheet) never shows: each
PDF has the logo of the moment (a new or removed logo shows in the very next one), its fonts
embedded, our stylesheet applied, and PDFs made at the same moment in four languages each come
out right."""

import io
import subprocess
import threading
from decimal import Decimal

from flask_babel import force_locale, gettext
from PIL import Image

from app.extensions import db
from app.services.sales.service import ItemInput
from app.services.settings import save_settings
from tests.factories import make_admin, make_customer, make_document, make_sign_in
from tests.sales.test_pdf import pdf_text

RED, GREEN, HEADER_BLUE = (200, 30, 30), (30, 160, 60), (31, 78, 121)


def png(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 100), colour).save(out, format="PNG")
    return out.getvalue()


def post_company(client, **more):
    data = {"company_name": "Atelier Lumière", **more}
    url = "/admin/settings/company"
    response = client.post_form(url, data, token_from=url, content_type="multipart/form-data")
    assert response.status_code == 303


def images_in(data: bytes, folder) -> list[Image.Image]:
    """The pictures drawn in a PDF, as pdfimages extracts them."""
    (folder / "in.pdf").write_bytes(data)
    for old in folder.glob("img-*"):
        old.unlink()
    subprocess.run(["pdfimages", "-png", str(folder / "in.pdf"), str(folder / "img")], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("img-*.png"))]


def fonts_in(data: bytes) -> list[list[str]]:
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout
    return [line.split() for line in out.decode().splitlines()[2:]]


def test_each_pdf_shows_the_logo_of_the_moment(client, ctx, login_as, tmp_path):
    login_as(make_admin())
    invoice = make_document(status="unpaid")
    url = f"/admin/invoices/{invoice.id}/pdf"
    post_company(client, logo=(io.BytesIO(png(RED)), "red.png"))
    first = images_in(client.get(url).data, tmp_path)
    assert len(first) == 1 and first[0].getpixel((150, 50)) == RED
    post_company(client, logo=(io.BytesIO(png(GREEN)), "green.png"))  # Settings → Company
    second = images_in(client.get(url).data, tmp_path)
    assert len(second) == 1 and second[0].getpixel((150, 50)) == GREEN
    post_company(client, remove_logo="y")
    third = client.get(url).data
    assert images_in(third, tmp_path) == []
    assert "Atelier Lumière" in pdf_text(third)  # the name stands where the logo was


def test_pdfs_in_a_row_keep_their_fonts_and_stylesheet(ctx, tmp_path):
    from app.services.sales.pdf import document_pdf

    save_settings({"pdf_in_client_language": True})
    for language, font in [("ar", "DejaVu"), ("zh", "WenQuanYi"), ("en", "DejaVu")]:
        customer = make_customer(company=f"Client {language}", language=language)
        invoice = make_document(customer, status="unpaid", language=language)
        db.session.commit()
        data = document_pdf(invoice)
        fonts = fonts_in(data)
        assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # each embedded
        assert any(font in row[0] for row in fonts), (language, fonts)
        (tmp_path / "page.pdf").write_bytes(data)
        first_page = ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run(
            [*first_page, str(tmp_path / "page.pdf"), str(tmp_path / "page")], check=True
        )
        page = Image.open(tmp_path / "page.png").convert("RGB")
        assert HEADER_BLUE in {colour for _n, colour in page.getcolors(100000)}  # pdf.css applied


def test_pdfs_made_at_the_same_moment_each_come_out_right(app, ctx):
    save_settings({"pdf_in_client_language": True})
    words, urls = {}, {}
    for language in ["fr", "de", "ar", "zh"]:
        customer = make_customer(company=f"Client {language}", language=language)
        lines = [ItemInput(f"Line {n}", Decimal("1"), Decimal("10")) for n in range(20)]
        invoice = make_document(customer, status="unpaid", language=language, lines=lines)
        urls[language] = f"/admin/invoices/{invoice.id}/pdf"
        with force_locale(language):
            words[language] = gettext("Invoice")
    db.session.commit()
    browsers = {}
    for language in urls:
        browsers[language] = app.test_client()
        with browsers[language].session_transaction() as session:
            session["_user_id"], session["_fresh"] = make_sign_in(make_admin()), True
    barrier, results = threading.Barrier(len(urls)), {}

    def download(language):
        barrier.wait(10)
        results[language] = browsers[language].get(urls[language])

    threads = [threading.Thread(target=download, args=(language,)) for language in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for language, response in results.items():
        assert response.status_code == 200, language
        text = pdf_text(response.data)
        assert words[language] in text and "Line 19" in text, language
        assert all(row[-5] == "yes" for row in fonts_in(response.data)), language
    assert len(results) == 4
