"""Projects keep SQLite's AUTOINCREMENT (0018's rebuild dropped it): ids are never reused

Revision ID: 0025_projects_keep_their_ids
Revises: 0023_statements
Create Date: 2026-12-02 12:05:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0025_projects_keep_their_ids'
down_revision = '0023_statements'
branch_labels = None
depends_on = None


def upgrade():
    """SQLite only (PostgreSQL's sequences never reuse ids): rebuild `projects` as declared,
    with foreign keys off so that dropping the old table does not cascade to its tasks. The
    sqlite_sequence row starts from the highest id kept."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    raw = conn.connection.dbapi_connection
    if raw.in_transaction:
        raw.commit()
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        with op.batch_alter_table('projects', recreate='always',
                                  table_kwargs={'sqlite_autoincrement': True}):
            pass
        if raw.in_transaction:
            raw.commit()
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def downgrade():
    pass  # keeping AUTOINCREMENT is harmless: 0018 never meant to drop it
