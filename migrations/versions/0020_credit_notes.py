"""Credit notes: a credit note remembers the invoice it was made from, and its applications

Revision ID: 0020_credit_notes
Revises: 0019_contact_email_preferences
Create Date: 2026-12-02 11:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020_credit_notes'
down_revision = '0019_contact_email_preferences'
branch_labels = None
depends_on = None


def _without_foreign_keys(work) -> None:
    """Run `work` with SQLite's foreign keys off: SQLite rebuilds `sales_documents` (copy, drop,
    rename), and with foreign keys enforced dropping the old table would cascade to its lines
    and payments. The pragma is ignored inside a transaction, so the open one is committed."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        work()
        return
    raw = conn.connection.dbapi_connection
    if raw.in_transaction:
        raw.commit()
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        work()
        if raw.in_transaction:
            raw.commit()
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def upgrade():
    def rebuild():
        with op.batch_alter_table('sales_documents', schema=None,
                                  table_kwargs={'sqlite_autoincrement': True}) as batch_op:
            batch_op.add_column(sa.Column('credited_invoice_id', sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f('ix_sales_documents_credited_invoice_id'),
                                  ['credited_invoice_id'], unique=False)
            batch_op.create_foreign_key(
                batch_op.f('fk_sales_documents_credited_invoice_id_sales_documents'),
                'sales_documents', ['credited_invoice_id'], ['id'], ondelete='SET NULL')

    _without_foreign_keys(rebuild)
    op.create_table(
        'credit_applications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('credit_note_id', sa.Integer(), nullable=False),
        sa.Column('invoice_id', sa.Integer(), nullable=False),
        sa.Column('amount', sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column('applied_on', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ondelete='SET NULL',
                                name=op.f('fk_credit_applications_created_by_id_users')),
        sa.ForeignKeyConstraint(['credit_note_id'], ['sales_documents.id'], ondelete='CASCADE',
                                name=op.f('fk_credit_applications_credit_note_id_sales_documents')),
        sa.ForeignKeyConstraint(['invoice_id'], ['sales_documents.id'], ondelete='CASCADE',
                                name=op.f('fk_credit_applications_invoice_id_sales_documents')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_applications')),
    )
    with op.batch_alter_table('credit_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_applications_credit_note_id'),
                              ['credit_note_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_applications_invoice_id'), ['invoice_id'],
                              unique=False)


def downgrade():
    op.drop_table('credit_applications')

    def rebuild():
        with op.batch_alter_table('sales_documents', schema=None,
                                  table_kwargs={'sqlite_autoincrement': True}) as batch_op:
            batch_op.drop_constraint(
                batch_op.f('fk_sales_documents_credited_invoice_id_sales_documents'),
                type_='foreignkey')
            batch_op.drop_index(batch_op.f('ix_sales_documents_credited_invoice_id'))
            batch_op.drop_column('credited_invoice_id')

    _without_foreign_keys(rebuild)
