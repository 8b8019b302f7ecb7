"""Customer notes: staff notes on a customer or one of its contacts, pinned first, each edit kept

Revision ID: 0030_customer_notes
Revises: 0029_stored_pdfs
Create Date: 2026-12-02 22:40:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0030_customer_notes'
down_revision = '0029_stored_pdfs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'customer_notes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('pinned', sa.Boolean(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('edited_by_id', sa.Integer(), nullable=True),
        sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_customer_notes_customer_id_customers'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'],
                                name=op.f('fk_customer_notes_contact_id_contacts'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'],
                                name=op.f('fk_customer_notes_author_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['edited_by_id'], ['users.id'],
                                name=op.f('fk_customer_notes_edited_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_notes')),
    )
    op.create_index('ix_customer_notes_customer_order', 'customer_notes',
                    ['customer_id', 'pinned', 'created_at'])
    op.create_index(op.f('ix_customer_notes_contact_id'), 'customer_notes', ['contact_id'])
    op.create_table(
        'customer_note_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('note_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('written_by_id', sa.Integer(), nullable=True),
        sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['note_id'], ['customer_notes.id'],
                                name=op.f('fk_customer_note_versions_note_id_customer_notes'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['written_by_id'], ['users.id'],
                                name=op.f('fk_customer_note_versions_written_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_note_versions')),
    )
    op.create_index(op.f('ix_customer_note_versions_note_id'), 'customer_note_versions',
                    ['note_id'])


def downgrade():
    op.drop_table('customer_note_versions')
    op.drop_table('customer_notes')
