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


def upgrade():
    with op.batch_alter_table(
        "sales_documents", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.alter_column("sequence", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("number", existing_type=sa.String(length=40), nullable=True)
        batch_op.drop_constraint("uq_sales_documents_kind_sequence", type_="unique")
        batch_op.create_unique_constraint("uq_sales_documents_kind_number", ["kind", "number"])

    op.create_table(
        "document_defaults",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("terms", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("kind", "language", name=op.f("pk_document_defaults")),
    )


def downgrade():
    op.drop_table("document_defaults")
    with op.batch_alter_table(
        "sales_documents", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_constraint("uq_sales_documents_kind_number", type_="unique")
        batch_op.create_unique_constraint("uq_sales_documents_kind_sequence", ["kind", "sequence"])
        batch_op.alter_column("number", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column("sequence", existing_type=sa.Integer(), nullable=False)
