"""Contacts read published articles in their customer's language (the default language's text
when an article lacks theirs, saying so), grouped, searched with accents and case ignored the
same way on SQLite and PostgreSQL; drafts are nowhere, portal-only articles are not public, and
a new ticket's subject suggests articles."""

import html

from tests.factories import make_article, make_contact, make_customer, make_kb_group

HX = {"HX-Request": "true"}


def _french_contact():
    return make_contact(make_customer(company="Boulangerie", language="fr"))


def test_contacts_read_articles_in_their_language_grouped(client, ctx, login_as):
    billing = make_kb_group({"en": "Billing", "fr": "Facturation"}, position=2)
    start = make_kb_group({"en": "Getting started", "fr": "Premiers pas"}, position=1)
    make_article(
        "Add a customer", group=start, texts={"fr": ("Ajouter un client", "<p>Ouvrez</p>")}
    )
    make_article("Pay an invoice", group=billing)  # English only
    make_article("Secret draft", group=start, status="draft")
    login_as(_french_contact())
    page = html.unescape(client.get("/clients/kb").get_data(as_text=True))
    assert page.index("Premiers pas") < page.index("Ajouter un client") < page.index("Facturation")
    assert "Pay an invoice" in page and "(English)" in page and "Base de connaissances" in page
    assert "Secret draft" not in page and "Add a customer" not in page
    assert 'href="/clients/kb"' in page  # the menu entry, for every contact


def test_an_article_lacking_the_language_says_so(client, ctx, login_as):
    make_article("Pay an invoice", body="<p>Use the link.</p>", slug="pay")
    login_as(_french_contact())
    page = html.unescape(client.get("/clients/kb/pay").get_data(as_text=True))
    assert "Use the link." in page
    notice = "Cet article n’est pas encore disponible dans votre langue. Il est affiché en\u00a0:"
    assert f"{notice} English." in page


def test_an_article_in_both_languages_links_the_readers_one(client, ctx, login_as):
    make_article("Add a customer", slug="add", texts={"fr": ("Ajouter un client", "<p>x</p>")})
    login_as(_french_contact())
    page = client.get("/clients/kb/add").get_data(as_text=True)
    assert 'href="/clients/kb/ajouter-un-client"' in page


def test_drafts_and_portal_only_articles_are_hidden(client, ctx, login_as):
    make_article("Draft", slug="draft", status="draft", visibility="public")
    make_article("Members", slug="members", visibility="portal")
    make_article("Open", slug="open", visibility="public", body="<p>For everyone</p>")
    assert client.get("/kb/draft").status_code == 404
    assert client.get("/kb/members").status_code == 404
    assert client.get("/kb/nothing-here").status_code == 404
    public = client.get("/kb/open")
    assert public.status_code == 200 and "For everyone" in public.text
    assert "Sign out" not in public.text
    login_as(make_contact())
    assert client.get("/clients/kb/draft").status_code == 404
    assert client.get("/clients/kb/members").status_code == 200


def test_search_ignores_accents_and_case(client, ctx, login_as):
    make_article("Créer une facture", body="<p>Le bouton Émettre</p>", language="en")
    make_article("Payer en ligne", body="<p>Carte bancaire</p>")
    login_as(make_contact())
    for q in ("creer", "CRÉER", "emettre facture", "ÉMETTRE"):
        page = html.unescape(client.get(f"/clients/kb?q={q}", headers=HX).text)
        assert "Créer une facture" in page and "Payer en ligne" not in page, q
    page = html.unescape(client.get("/clients/kb?q=zzz", headers=HX).text)
    assert "No article matches your search." in page


def test_a_ticket_subject_suggests_articles(client, ctx, login_as):
    make_article("Reset your password", body="<p>Use Forgot password.</p>")
    make_article("Change the password of a colleague", body="<p>Ask them.</p>")
    make_article("Pay an invoice")
    make_article("Password draft", status="draft")
    for n in range(6):
        make_article(f"Password tip {n}")
    login_as(make_contact())
    fragment = client.get("/clients/tickets/new?subject=I+forgot+my+PASSWORD+reset", headers=HX)
    assert fragment.status_code == 200
    text = html.unescape(fragment.get_data(as_text=True))
    assert text.lstrip().startswith('<section id="kb-suggestions"')
    assert text.count("<li>") == 5 and "Reset your password" in text
    assert text.index("Reset your password") < text.index("Password tip")
    assert "Pay an invoice" not in text and "Password draft" not in text
    empty = client.get("/clients/tickets/new?subject=a", headers=HX).get_data(as_text=True)
    assert "<li>" not in empty


def test_a_public_page_speaks_its_article_language_and_links_the_others(client, ctx):
    make_article("Add a customer", slug="add", visibility="public",
                 texts={"fr": ("Ajouter un client", "<p>Ouvrez Clients.</p>")})  # fmt: skip
    page = html.unescape(client.get("/kb/ajouter-un-client").get_data(as_text=True))
    assert '<html lang="fr"' in page and "Cet article vous a-t-il été utile" in page
    assert "Autres langues" in page and 'href="/kb/add" lang="en" hreflang="en">English' in page
