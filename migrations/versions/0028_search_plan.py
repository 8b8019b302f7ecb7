"""Search plan: customer search terms indexed by (customer_id, term)

Checking whether one customer has a word starting with a prefix becomes one seek in the index
(the customer_id-only index it replaces made it read every term of the customer).

Revision ID: 0028_search_plan
Revises: 0027_customer_balances
Create Date: 2026-12-02 18:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0028_search_plan'
down_revision = '0027_customer_balances'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_customer_search_terms_customer_term', 'customer_search_terms',
                    ['customer_id', 'term'])
    op.drop_index('ix_customer_search_terms_customer_id', table_name='customer_search_terms')


def downgrade():
    op.create_index('ix_customer_search_terms_customer_id', 'customer_search_terms',
                    ['customer_id'])
    op.drop_index('ix_customer_search_terms_customer_term', table_name='customer_search_terms')
