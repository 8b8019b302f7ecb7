"""Recurring invoices: profiles, their lines and taxes, and one run row per profile and date

Revision ID: 0021_recurring_invoices
Revises: 0020_credit_notes
Create Date: 2026-12-02 11:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021_recurring_invoices'
down_revision = '0020_credit_notes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recurring_invoices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('currency_code', sa.String(length=3), nullable=False),
    sa.Column('currency_decimals', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('discount_type', sa.String(length=10), nullable=False),
    sa.Column('discount_value', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('discount_before_tax', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('terms', sa.Text(), nullable=True),
    sa.Column('total', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('interval_count', sa.Integer(), nullable=False),
    sa.Column('interval_unit', sa.String(length=5), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_type', sa.String(length=5), nullable=False),
    sa.Column('until_date', sa.Date(), nullable=True),
    sa.Column('max_count', sa.Integer(), nullable=True),
    sa.Column('mode', sa.String(length=5), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('next_date', sa.Date(), nullable=True),
    sa.Column('invoices_created', sa.Integer(), nullable=False),
    sa.Column('form_key', sa.String(length=32), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_recurring_invoices_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_recurring_invoices_customer_id_customers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurring_invoices')),
    sa.UniqueConstraint('form_key', name='uq_recurring_invoices_form_key')
    )
    with op.batch_alter_table('recurring_invoices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurring_invoices_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_invoices_next_date'), ['next_date'], unique=False)

    op.create_table('recurring_invoice_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('long_description', sa.Text(), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=True),
    sa.Column('rate', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['recurring_invoices.id'], name=op.f('fk_recurring_invoice_items_profile_id_recurring_invoices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurring_invoice_items'))
    )
    with op.batch_alter_table('recurring_invoice_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurring_invoice_items_profile_id'), ['profile_id'], unique=False)

    op.create_table('recurring_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('run_date', sa.Date(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['sales_documents.id'], name=op.f('fk_recurring_runs_document_id_sales_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['profile_id'], ['recurring_invoices.id'], name=op.f('fk_recurring_runs_profile_id_recurring_invoices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurring_runs')),
    sa.UniqueConstraint('profile_id', 'run_date', name='uq_recurring_runs_date')
    )
    with op.batch_alter_table('recurring_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurring_runs_document_id'), ['document_id'], unique=False)

    op.create_table('recurring_invoice_item_taxes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('tax_rate_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('percent', sa.Numeric(precision=7, scale=3), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['recurring_invoice_items.id'], name=op.f('fk_recurring_invoice_item_taxes_item_id_recurring_invoice_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tax_rate_id'], ['tax_rates.id'], name=op.f('fk_recurring_invoice_item_taxes_tax_rate_id_tax_rates'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurring_invoice_item_taxes'))
    )
    with op.batch_alter_table('recurring_invoice_item_taxes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurring_invoice_item_taxes_item_id'), ['item_id'], unique=False)



def downgrade():
    with op.batch_alter_table('recurring_invoice_item_taxes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurring_invoice_item_taxes_item_id'))

    op.drop_table('recurring_invoice_item_taxes')
    with op.batch_alter_table('recurring_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurring_runs_document_id'))

    op.drop_table('recurring_runs')
    with op.batch_alter_table('recurring_invoice_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurring_invoice_items_profile_id'))

    op.drop_table('recurring_invoice_items')
    with op.batch_alter_table('recurring_invoices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurring_invoices_next_date'))
        batch_op.drop_index(batch_op.f('ix_recurring_invoices_customer_id'))

    op.drop_table('recurring_invoices')
