"""Ageing report: a partial covering index of the open invoices by currency and due date

Revision ID: 0026_open_items_index
Revises: 0025_projects_keep_their_ids
Create Date: 2026-12-02 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0026_open_items_index'
down_revision = '0025_projects_keep_their_ids'
branch_labels = None
depends_on = None

OPEN_INVOICES = "kind = 'invoice' AND status IN ('unpaid', 'partial')"


def upgrade():
    # The ageing report's totals per currency and bucket: the open invoices summed per due
    # date in index order (a few hundred groups), instead of five FILTERed sums over every
    # open invoice of 0023's index (ordered by customer).
    op.create_index(
        'ix_sales_documents_open_due', 'sales_documents',
        ['currency_code', 'due_date', 'total', 'amount_paid'],
        sqlite_where=sa.text(OPEN_INVOICES), postgresql_where=sa.text(OPEN_INVOICES),
    )


def downgrade():
    op.drop_index('ix_sales_documents_open_due', table_name='sales_documents')
