"""Forget a sender name that is only the old default "Comptoir"

Until now Settings → Email showed "Comptoir" in *Sender name*, so saving that page stored it and
every email went out as "Comptoir". An empty sender name now means the company's name: a stored
"Comptoir" is that old default, not a choice, and is removed.

Revision ID: 0011_sender_name_default
Revises: 0010_finance_numbering
Create Date: 2026-12-02 04:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0011_sender_name_default"
down_revision = "0010_finance_numbering"
branch_labels = None
depends_on = None

settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.JSON))


def upgrade():
    connection = op.get_bind()
    # Read in Python: PostgreSQL's json type has no equality operator to compare in SQL.
    value = connection.execute(
        sa.select(settings.c.value).where(settings.c.key == "mail_sender_name")
    ).scalar()
    if value == "Comptoir":
        connection.execute(settings.delete().where(settings.c.key == "mail_sender_name"))


def downgrade():
    pass  # the row meant the default: nothing to restore
