"""Custom fields: definitions, choices and one typed values table (issue 19)

Revision ID: 0037_custom_fields
Revises: 0036_knowledge_base
Create Date: 2026-12-03 03:25:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0037_custom_fields'
down_revision = '0036_knowledge_base'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'custom_field_definitions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entity_type', sa.String(length=20), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('labels', sa.JSON(), nullable=False),
        sa.Column('field_type', sa.String(length=20), nullable=False),
        sa.Column('required', sa.Boolean(), nullable=False),
        sa.Column('section', sa.String(length=20), nullable=False),
        sa.Column('in_lists', sa.Boolean(), nullable=False),
        sa.Column('searchable', sa.Boolean(), nullable=False),
        sa.Column('on_pdf', sa.Boolean(), nullable=False),
        sa.Column('in_portal', sa.Boolean(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_field_definitions')),
        sa.UniqueConstraint('entity_type', 'key',
                            name=op.f('uq_custom_field_definitions_entity_type')),
    )
    op.create_table(
        'custom_field_choices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('field_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('labels', sa.JSON(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['field_id'], ['custom_field_definitions.id'],
                                name=op.f('fk_custom_field_choices_field_id_custom_field_definitions'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_field_choices')),
        sa.UniqueConstraint('field_id', 'key', name=op.f('uq_custom_field_choices_field_id')),
    )
    op.create_table(
        'custom_field_values',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entity_type', sa.String(length=20), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('field_id', sa.Integer(), nullable=False),
        sa.Column('value_text', sa.Text(), nullable=True),
        sa.Column('value_number', sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column('value_date', sa.Date(), nullable=True),
        sa.Column('value_bool', sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(['field_id'], ['custom_field_definitions.id'],
                                name=op.f('fk_custom_field_values_field_id_custom_field_definitions'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_field_values')),
    )
    op.create_index('ix_custom_field_values_record', 'custom_field_values',
                    ['entity_type', 'record_id'])
    op.create_index('ix_custom_field_values_text', 'custom_field_values',
                    ['field_id', 'value_text'])
    op.create_index('ix_custom_field_values_number', 'custom_field_values',
                    ['field_id', 'value_number'])
    op.create_index('ix_custom_field_values_date', 'custom_field_values',
                    ['field_id', 'value_date'])
    op.create_index('ix_custom_field_values_bool', 'custom_field_values',
                    ['field_id', 'value_bool'])


def downgrade():
    op.drop_table('custom_field_values')
    op.drop_table('custom_field_choices')
    op.drop_table('custom_field_definitions')
