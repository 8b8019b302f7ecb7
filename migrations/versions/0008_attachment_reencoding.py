"""Ticket attachments: an image waits, unserved, until it is re-encoded

Revision ID: 0008_attachment_reencoding
Revises: 0007_outbox_message_id
Create Date: 2026-12-02 01:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_attachment_reencoding'
down_revision = '0007_outbox_message_id'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ticket_attachments', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('pending', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('ticket_attachments', schema=None) as batch_op:
        batch_op.drop_column('pending')
