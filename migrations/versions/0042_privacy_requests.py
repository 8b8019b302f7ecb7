"""Personal data requests: exports and erasures of a contact's or customer's personal data

Revision ID: 0042_privacy_requests
Revises: 0041_opening_balances
Create Date: 2026-12-03 06:45:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0042_privacy_requests'
down_revision = '0041_opening_balances'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'privacy_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=True),
        sa.Column('contact_id', sa.Integer(), nullable=True),
        sa.Column('asked_by_id', sa.Integer(), nullable=True),
        sa.Column('asked_by_contact_id', sa.Integer(), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('kept', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['asked_by_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['asked_by_contact_id'], ['contacts.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_privacy_requests_customer_id', 'privacy_requests', ['customer_id'])
    op.create_index('ix_privacy_requests_contact_id', 'privacy_requests', ['contact_id'])
    op.create_index('ix_privacy_requests_created', 'privacy_requests', ['created_at'])
    op.create_index(
        'uq_privacy_requests_open_erase', 'privacy_requests', ['contact_id'], unique=True,
        sqlite_where=sa.text("kind = 'erase' AND status = 'requested'"),
        postgresql_where=sa.text("kind = 'erase' AND status = 'requested'"),
    )


def downgrade():
    op.drop_index('uq_privacy_requests_open_erase', table_name='privacy_requests')
    op.drop_index('ix_privacy_requests_created', table_name='privacy_requests')
    op.drop_index('ix_privacy_requests_contact_id', table_name='privacy_requests')
    op.drop_index('ix_privacy_requests_customer_id', table_name='privacy_requests')
    op.drop_table('privacy_requests')
