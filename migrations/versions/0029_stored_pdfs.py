"""Stored PDFs: a sales document's PDF kept per language with the fingerprint that made it

Revision ID: 0029_stored_pdfs
Revises: 0028_search_plan
Create Date: 2026-12-02 22:20:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0029_stored_pdfs'
down_revision = '0028_search_plan'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'stored_pdfs',
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=16), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['sales_documents.id'],
                                name=op.f('fk_stored_pdfs_document_id_sales_documents'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('document_id', 'language', name=op.f('pk_stored_pdfs')),
    )


def downgrade():
    op.drop_table('stored_pdfs')
