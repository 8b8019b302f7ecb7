"""The portal dashboard's Knowledge base card: a search box leading to the portal's search and
the newest published articles in the customer's language (its text, else the default one's)."""

import html
from datetime import timedelta

from app.extensions import db
from app.models.types import utcnow
from tests.factories import make_article, make_contact, make_customer


def test_the_dashboard_card_searches_and_lists_the_newest_articles(client, ctx, login_as):
    old = make_article("Old news", texts={"fr": ("Vieilles nouvelles", "<p>Ancien.</p>")})
    old.updated_at = utcnow() - timedelta(days=30)
    db.session.commit()
    make_article("Reset your password", texts={"fr": ("Changer de mot de passe", "<p>Oui.</p>")})
    make_article("English only")
    make_article("A draft", status="draft")
    for n in range(5):
        make_article(f"Tip number {n}", texts={"fr": (f"Astuce numéro {n}", "<p>Oui.</p>")})
    login_as(make_contact(make_customer(language="fr")))
    page = html.unescape(client.get("/clients/").get_data(as_text=True))
    card = page[page.index('class="card kb-card"') :]
    assert 'action="/clients/kb"' in card and 'name="q"' in card
    assert "Astuce numéro 4" in card and "Astuce numéro 0" in card  # the five newest
    assert "Changer de mot de passe" not in card and "Vieilles nouvelles" not in card
    assert "A draft" not in card
    found = html.unescape(client.get("/clients/kb?q=MOT+de+PASSE").get_data(as_text=True))
    assert "Changer de mot de passe" in found and "Astuce" not in found


def test_a_newer_article_lacking_the_language_shows_the_default_text_marked(client, ctx, login_as):
    make_article("English only")
    login_as(make_contact(make_customer(language="fr")))
    page = html.unescape(client.get("/clients/").get_data(as_text=True))
    card = page[page.index('class="card kb-card"') :]
    assert "English only" in card and "(English)" in card
