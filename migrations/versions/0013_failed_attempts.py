"""Failed sign-in counters per account, shared by every app server (atomic lock after five)

Revision ID: 0013_failed_attempts
Revises: 0012_staff_timezone
Create Date: 2026-12-02 04:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_failed_attempts'
down_revision = '0012_staff_timezone'
branch_labels = None
depends_on = None

def upgrade():
    op.create_table(
        'failed_attempts',
        sa.Column('key', sa.String(length=300), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_failed_attempts')),
    )

def downgrade():
    op.drop_table('failed_attempts')
