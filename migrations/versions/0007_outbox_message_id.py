"""Outbox: the Message-ID chosen when a message is queued

Revision ID: 0007_outbox_message_id
Revises: 0006_modules
Create Date: 2026-12-02 01:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_outbox_message_id'
down_revision = '0006_modules'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id_header', sa.String(length=255), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('message_id_header')
