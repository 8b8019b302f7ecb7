"""Search order: customer search terms carry their customer's company_key, indexed by
(term, company_key, customer_id)

A common word's page of the customer list (sorted by company) reads that word's customers in
the list's order from the index and stops after the page, wherever they sort; before, it read
customers in name order and checked each for the word. The copy is written with the terms
(`reindex_customer`, the import's `reindex_batch`): every rename reindexes its customer.

Revision ID: 0043_search_order
Revises: 0042_privacy_requests
Create Date: 2026-12-03 10:30:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0043_search_order'
down_revision = '0042_privacy_requests'
branch_labels = None
depends_on = None


def upgrade():
    sqlite = op.get_bind().dialect.name == 'sqlite'
    # SQLite adds a NOT NULL column only with a default (kept there, unused: the app always
    # writes the key); PostgreSQL drops it once the rows are filled.
    op.add_column('customer_search_terms', sa.Column(
        'company_key', sa.String(length=200), nullable=False, server_default=''))
    if sqlite:
        op.execute('UPDATE customer_search_terms SET company_key = (SELECT c.company_key '
                   'FROM customers c WHERE c.id = customer_search_terms.customer_id)')
    else:
        # Every row is rewritten: without its two indexes, then rebuilt once (each row
        # updated through them wrote two index entries more, about twice the time).
        op.drop_index('ix_customer_search_terms_customer_term',
                      table_name='customer_search_terms')
        op.drop_constraint('pk_customer_search_terms', 'customer_search_terms', type_='primary')
        op.execute('UPDATE customer_search_terms t SET company_key = c.company_key '
                   'FROM customers c WHERE c.id = t.customer_id')
        op.alter_column('customer_search_terms', 'company_key', server_default=None)
        op.create_primary_key('pk_customer_search_terms', 'customer_search_terms',
                              ['term', 'customer_id'])
        op.create_index('ix_customer_search_terms_customer_term', 'customer_search_terms',
                        ['customer_id', 'term'])
    op.create_index('ix_customer_search_terms_term_company', 'customer_search_terms',
                    ['term', 'company_key', 'customer_id'])


def downgrade():
    op.drop_index('ix_customer_search_terms_term_company', table_name='customer_search_terms')
    with op.batch_alter_table('customer_search_terms', schema=None) as batch_op:
        batch_op.drop_column('company_key')
