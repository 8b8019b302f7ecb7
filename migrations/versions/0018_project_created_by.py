"""Projects remember who created them (a "view own" member sees the projects they made)

Revision ID: 0018_project_created_by
Revises: 0017_roles
Create Date: 2026-12-02 07:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_project_created_by'
down_revision = '0017_roles'
branch_labels = None
depends_on = None


def _without_foreign_keys(work) -> None:
    """Run `work` with SQLite's foreign keys off: SQLite rebuilds `projects` (copy, drop,
    rename), and with foreign keys enforced dropping the old table would cascade to its tasks.
    The pragma is ignored inside a transaction, so the open one is committed."""
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
    def rebuild():
        with op.batch_alter_table('projects', schema=None) as batch_op:
            batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
            batch_op.create_foreign_key(batch_op.f('fk_projects_created_by_id_users'), 'users',
                                        ['created_by_id'], ['id'], ondelete='SET NULL')

    _without_foreign_keys(rebuild)


def downgrade():
    def rebuild():
        with op.batch_alter_table('projects', schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f('fk_projects_created_by_id_users'),
                                     type_='foreignkey')
            batch_op.drop_column('created_by_id')

    _without_foreign_keys(rebuild)
