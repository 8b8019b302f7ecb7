"""Customer list in name order: its index carries the id, the list's tie-breaker

PostgreSQL's index on company_key alone made a page in name order sort each run of equal
names by id, and a deep page fetch every skipped customer from the table; on (company_key,
id) a page's ids are read from the index alone. SQLite's index already ended with the row id.

Revision ID: 0044_pg_lists
Revises: 0043_search_order
Create Date: 2026-12-03 10:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0044_pg_lists'
down_revision = '0043_search_order'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_customers_company_key', table_name='customers')
    op.create_index('ix_customers_company_key', 'customers', ['company_key', 'id'], unique=False)


def downgrade():
    op.drop_index('ix_customers_company_key', table_name='customers')
    op.create_index('ix_customers_company_key', 'customers', ['company_key'], unique=False)
