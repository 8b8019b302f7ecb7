"""The knowledge base: groups of articles, each article in one or more languages, and the
readers' "Was this article helpful?" answers."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow

ARTICLE_STATUSES = ("draft", "published")
ARTICLE_VISIBILITIES = ("public", "portal")  # anyone with the link, or signed-in contacts


class KbGroup(db.Model):
    __tablename__ = "kb_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    # {language code: name}; the default language's name is required, the others fall back to it.
    names: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class KbArticle(db.Model):
    __tablename__ = "kb_articles"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published')", name="status"),
        CheckConstraint("visibility IN ('public', 'portal')", name="visibility"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("kb_groups.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    visibility: Mapped[str] = mapped_column(String(20), default="portal")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    group = relationship("KbGroup")
    translations = relationship(
        "KbTranslation", back_populates="article", cascade="all, delete-orphan",
        order_by="KbTranslation.language",
    )  # fmt: skip

    def translation_in(self, language: str, fallback: str):
        """Its text in `language`, else in `fallback`, else the first it has (None: none yet)."""
        by_language = {t.language: t for t in self.translations}
        found = by_language.get(language) or by_language.get(fallback)
        return found or next(iter(self.translations), None)


class KbTranslation(db.Model):
    """An article in one language: its title, address (slug) and sanitised HTML body."""

    __tablename__ = "kb_translations"
    __table_args__ = (UniqueConstraint("article_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    body: Mapped[str] = mapped_column(Text)  # sanitised HTML (app/services/mail/render.sanitize)
    # The title and text folded (app.text.fold): searched the same way on SQLite and PostgreSQL.
    search_key: Mapped[str] = mapped_column(Text, default="")

    article = relationship("KbArticle", back_populates="translations")


class KbVote(db.Model):
    """One answer per contact (portal) or per browser (a signed cookie's id), changeable."""

    __tablename__ = "kb_votes"
    __table_args__ = (
        UniqueConstraint("article_id", "contact_id", name="uq_kb_votes_contact"),
        UniqueConstraint("article_id", "visitor", name="uq_kb_votes_visitor"),
        CheckConstraint("(contact_id IS NULL) <> (visitor IS NULL)", name="one_voter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    visitor: Mapped[str | None] = mapped_column(String(64))
    helpful: Mapped[bool]
    comment: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    contact = relationship("Contact")
