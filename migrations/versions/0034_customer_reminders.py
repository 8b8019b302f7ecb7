"""Customer reminders: a staff member reminded on a date of a customer or one of its records

Revision ID: 0034_customer_reminders
Revises: 0033_customer_files
Create Date: 2026-12-03 03:35:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0034_customer_reminders'
down_revision = '0033_customer_files'
branch_labels = None
depends_on = None

ONE_RECORD = ("(CASE WHEN document_id IS NULL THEN 0 ELSE 1 END"
              " + CASE WHEN contract_id IS NULL THEN 0 ELSE 1 END"
              " + CASE WHEN ticket_id IS NULL THEN 0 ELSE 1 END) <= 1")


def _fk(column, table, ondelete):
    return sa.ForeignKeyConstraint([column], [f'{table}.id'],
                                   name=op.f(f'fk_reminders_{column}_{table}'), ondelete=ondelete)


def upgrade():
    op.create_table(
        'reminders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=True),
        sa.Column('contract_id', sa.Integer(), nullable=True),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('description', sa.String(length=500), nullable=False),
        sa.Column('email', sa.Boolean(), nullable=False),
        sa.Column('notified_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('form_key', sa.String(length=32), nullable=True),
        sa.UniqueConstraint('form_key', name='uq_reminders_form_key'),
        sa.CheckConstraint(ONE_RECORD, name=op.f('ck_reminders_one_record')),
        _fk('customer_id', 'customers', 'CASCADE'),
        _fk('document_id', 'sales_documents', 'CASCADE'),
        _fk('contract_id', 'contracts', 'CASCADE'),
        _fk('ticket_id', 'tickets', 'CASCADE'),
        _fk('user_id', 'users', 'CASCADE'),
        _fk('created_by_id', 'users', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders')),
    )
    for column in ('customer_id', 'document_id', 'contract_id', 'ticket_id', 'created_by_id'):
        op.create_index(op.f(f'ix_reminders_{column}'), 'reminders', [column])
    op.create_index('ix_reminders_user_due', 'reminders', ['user_id', 'done_at', 'due_at'])
    op.create_index('ix_reminders_due', 'reminders', ['notified_at', 'due_at'])


def downgrade():
    op.drop_table('reminders')
