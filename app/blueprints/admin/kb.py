"""The knowledge base, staff side: articles (list, write in each language, delete), their
groups, and the answers readers gave ("Was this article helpful?")."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import run_action, saved_form
from app.forms.kb import ArticleForm, group_form
from app.htmx import form_status, render
from app.i18n import default_language, language_names, shipped_languages
from app.models import KbArticle, KbGroup
from app.parsing import parse_id
from app.services.kb.queries import ArticleFilters, all_groups, articles_query
from app.services.kb.service import (
    delete_article,
    delete_group,
    group_name,
    remove_language,
    save_article,
    save_group,
)
from app.services.kb.votes import (
    LEAST_HELPFUL_MIN_VOTES,
    article_comments,
    least_helpful,
    vote_counts,
)
from app.services.languages import screen
from app.services.lists import paginate
from app.services.scope import scope_of


def _groups() -> list[tuple[int, str]]:
    language = screen()
    return [(group.id, group_name(group, language)) for group in all_groups()]


def _language() -> str:
    """The language of the text being written (?language=), the default one unless given."""
    code = request.args.get("language") or default_language()
    return code if code in shipped_languages() else abort(404)


@bp.get("/kb")
def kb_article_list():
    filters = ArticleFilters.from_args(request.args, shipped_languages())
    page, groups = paginate(articles_query(filters), request.args, "kb"), _groups()
    return render("admin/kb/list.html", block="results", filters=filters, page=page,
                  group_filter=[{"id": i, "name": name} for i, name in groups],
                  language_filter=[{"code": c, "name": name} for c, name in language_names()],
                  group_names=dict(groups),
                  language=screen(), default=default_language(),
                  counts=vote_counts([a.id for a in page.items]))  # fmt: skip


def _article_values(form) -> dict:
    return {"group_id": parse_id(form.group_id.data), "status": form.status.data,
            "visibility": form.visibility.data, "title": form.title.data,
            "slug": form.slug.data, "body": form.body.data,
            "adding": form.adding.data == "1"}  # fmt: skip


def _edit_url(article: KbArticle, language: str) -> str:
    return url_for("admin.kb_article_edit", article_id=article.id, language=language)


@bp.route("/kb/new", methods=["GET", "POST"])
def kb_article_create():
    language = _language()
    form = ArticleForm(_groups())
    me = current_user._get_current_object()
    done = saved_form(form, lambda: save_article(None, language, _article_values(form), me),
                      _("Article saved."), lambda saved: _edit_url(saved, language))  # fmt: skip
    return done or render("admin/kb/form.html", block="form", status=form_status(form),
                          form=form, article=None, language=language,
                          languages=language_names())  # fmt: skip


@bp.route("/kb/<int:article_id>", methods=["GET", "POST"])
def kb_article_edit(article_id: int):
    article = _article(article_id)
    language = _language()
    text = next((t for t in article.translations if t.language == language), None)
    form = ArticleForm(_groups(), obj=None if request.method == "POST" else text)
    if request.method == "GET":
        form.group_id.data, form.status.data = str(article.group_id), article.status
        form.visibility.data = article.visibility
        form.adding.data = "" if text else "1"
    me = current_user._get_current_object()
    done = saved_form(form, lambda: save_article(article, language, _article_values(form), me),
                      _("Article saved."), _edit_url(article, language))  # fmt: skip
    counts = vote_counts([article.id]).get(article.id, (0, 0))
    return done or render("admin/kb/form.html", block="form", status=form_status(form),
                          form=form, article=article, language=language, text=text,
                          languages=language_names(), counts=counts,
                          comments=article_comments(article))  # fmt: skip


def _article(article_id: int) -> KbArticle:
    return scope_of(current_user).get_or_404(KbArticle, article_id)


@bp.post("/kb/<int:article_id>/delete")
def kb_article_delete(article_id: int):
    article = _article(article_id)
    return run_action(lambda: delete_article(article), _("Article deleted."),
                      url_for("admin.kb_article_list"))  # fmt: skip


@bp.post("/kb/<int:article_id>/languages/<language>/delete")
def kb_language_delete(article_id: int, language: str):
    """Remove one language of an article (its last one is refused: delete the article)."""
    article = _article(article_id)
    if language not in shipped_languages():
        abort(404)
    return run_action(lambda: remove_language(article, language), _("Language removed."),
                      lambda shown: _edit_url(article, shown),
                      back=_edit_url(article, language))  # fmt: skip


@bp.get("/kb/least-helpful")
def kb_least_helpful():
    return render("admin/kb/least_helpful.html", rows=least_helpful(), language=screen(),
                  default=default_language(), min_votes=LEAST_HELPFUL_MIN_VOTES)  # fmt: skip


def _names(form) -> dict[str, str]:
    return {code: form[f"name_{code}"].data for code in shipped_languages()}


def _groups_page(form, group: KbGroup | None):
    groups = all_groups()
    names = {each.id: group_name(each, screen()) for each in groups}
    return render("admin/kb/groups.html", block="form", status=form_status(form), form=form,
                  group=group, groups=groups, group_names=names)  # fmt: skip


@bp.route("/kb/groups", methods=["GET", "POST"])
def kb_group_list():
    form = group_form(language_names(), default_language())
    done = saved_form(form, lambda: save_group(None, _names(form), form.position.data),
                      _("Group saved."), url_for("admin.kb_group_list"))  # fmt: skip
    return done or _groups_page(form, None)


@bp.route("/kb/groups/<int:kb_group_id>", methods=["GET", "POST"])
def kb_group_edit(kb_group_id: int):
    group = scope_of(current_user).get_or_404(KbGroup, kb_group_id)
    data = None if request.method == "POST" else {
        **{f"name_{code}": name for code, name in (group.names or {}).items()},
        "position": group.position,
    }  # fmt: skip
    form = group_form(language_names(), default_language(), data=data)
    done = saved_form(form, lambda: save_group(group, _names(form), form.position.data),
                      _("Group saved."), url_for("admin.kb_group_list"))  # fmt: skip
    return done or _groups_page(form, group)


@bp.post("/kb/groups/<int:kb_group_id>/delete")
def kb_group_delete(kb_group_id: int):
    group = scope_of(current_user).get_or_404(KbGroup, kb_group_id)
    return run_action(lambda: delete_group(group), _("Group deleted."),
                      url_for("admin.kb_group_list"))  # fmt: skip
