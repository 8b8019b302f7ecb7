"""Knowledge base: groups, articles in one or more languages, and "Was this helpful?" votes

Revision ID: 0036_knowledge_base
Revises: 0035_my_tasks
Create Date: 2026-12-03 03:40:00

The Team member role gets every knowledge base capability, the Support role may read and write
articles (app/roles.py BUILT_IN says the same; a migration never imports the app's code).
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0036_knowledge_base'
down_revision = '0035_my_tasks'
branch_labels = None
depends_on = None

GRANTS = {
    'team_member': ('view_all', 'create', 'edit', 'delete'),
    'support': ('view_all', 'create', 'edit'),
}


def upgrade():
    op.create_table(
        'kb_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('names', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_groups')),
    )
    op.create_table(
        'kb_articles',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('visibility', sa.String(length=20), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'published')",
                           name=op.f('ck_kb_articles_status')),
        sa.CheckConstraint("visibility IN ('public', 'portal')",
                           name=op.f('ck_kb_articles_visibility')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_kb_articles_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['group_id'], ['kb_groups.id'],
                                name=op.f('fk_kb_articles_group_id_kb_groups')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_articles')),
    )
    op.create_index(op.f('ix_kb_articles_group_id'), 'kb_articles', ['group_id'])
    op.create_table(
        'kb_translations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=10), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('slug', sa.String(length=200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('search_key', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'],
                                name=op.f('fk_kb_translations_article_id_kb_articles'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_translations')),
        sa.UniqueConstraint('article_id', 'language', name=op.f('uq_kb_translations_article_id')),
        sa.UniqueConstraint('slug', name=op.f('uq_kb_translations_slug')),
    )
    op.create_table(
        'kb_votes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=True),
        sa.Column('visitor', sa.String(length=64), nullable=True),
        sa.Column('helpful', sa.Boolean(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=True),
        sa.Column('language', sa.String(length=10), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('(contact_id IS NULL) <> (visitor IS NULL)',
                           name=op.f('ck_kb_votes_one_voter')),
        sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'],
                                name=op.f('fk_kb_votes_article_id_kb_articles'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'],
                                name=op.f('fk_kb_votes_contact_id_contacts'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_votes')),
        sa.UniqueConstraint('article_id', 'contact_id', name='uq_kb_votes_contact'),
        sa.UniqueConstraint('article_id', 'visitor', name='uq_kb_votes_visitor'),
    )
    roles = sa.table('roles', sa.column('id'), sa.column('key'))
    permissions = sa.table('role_permissions', sa.column('role_id'), sa.column('module'),
                           sa.column('action'))
    bind = op.get_bind()
    for key, actions in GRANTS.items():
        role_id = bind.execute(sa.select(roles.c.id).where(roles.c.key == key)).scalar()
        if role_id is not None:
            op.bulk_insert(permissions, [{'role_id': role_id, 'module': 'knowledge_base',
                                          'action': action} for action in actions])


def downgrade():
    permissions = sa.table('role_permissions', sa.column('module'))
    op.execute(permissions.delete().where(permissions.c.module == 'knowledge_base'))
    op.drop_table('kb_votes')
    op.drop_table('kb_translations')
    op.drop_index(op.f('ix_kb_articles_group_id'), table_name='kb_articles')
    op.drop_table('kb_articles')
    op.drop_table('kb_groups')
