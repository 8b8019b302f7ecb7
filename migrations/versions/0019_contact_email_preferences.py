"""Contacts' email preferences: invoices (and reminders), statements, support, projects

Revision ID: 0019_contact_email_preferences
Revises: 0018_project_created_by
Create Date: 2026-12-02 08:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_contact_email_preferences'
down_revision = '0018_project_created_by'
branch_labels = None
depends_on = None

TOPICS = ('invoices', 'statements', 'support', 'projects')


def upgrade():
    # Plain ADD COLUMN with a default: no table rebuild on SQLite, every contact opted in.
    for topic in TOPICS:
        op.add_column('contacts', sa.Column(f'email_{topic}', sa.Boolean(), nullable=False,
                                            server_default=sa.true()))


def downgrade():
    # SQLite 3.35+ drops a column in place (no rebuild that would cascade to sessions).
    for topic in TOPICS:
        op.drop_column('contacts', f'email_{topic}')
