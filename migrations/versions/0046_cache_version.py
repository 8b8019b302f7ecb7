"""Cache version: one row whose token changes with each write to what app processes keep

Each app process keeps in memory what nearly every request reads and that seldom changes: the
settings, the logo's date, the custom field definitions and choices, the groups and the staff
names of the lists' filters (app/process_cache.py). Triggers on those tables write a new random
token into cache_version's one row, in the writer's own transaction: a process reads the row
once per request and reloads what it kept under another token, so a change made on any app
server shows on every worker at its next request. Random, not counted: a token written by a
transaction that rolled back is never written again, so what was read under it cannot stand
for other contents. Staff rows bump it only when a name or the active flag changes (sign-ins
write other columns).

Revision ID: 0046_cache_version
Revises: 0045_groups_report
Create Date: 2026-12-03 13:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0046_cache_version'
down_revision = '0045_groups_report'
branch_labels = None
depends_on = None

# The watched tables, and the columns whose update matters (None: any).
WATCHED = {
    "settings": None,
    "stored_files": None,
    "custom_field_definitions": None,
    "custom_field_choices": None,
    "customer_groups": None,
    "users": "name, active",
}
SQLITE_BUMP = ("INSERT INTO cache_version (id, token) VALUES (1, lower(hex(randomblob(16)))) "
               "ON CONFLICT (id) DO UPDATE SET token = excluded.token")
PG_BUMP = ("INSERT INTO cache_version (id, token) "
           "VALUES (1, md5(random()::text || clock_timestamp()::text)) "
           "ON CONFLICT (id) DO UPDATE SET token = excluded.token")


def _sqlite_triggers():
    for table, columns in WATCHED.items():
        for event in ("INSERT", "DELETE", f"UPDATE OF {columns}" if columns else "UPDATE"):
            name = event.split()[0].lower()
            yield (f"CREATE TRIGGER cache_version_{table}_{name} AFTER {event} ON {table} "
                   f"BEGIN {SQLITE_BUMP}; END")


def _postgresql_triggers():
    yield f"""CREATE FUNCTION cache_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {PG_BUMP};
    RETURN NULL;
END $$"""
    for table, columns in WATCHED.items():
        update = f"UPDATE OF {columns}" if columns else "UPDATE"
        truncate = "" if columns else " OR TRUNCATE"
        yield (f"CREATE TRIGGER cache_version_bump AFTER INSERT OR DELETE OR {update}{truncate} "
               f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION cache_version_bump()")


def upgrade():
    op.create_table(
        'cache_version',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cache_version')),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.execute(SQLITE_BUMP if sqlite else PG_BUMP)
    for statement in _sqlite_triggers() if sqlite else _postgresql_triggers():
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for name in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER cache_version_{table}_{name}")
    else:
        for table in WATCHED:
            op.execute(f"DROP TRIGGER cache_version_bump ON {table}")
        op.execute("DROP FUNCTION cache_version_bump()")
    op.drop_table('cache_version')
