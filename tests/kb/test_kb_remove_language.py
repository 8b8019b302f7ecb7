"""Removing one language of an article: its text goes (confirmation asked), never the last one;
its answers stay (they are the article's, whatever language was read); two colleagues removing
its last two languages at once leave one."""

import html

from sqlalchemy import func, select

from app.extensions import db
from app.models import KbTranslation, KbVote
from tests.factories import make_admin, make_article, make_contact, make_user
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers


def _languages(article) -> list[str]:
    query = select(KbTranslation.language).where(KbTranslation.article_id == article.id)
    return sorted(db.session.scalars(query))


def _remove(article, language: str) -> str:
    return f"/admin/kb/{article.id}/languages/{language}/delete"


def test_staff_remove_one_language_and_keep_the_answers(client, ctx, login_as):
    french = {"fr": ("Ajouter un client", "<p>Ouvrez Clients.</p>")}
    article = make_article("Add a customer", visibility="public", texts=french)
    db.session.add(KbVote(article_id=article.id, contact_id=make_contact().id, helpful=False,
                          comment="Pas clair", language="fr"))  # fmt: skip
    db.session.commit()
    login_as(make_admin())
    editor = html.unescape(client.get(f"/admin/kb/{article.id}?language=fr").text)
    assert "Remove this language" in editor
    assert "Remove this article's text in Français? Its other languages" in editor
    response = client.post_form(_remove(article, "fr"), {}, token_from="/admin/kb")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/kb/{article.id}?language=en"
    page = html.unescape(client.get(response.headers["Location"]).text)
    assert "Language removed." in page and "Pas clair" in page  # the answer is kept
    assert "Yes: 0, No: 1" in page
    assert _languages(article) == ["en"]
    assert client.get("/kb/ajouter-un-client").status_code == 404
    assert "Remove this language" not in page  # the last one: delete the article instead
    response = client.post_form(_remove(article, "en"), {}, token_from="/admin/kb")
    assert response.status_code == 303
    page = html.unescape(client.get(response.headers["Location"]).text)
    assert "An article keeps at least one language: delete the article instead." in page
    assert _languages(article) == ["en"]
    assert client.post_form(_remove(article, "xx"), {}, token_from="/admin/kb").status_code == 404
    missing = "/admin/kb/999999/languages/en/delete"
    assert client.post_form(missing, {}, token_from="/admin/kb").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(KbVote)) == 1


def test_without_the_delete_permission_no_button_and_403(client, ctx, login_as):
    article = make_article("Add a customer", texts={"fr": ("Ajouter un client", "<p>Oui.</p>")})
    login_as(make_user(role="support"))  # all of the knowledge base but delete
    assert "Remove this language" not in client.get(f"/admin/kb/{article.id}?language=fr").text
    assert client.post_form(_remove(article, "fr"), {}, token_from="/admin/kb").status_code == 403
    assert _languages(article) == ["en", "fr"]


def test_removing_the_last_two_languages_at_once_leaves_one(app, ctx):
    article = make_article("Add a customer", texts={"fr": ("Ajouter un client", "<p>Oui.</p>")})
    posts = [(_remove(article, "en"), {}), (_remove(article, "fr"), {})]
    results = _at_once(_browsers(app, 2), posts)
    db.session.expire_all()
    assert len(_languages(article)) == 1
    pages = " ".join(page for _u, _c, page in results)
    assert "Language removed." in pages and "An article keeps at least one language" in pages
