"""A sales document's PDF kept once rendered, served again while it would come out the same.

Each row holds the PDF of one document in one language with the fingerprint of what made it
(the page's HTML, the stylesheet, the logo and WeasyPrint's version): anything that changes the
PDF changes the fingerprint, so a stored PDF is never stale (app/services/stored_pdfs.py).
"""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class StoredPdf(db.Model):
    __tablename__ = "stored_pdfs"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("sales_documents.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(16), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # read on a match only
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
