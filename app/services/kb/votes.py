"""'Was this article helpful?': one answer per contact or per browser, changeable (an upsert
on a unique constraint, so parallel clicks never count twice), a comment only with No."""

from sqlalchemy import case, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import KbArticle, KbVote
from app.models.types import utcnow
from app.services import Collector

COMMENT_MAX = 2000
LEAST_HELPFUL_MIN_VOTES, LEAST_HELPFUL_SHOWN = 3, 20


def vote(article: KbArticle, helpful: bool, comment: str | None, language: str, *,
         contact_id: int | None = None, visitor: str | None = None) -> KbVote:  # fmt: skip
    """Record (or change) this contact's or browser's answer; a comment is kept with No only."""
    errors = Collector()
    comment = errors.text("comment", comment, COMMENT_MAX, multiline=True) if not helpful else ""
    errors.raise_if_any()
    voter = {"contact_id": contact_id} if contact_id is not None else {"visitor": visitor}
    values = dict(article_id=article.id, helpful=helpful, comment=comment or None,
                  language=language, updated_at=utcnow(), **voter)  # fmt: skip
    dialect = db.session.get_bind().dialect.name
    insert = (pg_insert if dialect == "postgresql" else sqlite_insert)(KbVote).values(**values)
    db.session.execute(
        insert.on_conflict_do_update(
            index_elements=["article_id", next(iter(voter))],
            set_={
                "helpful": helpful,
                "comment": values["comment"],
                "language": language,
                "updated_at": values["updated_at"],
            },
        )  # fmt: skip
    )
    return my_vote(article, contact_id=contact_id, visitor=visitor)


def my_vote(article: KbArticle, *, contact_id: int | None = None,
            visitor: str | None = None) -> KbVote | None:  # fmt: skip
    """This contact's or browser's answer on the article, if any."""
    if contact_id is None and not visitor:
        return None
    column, value = (KbVote.contact_id, contact_id) if contact_id else (KbVote.visitor, visitor)
    query = select(KbVote).where(KbVote.article_id == article.id, column == value)
    return db.session.scalar(query.execution_options(populate_existing=True))


def _yes_no():
    yes = func.sum(case((KbVote.helpful.is_(True), 1), else_=0))
    return yes, func.count() - yes


def vote_counts(article_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{article id: (yes, no)} for these articles (those without votes left out)."""
    if not article_ids:
        return {}
    yes, no = _yes_no()
    rows = db.session.execute(
        select(KbVote.article_id, yes, no)
        .where(KbVote.article_id.in_(article_ids))
        .group_by(KbVote.article_id)
    )
    return {article_id: (int(y), int(n)) for article_id, y, n in rows}


def article_comments(article: KbArticle) -> list[KbVote]:
    """The No answers with a comment, the latest first."""
    query = select(KbVote).where(KbVote.article_id == article.id, KbVote.comment.is_not(None))
    query = query.options(joinedload(KbVote.contact))
    return list(db.session.scalars(query.order_by(KbVote.updated_at.desc(), KbVote.id.desc())))


def least_helpful(min_votes: int = LEAST_HELPFUL_MIN_VOTES) -> list[tuple[KbArticle, int, int]]:
    """(article, yes, no) of the articles with at least `min_votes` answers and some No, the
    highest share of No first (then the most No)."""
    yes, no = _yes_no()
    counted = (
        select(KbVote.article_id, yes.label("yes"), no.label("no"))
        .group_by(KbVote.article_id)
        .having(func.count() >= min_votes)
        .subquery()
    )
    share = counted.c.no * 1.0 / (counted.c.yes + counted.c.no)
    query = (
        select(KbArticle, counted.c.yes, counted.c.no)
        .join(counted, counted.c.article_id == KbArticle.id)
        .where(counted.c.no > 0)
        .options(joinedload(KbArticle.translations))
        .order_by(share.desc(), counted.c.no.desc(), KbArticle.id)
        .limit(LEAST_HELPFUL_SHOWN)
    )
    return [(a, int(y), int(n)) for a, y, n in db.session.execute(query).unique()]
