"""Customer files: files staff keep on a customer, staff-only or shared with its portal; the
portal's Files permission (off for the contacts that exist already)

Revision ID: 0033_customer_files
Revises: 0032_sales_summary
Create Date: 2026-12-03 03:40:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0033_customer_files'
down_revision = '0032_sales_summary'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'customer_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=150), nullable=False),
        sa.Column('description', sa.String(length=500), nullable=False),
        sa.Column('content_type', sa.String(length=100), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('shared', sa.Boolean(), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('form_key', sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_customer_files_customer_id_customers'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'],
                                name=op.f('fk_customer_files_uploaded_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_files')),
        sa.UniqueConstraint('form_key', name=op.f('uq_customer_files_form_key')),
    )
    op.create_index('ix_customer_files_customer_order', 'customer_files',
                    ['customer_id', 'shared', 'created_at'])
    # Plain ADD COLUMN (no table rebuild on SQLite): every existing contact without Files.
    op.add_column('contacts', sa.Column('perm_files', sa.Boolean(), nullable=False,
                                        server_default=sa.false()))


def downgrade():
    # SQLite 3.35+ drops a column in place (no rebuild that would cascade to sessions).
    op.drop_column('contacts', 'perm_files')
    op.drop_table('customer_files')
