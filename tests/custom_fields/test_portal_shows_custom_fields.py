"""A contact's portal Profile shows the custom fields marked *Show in the client portal*
(its customer's and its own), in the customer's language; the others stay staff-only."""

import html
from datetime import date

from app.extensions import db
from app.models import CustomFieldValue
from tests.factories import make_contact, make_custom_field, make_customer


def test_the_profile_shows_only_the_portal_fields_in_the_customers_language(client, ctx, login_as):
    tier = make_custom_field("tier", "choice", in_portal=True,
                             labels={"en": "Tier", "fr": "Niveau"},
                             choices=[("gold", {"en": "Gold", "fr": "Or"})])  # fmt: skip
    renewal = make_custom_field("renewal", "date", in_portal=True, labels={"en": "Renewal"})
    secret = make_custom_field("risk", "text", labels={"en": "Credit risk"})
    badge = make_custom_field("badge", "text", entity="contact", in_portal=True,
                              labels={"en": "Badge", "fr": "Badge d'accès"})  # fmt: skip
    customer = make_customer(language="fr")
    contact = make_contact(customer)
    other = make_contact(make_customer())
    db.session.add_all([
        CustomFieldValue(entity_type="customer", record_id=customer.id, field_id=tier.id,
                         value_text="gold"),
        CustomFieldValue(entity_type="customer", record_id=customer.id, field_id=renewal.id,
                         value_date=date(2027, 3, 1)),
        CustomFieldValue(entity_type="customer", record_id=customer.id, field_id=secret.id,
                         value_text="High"),
        CustomFieldValue(entity_type="contact", record_id=contact.id, field_id=badge.id,
                         value_text="B-7"),
        CustomFieldValue(entity_type="contact", record_id=other.id, field_id=badge.id,
                         value_text="Z-9"),
    ])  # fmt: skip
    db.session.commit()
    login_as(contact)
    page = html.unescape(client.get("/clients/profile").get_data(as_text=True))
    assert "<dt>Niveau</dt><dd>Or</dd>" in page
    assert "<dt>Renewal</dt><dd>1 mars 2027</dd>" in page
    assert "<dt>Badge d'accès</dt><dd>B-7</dd>" in page
    assert "Credit risk" not in page and "High" not in page and "Z-9" not in page
