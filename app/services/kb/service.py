"""Writing the knowledge base: groups (a name per language) and articles (one translation per
language: title, address and sanitised text), published or draft, public or portal-only."""

import re

import nh3
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.i18n import default_language, shipped_languages
from app.models import ARTICLE_STATUSES, ARTICLE_VISIBILITIES, KbArticle, KbGroup, KbTranslation
from app.models.types import utcnow
from app.services import Collector, FormErrors, ValidationError
from app.services.locks import lock_row, savepoint
from app.services.mail.render import rich_text
from app.text import fold

TITLE_MAX, SLUG_MAX, GROUP_NAME_MAX = 200, 120, 120
BODY_MAX = 100_000  # characters of HTML, checked before the sanitiser spends time on it
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def group_name(group: KbGroup, language: str) -> str:
    """The group's name in `language`, else in the default language, else any it has."""
    names = group.names or {}
    return names.get(language) or names.get(default_language()) or next(iter(names.values()), "")


def save_group(group: KbGroup | None, names: dict[str, str], position) -> KbGroup:
    """Create (group None) or rename a group; its name in the default language is required,
    its order a whole number from 0 to 9999 (none: 0)."""
    errors = Collector()
    if position is not None and (position != int(position) or not 0 <= position <= 9999):
        errors.add("position", _("Enter a whole number from 0 to 9999."))
    cleaned = {}
    for code in shipped_languages():
        text = errors.text(f"name_{code}", names.get(code), GROUP_NAME_MAX)
        if text:
            cleaned[code] = text
    if default_language() not in cleaned:
        errors.add(f"name_{default_language()}", _("Enter the group's name."))
    errors.raise_if_any()
    group = group or KbGroup()
    group.names, group.position = cleaned, int(position or 0)
    db.session.add(group)
    db.session.flush()
    return group


def delete_group(group: KbGroup) -> None:
    """Delete an empty group; one that still holds articles is refused."""
    used = db.session.scalar(select(func.count()).where(KbArticle.group_id == group.id))
    if used:
        raise ValidationError(_("Move or delete this group's articles first."))
    db.session.delete(group)
    db.session.flush()


def slug_of(title: str) -> str:
    """An address made of the title's letters and digits (accents dropped), for the URL."""
    words = re.findall(r"[a-z0-9]+", fold(title))
    return "-".join(words)[:SLUG_MAX].strip("-")


def _body(errors: Collector, body: str | None) -> str:
    return rich_text(errors, "body", body, BODY_MAX, _("Write the article."))


def _slug(errors: Collector, slug: str | None, title: str, taken_by: int | None) -> str:
    slug = (slug or "").strip().lower() or slug_of(title)
    if not slug and title:
        errors.add("slug", _("Enter an address made of letters a-z, digits and hyphens."))
    elif slug and (len(slug) > SLUG_MAX or not SLUG.match(slug)):
        errors.add("slug", _("Use only letters a-z, digits and single hyphens."))
    elif slug:
        owner = db.session.scalar(select(KbTranslation.id).where(KbTranslation.slug == slug))
        if owner is not None and owner != taken_by:
            errors.add("slug", _("Another article uses this address: choose another."))
    return slug


def save_article(article: KbArticle | None, language: str, values: dict, user) -> KbArticle:
    """Create (article None) or change an article and its text in `language`: group, status
    and visibility are the article's; title, address and text the language's."""
    if language not in shipped_languages():
        raise ValidationError(_("Choose one of the languages offered."), "language")
    adding = article is not None and (values.get("adding") or not _translation(article, language))
    if adding:  # a colleague adding this language at the same moment, or since the page opened
        _lock(article)  # one goes first; the others are told, never overwrite its text
        if _translation(article, language) is not None:
            raise ValidationError(_("This language was just added by someone else: reload the "
                                    "page to see their text."), "title")  # fmt: skip
    errors = Collector()
    group = db.session.get(KbGroup, values.get("group_id") or 0)
    if group is None:
        errors.add("group_id", _("Choose a group."))
    if values.get("status") not in ARTICLE_STATUSES:
        errors.add("status", _("Choose one of the statuses offered."))
    if values.get("visibility") not in ARTICLE_VISIBILITIES:
        errors.add("visibility", _("Choose who may read the article."))
    title = errors.text("title", values.get("title"), TITLE_MAX, _("Enter the article's title."))
    body = _body(errors, values.get("body"))
    current = _translation(article, language)
    slug = _slug(errors, values.get("slug"), title, current.id if current else None)
    errors.raise_if_any()
    article = article or KbArticle(created_by_id=user.id)
    article.group_id, article.status = group.id, values["status"]
    article.visibility, article.updated_at = values["visibility"], utcnow()
    if current is None:
        current = KbTranslation(language=language)
        article.translations.append(current)
    current.title, current.slug, current.body = title, slug, body
    current.search_key = fold(f"{title} {nh3.clean(body, tags=set())}")
    try:
        with savepoint():  # a double click: the second finds the address taken
            db.session.add(article)
            db.session.flush()
    except IntegrityError as exc:
        taken = _("Another article uses this address: choose another.")
        raise FormErrors({"slug": [taken]}) from exc
    return article


def _lock(article: KbArticle) -> None:
    """Take the article for this transaction, then read its translations as committed: the
    next request changing its languages waits until this one commits or rolls back."""
    lock_row(article, "status")
    db.session.expire(article, ["translations"])


def _translation(article: KbArticle | None, language: str) -> KbTranslation | None:
    if article is None:
        return None
    return next((t for t in article.translations if t.language == language), None)


def remove_language(article: KbArticle, language: str) -> str:
    """Remove the article's text in `language` (not its last one) and answer the language its
    page shows next. Its answers stay: they are the article's, whatever language was read
    (each keeps the language it was given in). Locked: two colleagues removing its last two
    languages at once leave one."""
    _lock(article)
    text = _translation(article, language)
    others = [t.language for t in article.translations if t.language != language]
    if text is not None and not others:
        raise ValidationError(_("An article keeps at least one language: delete the article "
                                "instead."))  # fmt: skip
    if text is not None:  # else removed by a double click's first post already
        article.translations.remove(text)
        article.updated_at = utcnow()
        db.session.flush()
    return default_language() if default_language() in others else others[0]


def delete_article(article: KbArticle) -> None:
    """Delete an article with its translations and votes."""
    db.session.delete(article)
    db.session.flush()
