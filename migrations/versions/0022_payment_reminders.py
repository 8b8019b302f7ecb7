"""Payment reminders: one row per invoice and stage sent, and customers that get none

Revision ID: 0022_payment_reminders
Revises: 0021_recurring_invoices
Create Date: 2026-12-02 11:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022_payment_reminders'
down_revision = '0021_recurring_invoices'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN with a default: no table rebuild on SQLite, every customer reminded.
    op.add_column('customers', sa.Column('payment_reminders', sa.Boolean(), nullable=False,
                                         server_default=sa.true()))
    op.create_table(
        'payment_reminders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('invoice_id', sa.Integer(), nullable=False),
        sa.Column('stage', sa.String(length=10), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('outbox_message_id', sa.Integer(), nullable=True),
        sa.Column('recipients', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['invoice_id'], ['sales_documents.id'], ondelete='CASCADE',
                                name=op.f('fk_payment_reminders_invoice_id_sales_documents')),
        sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox.id'], ondelete='SET NULL',
                                name=op.f('fk_payment_reminders_outbox_message_id_outbox')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_reminders')),
        sa.UniqueConstraint('invoice_id', 'stage', name='uq_payment_reminders_invoice_id_stage'),
    )


def downgrade():
    op.drop_table('payment_reminders')
    # SQLite 3.35+ drops a column in place (no rebuild that would cascade to contacts).
    op.drop_column('customers', 'payment_reminders')
