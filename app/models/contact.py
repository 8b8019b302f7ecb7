"""Contacts: a customer's people, who sign into the client portal."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, false, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.session import SignedIn
from app.models.types import UTCDateTime, utcnow
from app.models.user import new_session_token

# The portal modules a contact may be allowed to use, in the order forms show them.
PORTAL_MODULES = (
    "invoices", "estimates", "contracts", "proposals", "support", "projects", "files",
)  # fmt: skip

# The kinds of routine email a contact may opt out of (column `email_<topic>`), in form order:
# invoices = invoices, estimates, proposals, credit notes, payment receipts and reminders.
EMAIL_TOPICS = ("invoices", "statements", "support", "projects")


class Contact(SignedIn, db.Model):
    __tablename__ = "contacts"
    __table_args__ = (
        Index(
            "uq_contacts_primary_per_customer",
            "customer_id",
            unique=True,
            sqlite_where=text("is_primary"),
            postgresql_where=text("is_primary"),
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    # Stored lower-cased so uniqueness is case-insensitive on every database.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[str | None] = mapped_column(String(100))
    is_primary: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    perm_invoices: Mapped[bool] = mapped_column(default=True)
    perm_estimates: Mapped[bool] = mapped_column(default=True)
    perm_contracts: Mapped[bool] = mapped_column(default=True)
    perm_proposals: Mapped[bool] = mapped_column(default=True)
    perm_support: Mapped[bool] = mapped_column(default=True)
    perm_projects: Mapped[bool] = mapped_column(default=True)
    # Came after the others: contacts that existed then were not given it.
    perm_files: Mapped[bool] = mapped_column(default=True, server_default=false())
    email_invoices: Mapped[bool] = mapped_column(default=True, server_default=true())
    email_statements: Mapped[bool] = mapped_column(default=True, server_default=true())
    email_support: Mapped[bool] = mapped_column(default=True, server_default=true())
    email_projects: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    customer = relationship("Customer", back_populates="contacts")

    kind = "contact"
    identity_kind = "c"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def may_use(self, module: str) -> bool:
        """Whether this contact's portal permissions open `module`."""
        return module in PORTAL_MODULES and bool(getattr(self, f"perm_{module}"))

    def receives(self, topic: str) -> bool:
        """Whether this contact still wants the routine emails of `topic` (EMAIL_TOPICS)."""
        return bool(getattr(self, f"email_{topic}"))

    # Flask-Login protocol: contacts are a separate identity from staff.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active and self.customer.active

    def __repr__(self) -> str:
        return f"<Contact {self.email}>"
