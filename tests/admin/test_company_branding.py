"""The firm's name and logo (Settings → Company) on the sign-in pages, page titles, the portal,
emails and PDFs; emails sent in its name with its email as Reply-To. "Comptoir" only while no
company name is set."""

import io
import re
import subprocess

import pytest
from PIL import Image

from app.extensions import db
from app.services.settings import save_settings, store_logo
from tests.factories import (
    make_admin,
    make_currency,
    make_customer,
    make_document,
    make_portal_contact,
    make_user,
    new_customer_form,
)
from tests.sales.test_pdf import pdf_text

FIRM = "Atelier Lumière"
PUBLIC_PAGES = [
    "/admin/login",
    "/admin/forgot-password",
    "/admin/reset-password/not-a-real-token",
    "/clients/login",
    "/clients/forgot-password",
    "/clients/set-password/not-a-real-token",
]


def brand_firm(logo: bool = False, **more) -> None:
    save_settings({"company_name": FIRM, "company_email": "bonjour@atelier.example.com", **more})
    if logo:
        out = io.BytesIO()
        Image.new("RGB", (300, 100), (31, 78, 121)).save(out, format="PNG")
        store_logo(out.getvalue())
    db.session.commit()


def title_of(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_sign_in_pages_carry_the_firm_s_name(client, ctx, url, language):
    brand_firm()
    page = client.get(url, headers={"Accept-Language": language}).get_data(as_text=True)
    assert f'<html lang="{language}"' in page
    assert title_of(page).endswith(f"· {FIRM}")
    assert f'<p class="brand brand-public">{FIRM}</p>' in page
    assert "Comptoir" not in page


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_comptoir_only_while_no_name_is_set(client, ctx, url):
    page = client.get(url).get_data(as_text=True)
    assert title_of(page).endswith("· Comptoir")
    assert '<p class="brand brand-public">Comptoir</p>' in page


def test_the_logo_comes_from_our_own_upload_route(client, ctx):
    brand_firm(logo=True)
    page = client.get("/clients/login").get_data(as_text=True)
    match = re.search(r'<img class="brand-logo" src="(/logo\.png\?v=\d+)" alt="([^"]+)">', page)
    assert match and match.group(2) == FIRM
    logo = client.get(match.group(1))
    assert logo.status_code == 200 and logo.mimetype == "image/png"


def test_staff_pages_title_and_top_bar(client, ctx, login_as):
    brand_firm()
    login_as(make_user())
    page = client.get("/admin/").get_data(as_text=True)
    assert title_of(page) == f"Dashboard · {FIRM}"
    assert re.search(rf'<a class="brand" href="/admin/">\s*{FIRM}\s*</a>', page)


def test_portal_shows_the_firm_and_the_customer(client, ctx, login_as):
    brand_firm(logo=True)
    contact = make_portal_contact(make_customer(company="Boulangerie Martin", language="fr"))
    login_as(contact)
    page = client.get("/clients/").get_data(as_text=True)
    assert title_of(page) == f"Tableau de bord · {FIRM}"
    assert f'alt="{FIRM}"' in page  # the firm's logo in the top bar
    assert "<h1>Boulangerie Martin</h1>" in page  # whose portal it is
    assert "Comptoir" not in page


def sent_welcome(client, login_as, inbox):
    login_as(make_admin())
    url = "/admin/customers/new"
    response = client.post_form(url, new_customer_form(send_welcome="y", language="fr"),
                                token_from=url)  # fmt: skip
    assert response.status_code == 303
    return inbox.only()


def test_email_in_the_firm_s_name_with_its_address_as_reply_to(client, ctx, login_as, inbox):
    brand_firm(logo=True)
    message = sent_welcome(client, login_as, inbox)  # as received by the SMTP server
    assert message["From"].addresses[0].display_name == FIRM
    reply_to = message["Reply-To"].addresses[0]
    assert reply_to.addr_spec == "bonjour@atelier.example.com"
    assert reply_to.display_name == FIRM
    assert FIRM in message["Subject"]
    html = message.get_body(("html",)).get_content()
    assert f'<img src="https://crm.example.com/logo.png" alt="{FIRM}"' in html  # header
    assert html.count(FIRM) >= 3  # header, body, footer
    assert "Comptoir" not in html


def test_a_sender_name_typed_by_the_administrator_wins(client, ctx, login_as, inbox):
    brand_firm(mail_sender_name="Atelier Lumière — Facturation")
    message = sent_welcome(client, login_as, inbox)
    assert message["From"].addresses[0].display_name == "Atelier Lumière — Facturation"
    assert message["Reply-To"].addresses[0].addr_spec == "bonjour@atelier.example.com"


def test_without_a_company_email_there_is_no_reply_to(client, ctx, login_as, inbox):
    save_settings({"company_name": FIRM})
    db.session.commit()
    message = sent_welcome(client, login_as, inbox)
    assert message["From"].addresses[0].display_name == FIRM
    assert message["Reply-To"] is None


def test_staff_password_email_in_the_firm_s_layout(client, ctx, inbox):
    brand_firm()
    user = make_user(name="Robin", language="de")
    response = client.post_form("/admin/forgot-password", {"email": user.email})
    assert response.status_code == 303
    message = inbox.only()
    assert message["Subject"] == f"Setzen Sie Ihr Passwort bei {FIRM} zurück"
    assert message["From"].addresses[0].display_name == FIRM
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert f"Ihres Kontos bei {FIRM}" in text
    assert html.count(FIRM) >= 3 and "Comptoir" not in text + html


def test_pdf_shows_the_firm_s_name_logo_and_country(client, ctx, login_as, tmp_path):
    brand_firm(logo=True, company_country="FR", company_address="1 rue A\n75001 Paris")
    login_as(make_admin())
    make_currency("EUR", is_default=True)
    invoice = make_document(make_customer(company="Boulangerie Martin"), status="unpaid")
    response = client.get(f"/admin/invoices/{invoice.id}/pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert FIRM in text and "France" in text and "Comptoir" not in text
    pdf = tmp_path / "invoice.pdf"
    pdf.write_bytes(response.data)
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, check=True)
    assert len(listed.stdout.decode().strip().splitlines()) == 3  # two heading lines, the logo


def test_pdf_without_any_company_name_says_comptoir(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(make_customer(company="Boulangerie Martin"), status="unpaid")
    text = pdf_text(client.get(f"/admin/invoices/{invoice.id}/pdf").data)
    assert "Comptoir" in text
