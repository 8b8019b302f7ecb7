"""Custom fields in emails to contacts: {customer_custom_<key>} and {contact_custom_<key>} are
offered by the templates that name a contact, filled in the email's language, refused when
unknown; a paragraph with an empty one is left out."""

import html
from datetime import date

from app.extensions import db
from app.models import CustomFieldValue
from app.services.customers.contacts import email_password_link
from tests.factories import make_admin, make_contact, make_custom_field, make_customer

URL = "/admin/settings/email-templates/set_password/{language}"


def test_the_template_editor_offers_and_accepts_custom_merge_fields(client, ctx, login_as):
    login_as(make_admin())
    make_custom_field("tier", "choice", choices=[("gold", "Gold")])
    make_custom_field("badge", "text", entity="contact")
    url = URL.format(language="en")
    page = client.get(url).get_data(as_text=True)
    assert "{customer_custom_tier}" in page and "{contact_custom_badge}" in page
    data = {
        "subject": "Hello {contact_custom_badge}",
        "active": "y",
        "body_html": "<p>Tier: {customer_custom_tier}</p><p>{set_password_url}</p>",
    }
    assert client.post_form(url, data, token_from=url).status_code == 303
    data["body_html"] = "<p>{customer_custom_nope}</p>"
    response = client.post_form(url, data, token_from=url)
    assert response.status_code == 422
    assert "{customer_custom_nope}" in html.unescape(response.get_data(as_text=True))


def test_the_email_carries_the_values_in_the_customers_language(client, ctx, login_as, inbox):
    login_as(make_admin())
    tier = make_custom_field("tier", "choice", choices=[("gold", {"en": "Gold", "fr": "Or"})])
    renewal = make_custom_field("renewal", "date")
    make_custom_field("badge", "text", entity="contact")
    for language in ("en", "fr"):
        url = URL.format(language=language)
        data = {
            "subject": "Portal",
            "active": "y",
            "body_html": "<p>Tier {customer_custom_tier} until {customer_custom_renewal}</p>"
            "<p>Badge {contact_custom_badge}</p><p>{set_password_url}</p>",
        }
        assert client.post_form(url, data, token_from=url).status_code == 303
    customer = make_customer(language="fr")
    contact = make_contact(customer, email="lea@example.com")
    db.session.add_all([
        CustomFieldValue(entity_type="customer", record_id=customer.id, field_id=tier.id,
                         value_text="gold"),
        CustomFieldValue(entity_type="customer", record_id=customer.id, field_id=renewal.id,
                         value_date=date(2027, 3, 1)),
    ])  # fmt: skip
    db.session.commit()
    email_password_link(contact, 3600)
    db.session.commit()
    text = inbox.only().get_body(preferencelist=("plain",)).get_content()
    assert "Tier Or until 1 mars 2027" in text
    assert "Badge" not in text  # its paragraph is left out: the contact has no badge
