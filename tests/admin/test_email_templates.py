"""Email templates: per language, merge fields from an allow-list, never Jinja, live preview."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import EmailTemplate
from tests.factories import make_admin, make_customer, new_customer_form

URL = "/admin/settings/email-templates"


@pytest.fixture
def admin(client, ctx, login_as):
    login_as(make_admin())


def edit(client, key="welcome", language="en", **data):
    url = f"{URL}/{key}/{language}"
    payload = {"subject": "Hello {contact_firstname}", "body_html": "<p>Hi</p>", "active": "y"}
    payload.update(data)
    return client.post_form(url, payload, token_from=url)


def test_list_is_grouped_with_every_language(client, admin):
    page = client.get(URL).get_data(as_text=True)
    for group in ["Customers", "Invoices", "Estimates", "Support"]:
        assert f"<h2>{group}</h2>" in page
    assert "New customer created (welcome email)" in page
    for language in ["en", "fr", "de", "es"]:
        assert f"{URL}/welcome/{language}" in page


@pytest.mark.parametrize(
    "language,word",
    [
        ("en", "Welcome"),
        ("fr", "bienvenue dans votre espace client"),
        ("de", "Willkommen"),
        ("es", "le damos la bienvenida"),
    ],
)
def test_shipped_defaults_exist_in_each_language(client, admin, language, word):
    page = client.get(f"{URL}/welcome/{language}").get_data(as_text=True)
    assert word in page
    for field in ["{contact_firstname}", "{client_company}", "{portal_url}", "{set_password_url}"]:
        assert field in page


def test_preview_fills_sample_data_without_saving(client, admin):
    response = client.post_form(
        f"{URL}/welcome/en",
        {
            "subject": "Hi {contact_firstname}",
            "body_html": "<p>For {client_company}</p>",
            "_preview": "1",
        },
        token_from=f"{URL}/welcome/en",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="preview"')
    assert "Hi Claire" in body and "For Boulangerie Martin SARL" in body
    assert db.session.scalars(select(EmailTemplate)).all() == []


def test_unknown_merge_fields_are_refused(client, admin):
    response = edit(client, subject="Your {password}", body_html="<p>{invoice_total}</p>")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "does not know these merge fields: {password}" in body
    assert "{invoice_total}" in body
    assert db.session.scalars(select(EmailTemplate)).all() == []


def test_subject_cannot_hold_line_breaks(client, admin):
    assert edit(client, subject="Hi\r\nBcc: victim@example.com").status_code == 422


def test_saved_html_is_sanitised(client, admin):
    edit(
        client,
        body_html='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:'
        'x()">link</a><img src=x onerror=y></p>',
    )
    saved = db.session.scalars(select(EmailTemplate)).one()
    assert "script" not in saved.body_html and "onclick" not in saved.body_html
    assert "javascript:" not in saved.body_html and "<img" not in saved.body_html


def test_jinja_in_staff_text_comes_out_literally(client, admin, inbox):
    body = "<p>{{7*7}} {% if true %}yes{% endif %} {contact_firstname}</p>"
    assert edit(client, subject="{{7*7}} {contact_firstname}", body_html=body).status_code == 303
    client.post_form(
        "/admin/customers/new",
        new_customer_form(send_welcome="y", language="en"),
        token_from="/admin/customers/new",
    )
    message = inbox.only()
    assert message["Subject"] == "{{7*7}} Claire"
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert "{{7*7}} {% if true %}yes{% endif %} Claire" in text
    assert "49" not in html and "{{7*7}}" in html


def test_a_template_switched_off_is_not_sent(client, admin, inbox):
    edit(client, language="fr", active="")
    client.post_form(
        "/admin/customers/new",
        new_customer_form(send_welcome="y", language="fr"),
        token_from="/admin/customers/new",
    )
    assert inbox.messages == []


def test_put_back_the_shipped_text(client, admin):
    edit(client, subject="Custom {contact_firstname}")
    client.post_form(f"{URL}/welcome/en/reset", {}, token_from=URL)
    assert db.session.scalars(select(EmailTemplate)).all() == []


def test_unknown_template_or_language_is_a_404(client, admin):
    assert client.get(f"{URL}/nope/en").status_code == 404
    assert client.get(f"{URL}/welcome/xx").status_code == 404
    make_customer()
