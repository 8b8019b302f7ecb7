"""Two staff adding the same language to one article at the same moment: the first is saved,
the others are told beside the title that someone else just added it (not "address taken"),
and the first one's text is kept."""

from sqlalchemy import select

from app.extensions import db
from app.models import KbTranslation
from tests.factories import make_article
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

JUST_ADDED = "This language was just added by someone else: reload the page to see their text."


def _form(article, title: str) -> dict:
    """What the page opened on a language the article lacks posts (`adding` is its hidden
    field saying so)."""
    return {"group_id": str(article.group_id), "status": "published", "visibility": "portal",
            "title": title, "slug": "", "body": f"<p>{title}</p>", "adding": "1"}  # fmt: skip


def test_the_same_language_added_at_once_is_saved_once_and_the_others_told(app, ctx):
    article = make_article("Add a customer")
    url = f"/admin/kb/{article.id}?language=fr"
    titles = ["Ajouter un client", "Créer un client", "Ajouter un client", "Nouveau client"]
    results = _at_once(_browsers(app, 4), [(url, _form(article, t)) for t in titles])
    assert sorted(code for _u, code, _p in results) == [303, 422, 422, 422]
    for _url, code, page in results:
        if code == 422:
            assert JUST_ADDED in page and "Another article uses this address" not in page
            assert 'id="title-error"' in page
    db.session.expire_all()
    french = db.session.scalars(
        select(KbTranslation).where(
            KbTranslation.article_id == article.id, KbTranslation.language == "fr"
        )  # fmt: skip
    ).all()
    assert len(french) == 1 and french[0].title in titles
    saved = next(page for _u, code, page in results if code == 303)
    assert "Article saved." in saved and french[0].title in saved


def test_a_language_added_since_the_page_opened_is_not_overwritten(client, ctx, login_as):
    """Two colleagues open the French page of an article without French; the first saves; the
    second saves a minute later (not at the same moment) and is told, the first text kept."""
    from tests.factories import make_admin

    article = make_article("Add a customer")
    login_as(make_admin())
    url = f"/admin/kb/{article.id}?language=fr"
    page = client.get(url).get_data(as_text=True)
    assert 'name="adding" type="hidden" value="1"' in page
    first = client.post_form(url, _form(article, "Ajouter un client"), token_from=url)
    assert first.status_code == 303
    second = client.post_form(url, _form(article, "Nouveau client"), token_from="/admin/kb")
    assert second.status_code == 422 and JUST_ADDED in second.get_data(as_text=True)
    db.session.expire_all()
    [french] = db.session.scalars(select(KbTranslation).where(
        KbTranslation.article_id == article.id, KbTranslation.language == "fr")).all()  # fmt: skip
    assert french.title == "Ajouter un client"
