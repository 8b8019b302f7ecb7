"""Outbox: a claim column apart from the retry time; every row a Message-ID; pending images indexed

Revision ID: 0009_outbox_claims
Revises: 0008_attachment_reencoding
Create Date: 2026-12-02 02:20:00.000000

"""
import json
import socket
from email.utils import make_msgid

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_outbox_claims'
down_revision = '0008_attachment_reencoding'
branch_labels = None
depends_on = None


def _sender_domain(conn) -> str:
    """The domain queue_email uses: the saved sender address's, else this machine's name."""
    saved = conn.execute(
        sa.text("SELECT value FROM settings WHERE key = 'mail_sender_email'")
    ).scalar()
    if isinstance(saved, str) and not saved.startswith('"'):
        address = saved
    else:
        address = json.loads(saved) if saved else ""
    return (address or "").rpartition("@")[2] or socket.gethostname()


def upgrade():
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        'ix_ticket_attachments_pending', 'ticket_attachments', ['id'],
        sqlite_where=sa.text('pending = 1'), postgresql_where=sa.text('pending'),
    )
    # Rows queued before 0007 have no Message-ID: give each its own, kept from now on.
    conn = op.get_bind()
    domain = _sender_domain(conn)
    ids = conn.execute(sa.text("SELECT id FROM outbox WHERE message_id_header IS NULL")).scalars()
    for message_id in list(ids):
        conn.execute(
            sa.text("UPDATE outbox SET message_id_header = :header WHERE id = :id"),
            {"header": make_msgid(domain=domain), "id": message_id},
        )


def downgrade():
    op.drop_index('ix_ticket_attachments_pending', table_name='ticket_attachments')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('claimed_until')
