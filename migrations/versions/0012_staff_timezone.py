"""Staff: each member's own time zone (My profile)

Revision ID: 0012_staff_timezone
Revises: 0011_sender_name_default
Create Date: 2026-12-02 04:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_staff_timezone'
down_revision = '0011_sender_name_default'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('timezone')
