"""Reading the knowledge base: the staff list, the portal's and public pages' articles in the
reader's language (the default language's text when an article lacks it), search and the
articles suggested for a new ticket's subject."""

import re
from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.orm import aliased, selectinload

from app.collation import collated
from app.extensions import db
from app.i18n import default_language
from app.models import ARTICLE_STATUSES, KbArticle, KbGroup, KbTranslation
from app.parsing import parse_id
from app.services.kb.service import group_name
from app.services.lists import choice, search_text
from app.text import fold

SEARCH_WORDS, SUGGESTED, LISTED_MAX = 8, 5, 500


@dataclass
class ArticleFilters:
    group_id: int | None = None
    language: str = ""
    status: str = ""
    q: str = ""

    @classmethod
    def from_args(cls, args, languages) -> "ArticleFilters":
        """Read ?q=&group=&language=&status= leniently: anything unknown is ignored."""
        return cls(
            group_id=parse_id(args.get("group")),
            language=choice(args.get("language"), languages),
            status=choice(args.get("status"), ARTICLE_STATUSES),
            q=search_text(args),
        )


def articles_query(filters: ArticleFilters) -> Select:
    """The staff list: every article matching the filters, the latest changed first."""
    query = select(KbArticle).options(selectinload(KbArticle.translations),
                                      selectinload(KbArticle.group))  # fmt: skip
    if filters.group_id:
        query = query.where(KbArticle.group_id == filters.group_id)
    if filters.status:
        query = query.where(KbArticle.status == filters.status)
    if filters.language:
        query = query.where(
            exists().where(
                KbTranslation.article_id == KbArticle.id, KbTranslation.language == filters.language
            )  # fmt: skip
        )
    for word in search_words(filters.q):  # in any of its languages (the chosen one, if any)
        text = exists().where(KbTranslation.article_id == KbArticle.id,
                              KbTranslation.search_key.contains(word, autoescape=True))  # fmt: skip
        if filters.language:
            text = text.where(KbTranslation.language == filters.language)
        query = query.where(text)
    return query.order_by(KbArticle.updated_at.desc(), KbArticle.id.desc())


def all_groups() -> list[KbGroup]:
    """Every group in its order."""
    return list(db.session.scalars(select(KbGroup).order_by(KbGroup.position, KbGroup.id)))


def search_words(text: str | None) -> list[str]:
    """The folded words of a search (accents and case ignored), at most eight."""
    return re.findall(r"\w+", fold(text or ""))[:SEARCH_WORDS]


def _shown(language: str, portal: bool):
    """Published articles readable here with the translation shown: in `language`, else in the
    default language when the article has none in `language`."""
    shown, other = aliased(KbTranslation), aliased(KbTranslation)
    fallback = and_(
        shown.language == default_language(),
        ~exists().where(other.article_id == KbArticle.id, other.language == language),
    )
    query = (
        select(KbArticle, shown)
        .join(shown, and_(shown.article_id == KbArticle.id,
                          or_(shown.language == language, fallback)))
        .where(KbArticle.status == "published")
        .options(selectinload(KbArticle.group))
    )  # fmt: skip
    if not portal:
        query = query.where(KbArticle.visibility == "public")
    return query, shown


def readable_articles(language: str, q: str = "", portal: bool = True) -> list[tuple]:
    """(article, translation) pairs a reader sees, every word of `q` in the title or text."""
    query, shown = _shown(language, portal)
    for word in search_words(q):
        query = query.where(shown.search_key.contains(word, autoescape=True))
    return list(db.session.execute(query.order_by(KbArticle.id).limit(LISTED_MAX)).all())


def newest_articles(language: str, count: int = 5) -> list[tuple]:
    """The portal dashboard's card: the last published or changed articles a contact reads,
    (article, translation) in `language` (else the default one)."""
    query, _shown_text = _shown(language, portal=True)
    query = query.order_by(KbArticle.updated_at.desc(), KbArticle.id.desc()).limit(count)
    return list(db.session.execute(query).all())


def suggested_articles(language: str, subject: str | None) -> list[tuple]:
    """Up to five articles for a ticket's subject: those sharing most of its words (of three
    letters or more) first."""
    words = [word for word in search_words(subject) if len(word) >= 3]
    if not words:
        return []
    query, shown = _shown(language, portal=True)
    query = query.where(or_(*(shown.search_key.contains(w, autoescape=True) for w in words)))
    found = db.session.execute(query.order_by(KbArticle.id).limit(LISTED_MAX)).all()
    ranked = sorted(found, key=lambda row: -sum(w in row[1].search_key for w in words))
    return ranked[:SUGGESTED]


def readable_translation(slug: str, portal: bool) -> KbTranslation | None:
    """The published article's text at this address (a public one only, outside the portal)."""
    query = (
        select(KbTranslation)
        .join(KbArticle, KbArticle.id == KbTranslation.article_id)
        .where(KbTranslation.slug == slug, KbArticle.status == "published")
    )
    if not portal:
        query = query.where(KbArticle.visibility == "public")
    return db.session.scalar(query)


def grouped(rows: list[tuple], language: str) -> list[tuple[str, list[tuple]]]:
    """(group name, [(article, translation)…]) in the groups' order, titles sorted in the
    reader's language."""
    groups: dict[int, list] = {}
    for article, text in rows:
        groups.setdefault(article.group_id, []).append((article, text))
    order = sorted({a.group_id: a.group for a, _t in rows}.values(),
                   key=lambda group: (group.position, group.id))  # fmt: skip
    return [(group_name(group, language), collated(groups[group.id], lambda row: row[1].title))
            for group in order]  # fmt: skip
