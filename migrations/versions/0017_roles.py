"""Roles: named sets of capabilities replace the administrator flag

Revision ID: 0017_roles
Revises: 0016_customer_admins
Create Date: 2026-12-02 07:20:00

Every staff member gets a role: administrators the Administrator role (every capability),
everyone else "Team member" (what they could do before: everything but settings and staff).
The shipped roles are written here as data (a migration never imports the app's code).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_roles'
down_revision = '0016_customer_admins'
branch_labels = None
depends_on = None

BUILT_IN = {
    'administrator': [
    ],
    'team_member': [
        ('contracts', 'create'),
        ('contracts', 'delete'),
        ('contracts', 'edit'),
        ('contracts', 'view_all'),
        ('customers', 'create'),
        ('customers', 'delete'),
        ('customers', 'edit'),
        ('customers', 'view_all'),
        ('estimates', 'create'),
        ('estimates', 'delete'),
        ('estimates', 'edit'),
        ('estimates', 'view_all'),
        ('invoices', 'create'),
        ('invoices', 'delete'),
        ('invoices', 'edit'),
        ('invoices', 'view_all'),
        ('projects', 'create'),
        ('projects', 'delete'),
        ('projects', 'edit'),
        ('projects', 'view_all'),
        ('proposals', 'create'),
        ('proposals', 'delete'),
        ('proposals', 'edit'),
        ('proposals', 'view_all'),
        ('reports', 'view_all'),
        ('support', 'create'),
        ('support', 'delete'),
        ('support', 'edit'),
        ('support', 'view_all'),
    ],
    'sales': [
        ('contracts', 'create'),
        ('contracts', 'edit'),
        ('contracts', 'view_own'),
        ('customers', 'create'),
        ('customers', 'edit'),
        ('customers', 'view_own'),
        ('estimates', 'create'),
        ('estimates', 'delete'),
        ('estimates', 'edit'),
        ('estimates', 'view_own'),
        ('invoices', 'create'),
        ('invoices', 'edit'),
        ('invoices', 'view_own'),
        ('projects', 'view_own'),
        ('proposals', 'create'),
        ('proposals', 'delete'),
        ('proposals', 'edit'),
        ('proposals', 'view_own'),
        ('reports', 'view_own'),
        ('support', 'view_own'),
    ],
    'support': [
        ('contracts', 'view_all'),
        ('customers', 'edit'),
        ('customers', 'view_all'),
        ('projects', 'create'),
        ('projects', 'edit'),
        ('projects', 'view_all'),
        ('support', 'create'),
        ('support', 'delete'),
        ('support', 'edit'),
        ('support', 'view_all'),
    ],
    'accounting': [
        ('contracts', 'view_all'),
        ('customers', 'edit'),
        ('customers', 'view_all'),
        ('estimates', 'view_all'),
        ('invoices', 'create'),
        ('invoices', 'delete'),
        ('invoices', 'edit'),
        ('invoices', 'view_all'),
        ('proposals', 'view_all'),
        ('reports', 'view_all'),
    ],
}


def _without_foreign_keys(work) -> None:
    """Run `work` with SQLite's foreign keys off: SQLite rebuilds `users` (copy, drop, rename),
    and with foreign keys enforced dropping the old table would cascade to every row naming a
    staff member. The pragma is ignored inside a transaction, so the open one is committed."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        work()
        return
    raw = conn.connection.dbapi_connection
    if raw.in_transaction:
        raw.commit()
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        work()
        if raw.in_transaction:
            raw.commit()
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def upgrade():
    op.create_table('roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=80), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roles')),
    sa.UniqueConstraint('key', name=op.f('uq_roles_key'))
    )
    op.create_table('role_permissions',
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.Column('module', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], name=op.f('fk_role_permissions_role_id_roles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('role_id', 'module', 'action', name=op.f('pk_role_permissions'))
    )
    conn = op.get_bind()
    roles = sa.table('roles', sa.column('id'), sa.column('key'), sa.column('created_at'))
    permissions = sa.table('role_permissions', sa.column('role_id'), sa.column('module'),
                           sa.column('action'))
    ids = {}
    for key, granted in BUILT_IN.items():
        conn.execute(roles.insert().values(key=key, created_at=sa.func.now()))
        ids[key] = conn.execute(sa.select(roles.c.id).where(roles.c.key == key)).scalar_one()
        if granted:
            conn.execute(permissions.insert(), [
                {'role_id': ids[key], 'module': module, 'action': action}
                for module, action in granted
            ])
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role_id', sa.Integer(), nullable=True))
    users = sa.table('users', sa.column('is_admin', sa.Boolean()), sa.column('role_id'))
    conn.execute(users.update().where(users.c.is_admin.is_(True))
                 .values(role_id=ids['administrator']))
    conn.execute(users.update().where(users.c.role_id.is_(None))
                 .values(role_id=ids['team_member']))

    def rebuild():
        with op.batch_alter_table('users', schema=None) as batch_op:
            batch_op.alter_column('role_id', existing_type=sa.Integer(), nullable=False)
            batch_op.create_index(batch_op.f('ix_users_role_id'), ['role_id'], unique=False)
            batch_op.create_foreign_key(batch_op.f('fk_users_role_id_roles'), 'roles',
                                        ['role_id'], ['id'])
            batch_op.drop_column('is_admin')

    _without_foreign_keys(rebuild)


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_admin', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    conn = op.get_bind()
    admin = sa.select(sa.table('roles', sa.column('id'), sa.column('key')).c.id).where(
        sa.column('key') == 'administrator').scalar_subquery()
    users = sa.table('users', sa.column('is_admin', sa.Boolean()), sa.column('role_id'))
    conn.execute(users.update().where(users.c.role_id == admin).values(is_admin=True))

    def rebuild():
        with op.batch_alter_table('users', schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f('fk_users_role_id_roles'), type_='foreignkey')
            batch_op.drop_index(batch_op.f('ix_users_role_id'))
            batch_op.drop_column('role_id')

    _without_foreign_keys(rebuild)
    op.drop_table('role_permissions')
    op.drop_table('roles')
