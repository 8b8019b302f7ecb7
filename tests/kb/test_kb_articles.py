"""Staff write knowledge base articles: one text per language (title, address, sanitised text),
in groups with a name per language; bad input is refused beside its field with nothing
written; a draft or a portal-only article is never public."""

import html

from sqlalchemy import func, select

from app.extensions import db
from app.models import KbArticle, KbGroup, KbTranslation
from tests.factories import make_admin, make_article, make_kb_group, make_role, make_user

HX = {"HX-Request": "true"}


def _count(entity) -> int:
    return db.session.scalar(select(func.count()).select_from(entity))


def _article_form(group, **values) -> dict:
    return {"group_id": str(group.id), "status": "published", "visibility": "portal",
            "title": "How to add a customer", "slug": "", "body": "<p>Open Customers.</p>",
            **values}  # fmt: skip


def test_an_article_is_written_in_two_languages_and_listed(client, ctx, login_as):
    login_as(make_admin())
    group = make_kb_group({"en": "Customers", "fr": "Clients"})
    response = client.post_form("/admin/kb/new?language=en", _article_form(group),
                                token_from="/admin/kb")  # fmt: skip
    assert response.status_code == 303
    article = db.session.scalar(select(KbArticle))
    assert response.headers["Location"] == f"/admin/kb/{article.id}?language=en"
    french = _article_form(group, title="Ajouter un client", body="<p>Ouvrez <b>Clients</b>.</p>")
    url = f"/admin/kb/{article.id}?language=fr"
    assert client.post_form(url, french, token_from="/admin/kb").status_code == 303
    db.session.expire_all()
    slugs = {t.language: t.slug for t in article.translations}
    assert slugs == {"en": "how-to-add-a-customer", "fr": "ajouter-un-client"}
    page = html.unescape(client.get("/admin/kb?language=fr").get_data(as_text=True))
    assert "How to add a customer" in page and "Customers" in page
    assert "No article matches" in html.unescape(client.get("/admin/kb?status=draft").text)
    editor = client.get(url).get_data(as_text=True)
    assert "Ouvrez <b>Clients</b>." in html.unescape(editor)
    assert "Open the public page" not in editor  # portal-only
    public = make_article("Open to all", visibility="public", slug="open-to-all")
    editor = client.get(f"/admin/kb/{public.id}?language=en").get_data(as_text=True)
    assert 'href="/kb/open-to-all">Open the public page' in editor


def test_the_text_is_sanitised(client, ctx, login_as):
    login_as(make_admin())
    group = make_kb_group()
    body = '<p onclick="x()">Hello <script>alert(1)</script><a href="javascript:x">y</a></p>'
    client.post_form("/admin/kb/new", _article_form(group, body=body), token_from="/admin/kb")
    stored = db.session.scalar(select(KbTranslation.body))
    assert "script" not in stored and "onclick" not in stored and "javascript" not in stored
    assert "Hello" in stored


def test_bad_articles_are_refused_beside_the_field_and_nothing_is_written(client, ctx, login_as):
    login_as(make_admin())
    group = make_kb_group()
    make_article("Taken", slug="taken")
    before = _count(KbTranslation)
    for values, field, message in (
        ({"title": "  "}, "title", "Enter the article's title."),
        ({"body": "<script>alert(1)</script>"}, "body", "Write the article."),
        ({"group_id": "999999"}, "group_id", "Choose a group."),
        ({"status": "live"}, "status", "Choose one of the statuses offered."),
        ({"visibility": "world"}, "visibility", "Choose who may read the article."),
        ({"slug": "Not a slug!"}, "slug", "Use only letters a-z, digits and single hyphens."),
        ({"slug": "taken"}, "slug", "Another article uses this address"),
        ({"title": "x" * 201}, "title", "Use at most 200 characters."),
    ):
        response = client.post_form("/admin/kb/new", _article_form(group, **values),
                                    token_from="/admin/kb", headers=HX)  # fmt: skip
        assert response.status_code == 422, values
        page = html.unescape(response.get_data(as_text=True))
        assert message in page and f'id="{field}-error"' in page, values
    assert _count(KbTranslation) == before
    assert client.get("/admin/kb/new?language=xx").status_code == 404


def test_a_double_click_on_save_writes_one_article(app, ctx):
    from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

    group = make_kb_group()
    results = _at_once(_browsers(app, 4), [("/admin/kb/new", _article_form(group))] * 4)
    assert sorted(code for _u, code, _p in results) == [303, 422, 422, 422]
    assert _count(KbArticle) == 1


def test_groups_have_a_name_per_language_falling_back_to_the_default(client, ctx, login_as):
    login_as(make_admin())
    url = "/admin/kb/groups"
    for values, message in (
        ({"name_fr": "Factures"}, "Enter the group's name."),
        ({"name_en": "Invoices", "position": "x"}, "Enter a number"),
        ({"name_en": "Invoices", "position": "1.5"}, "Enter a whole number from 0 to 9999."),
        ({"name_en": "x" * 121}, "Use at most 120 characters."),
    ):
        response = client.post_form(url, values, token_from=url, headers=HX)
        assert response.status_code == 422, values
        assert message in html.unescape(response.get_data(as_text=True)), values
    assert _count(KbGroup) == 0
    response = client.post_form(url, {"name_en": "Invoices", "name_fr": "Factures",
                                      "position": "2"}, token_from=url)  # fmt: skip
    assert response.status_code == 303
    group = db.session.scalar(select(KbGroup))
    assert group.names == {"en": "Invoices", "fr": "Factures"} and group.position == 2
    login_as(make_admin(language="fr"))
    assert "Factures" in client.get(url).text
    login_as(make_admin(language="de"))
    assert "Invoices" in client.get(url).text


def test_a_group_with_articles_is_not_deleted(client, ctx, login_as):
    login_as(make_admin())
    article = make_article()
    url = f"/admin/kb/groups/{article.group_id}/delete"
    response = client.post_form(url, token_from="/admin/kb/groups")
    assert response.status_code == 303
    assert "Move or delete this group's articles first." in html.unescape(
        client.get("/admin/kb/groups").text
    )
    assert _count(KbGroup) == 1
    client.post_form(f"/admin/kb/{article.id}/delete", token_from="/admin/kb")
    client.post_form(url, token_from="/admin/kb/groups")
    assert _count(KbGroup) == 0 and _count(KbTranslation) == 0


def test_a_role_without_the_knowledge_base_sees_no_entry_and_gets_403(client, ctx, login_as):
    login_as(make_user(role=make_role((("customers", "view_all"),))))
    assert 'href="/admin/kb"' not in client.get("/admin/").text
    assert client.get("/admin/kb").status_code == 403
    login_as(make_user(role=make_role((("knowledge_base", "view_all"),))))
    page = client.get("/admin/kb").text
    assert 'href="/admin/kb"' in page and "New article" not in page


def test_the_role_form_offers_the_knowledge_base(client, ctx, login_as):
    login_as(make_admin())
    page = client.get("/admin/staff/roles/new").get_data(as_text=True)
    assert '<th scope="row">Knowledge base</th>' in page and 'name="knowledge_base.delete"' in page
