"""Statements: partial covering indexes for the ageing report (open invoices, open credit notes)

Revision ID: 0023_statements
Revises: 0022_payment_reminders
Create Date: 2026-12-02 12:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023_statements'
down_revision = '0022_payment_reminders'
branch_labels = None
depends_on = None

OPEN_INVOICES = "kind = 'invoice' AND status IN ('unpaid', 'partial')"
OPEN_CREDIT = "kind = 'credit' AND status = 'open'"


def upgrade():
    # The ageing report groups the open invoices by currency and customer in index order
    # (no sort of 80,000 rows at 200,000 invoices) and reads the credit left per customer
    # without touching the table.
    op.create_index(
        'ix_sales_documents_ageing', 'sales_documents',
        ['currency_code', 'customer_id', 'due_date', 'total', 'amount_paid', 'currency_decimals'],
        sqlite_where=sa.text(OPEN_INVOICES), postgresql_where=sa.text(OPEN_INVOICES),
    )
    op.create_index(
        'ix_sales_documents_open_credit', 'sales_documents',
        ['customer_id', 'currency_code', 'total', 'amount_paid', 'currency_decimals'],
        sqlite_where=sa.text(OPEN_CREDIT), postgresql_where=sa.text(OPEN_CREDIT),
    )


def downgrade():
    op.drop_index('ix_sales_documents_open_credit', table_name='sales_documents')
    op.drop_index('ix_sales_documents_ageing', table_name='sales_documents')
