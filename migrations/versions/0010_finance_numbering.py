"""Finance: an invoice is numbered when issued (number nullable), yearly sequences, default texts

Revision ID: 0010_finance_numbering
Revises: 0009_outbox_claims
Create Date: 2026-12-02 04:10:00.000000

Drafts may have no number yet; a sequence restarting each year repeats `sequence` within a kind,
so numbers (not sequences) are unique per kind. Default notes and terms per kind and language.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0010_finance_numbering"
down_revision = "0009_outbox_claims"
branch_labels = None
depends_on = None


def _without_foreign_keys(work) -> None:
    """Run `work` with SQLite's foreign keys off. SQLite rebuilds the table (copy, drop, rename):
    with foreign keys enforced, dropping the old table would delete every line, tax and payment
    of every document through their ON DELETE CASCADE. The pragma is ignored inside a
    transaction, so the one the earlier migrations opened is committed first."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        work()
        return
    raw = conn.connection.dbapi_connection
    if raw.in_transaction:
        raw.commit()
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        work()
        if raw.in_transaction:
            raw.commit()
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _numbers_optional():
    with op.batch_alter_table(
        "sales_documents", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.alter_column("sequence", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("number", existing_type=sa.String(length=40), nullable=True)
        batch_op.drop_constraint("uq_sales_documents_kind_sequence", type_="unique")
        batch_op.create_unique_constraint("uq_sales_documents_kind_number", ["kind", "number"])


def _numbers_required():
    with op.batch_alter_table(
        "sales_documents", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_constraint("uq_sales_documents_kind_number", type_="unique")
        batch_op.create_unique_constraint(
            "uq_sales_documents_kind_sequence", ["kind", "sequence"]
        )
        batch_op.alter_column("number", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column("sequence", existing_type=sa.Integer(), nullable=False)


def upgrade():
    _without_foreign_keys(_numbers_optional)

    op.create_table(
        "document_defaults",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("terms", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("kind", "language", name=op.f("pk_document_defaults")),
    )


def downgrade():
    # Drafts numbered only when issued have no number: they cannot go back (issue them first).
    op.drop_table("document_defaults")
    _without_foreign_keys(_numbers_required)
