"""Cache version follows the roles: a role's capabilities are kept per app process too

Each app process keeps a role's (module, action) pairs under the cache version's token
(app/models/role.py `Role.granted`), as it keeps the settings and the lists' choices (0046):
a staff member's request then reads no permissions. The same triggers as 0046's, on roles and
role_permissions, write a new random token in the writer's own transaction, so a capability
given or taken on any app server shows on every worker at its next request. Every column of
both tables is watched (they change only in Settings → Roles). Which role a member holds
(users.role_id) is not: it is read with the sign-in session on each request.

Revision ID: 0047_cache_version_roles
Revises: 0046_cache_version
Create Date: 2026-12-03 22:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0047_cache_version_roles'
down_revision = '0046_cache_version'
branch_labels = None
depends_on = None

WATCHED = ("roles", "role_permissions")
# 0046's statement; written again here, as a released migration is never imported.
SQLITE_BUMP = ("INSERT INTO cache_version (id, token) VALUES (1, lower(hex(randomblob(16)))) "
               "ON CONFLICT (id) DO UPDATE SET token = excluded.token")


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in WATCHED:
        if sqlite:
            for event in ("INSERT", "DELETE", "UPDATE"):
                op.execute(f"CREATE TRIGGER cache_version_{table}_{event.lower()} AFTER {event} "
                           f"ON {table} BEGIN {SQLITE_BUMP}; END")
        else:  # the function 0046 made
            op.execute(f"CREATE TRIGGER cache_version_bump AFTER INSERT OR DELETE OR UPDATE OR "
                       f"TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION "
                       f"cache_version_bump()")


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in WATCHED:
        if sqlite:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER cache_version_{table}_{event}")
        else:
            op.execute(f"DROP TRIGGER cache_version_bump ON {table}")
