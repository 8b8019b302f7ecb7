"""Customer imports: the uploaded file, its mapping and counts, what each run changed; customers'
external id (unique when set)

Revision ID: 0040_imports
Revises: 0039_custom_field_search
Create Date: 2026-12-03 06:45:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0040_imports'
down_revision = '0039_custom_field_search'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('customers', sa.Column('external_id', sa.String(length=100), nullable=True))
    op.create_index(op.f('ix_customers_external_id'), 'customers', ['external_id'], unique=True)
    op.create_table(
        'imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('mapping', sa.JSON(), nullable=True),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('writing', sa.Integer(), nullable=True),
        sa.Column('total_rows', sa.Integer(), nullable=False),
        sa.Column('rows_done', sa.Integer(), nullable=False),
        sa.Column('created', sa.Integer(), nullable=False),
        sa.Column('updated', sa.Integer(), nullable=False),
        sa.Column('unchanged', sa.Integer(), nullable=False),
        sa.Column('skipped', sa.Integer(), nullable=False),
        sa.Column('refused', sa.Integer(), nullable=False),
        sa.Column('refusals', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('undo_kept', sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_imports_user_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_imports')),
        sa.UniqueConstraint('writing', name=op.f('uq_imports_writing')),
    )
    op.create_index(op.f('ix_imports_sha256'), 'imports', ['sha256'])
    op.create_index(op.f('ix_imports_status'), 'imports', ['status'])
    op.create_index(op.f('ix_imports_created_at'), 'imports', ['created_at'])
    op.create_table(
        'import_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('import_id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=True),
        sa.Column('contact_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('before', sa.JSON(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['import_id'], ['imports.id'],
                                name=op.f('fk_import_changes_import_id_imports'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_import_changes_customer_id_customers'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'],
                                name=op.f('fk_import_changes_contact_id_contacts'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_changes')),
    )
    op.create_index(op.f('ix_import_changes_import_id'), 'import_changes', ['import_id'])
    op.create_index(op.f('ix_import_changes_customer_id'), 'import_changes', ['customer_id'])


def downgrade():
    op.drop_table('import_changes')
    op.drop_table('imports')
    op.drop_index(op.f('ix_customers_external_id'), table_name='customers')
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): rebuilding `customers` would cascade.
    op.drop_column('customers', 'external_id')
