"""Customer admins: staff assigned to a customer

Revision ID: 0016_customer_admins
Revises: 0015_two_step_sign_in
Create Date: 2026-12-02 05:55:00

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0016_customer_admins'
down_revision = '0015_two_step_sign_in'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('customer_admins',
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_customer_admins_assigned_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_admins_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_customer_admins_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('customer_id', 'user_id', name=op.f('pk_customer_admins'))
    )
    op.create_index(op.f('ix_customer_admins_user_id'), 'customer_admins', ['user_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_customer_admins_user_id'), table_name='customer_admins')
    op.drop_table('customer_admins')
