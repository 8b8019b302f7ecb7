"""Two-step sign-in: TOTP secrets and recovery codes (staff and contacts)

Revision ID: 0015_two_step_sign_in
Revises: 0014_sign_in_sessions
Create Date: 2026-12-02 04:45:00

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0015_two_step_sign_in'
down_revision = '0014_sign_in_sessions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('two_step_secrets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('secret', sa.String(length=64), nullable=False),
    sa.Column('last_step', sa.BigInteger(), nullable=True),
    sa.Column('enabled_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(user_id IS NULL) <> (contact_id IS NULL)', name=op.f('ck_two_step_secrets_one_person')),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_two_step_secrets_contact_id_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_two_step_secrets_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_two_step_secrets')),
    sa.UniqueConstraint('contact_id', name=op.f('uq_two_step_secrets_contact_id')),
    sa.UniqueConstraint('user_id', name=op.f('uq_two_step_secrets_user_id'))
    )
    op.create_table('two_step_recovery_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('two_step_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=255), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['two_step_id'], ['two_step_secrets.id'], name=op.f('fk_two_step_recovery_codes_two_step_id_two_step_secrets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_two_step_recovery_codes'))
    )
    op.create_index(op.f('ix_two_step_recovery_codes_two_step_id'), 'two_step_recovery_codes', ['two_step_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_two_step_recovery_codes_two_step_id'), table_name='two_step_recovery_codes')
    op.drop_table('two_step_recovery_codes')
    op.drop_table('two_step_secrets')
