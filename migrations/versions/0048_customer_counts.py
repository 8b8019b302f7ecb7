"""Customer counts: how many customers are active and how many are not, kept by triggers

The customer list reads its count here when nothing narrows it (no search, group, account
manager, date or custom field filter; "active" or "inactive" at most) and the person sees
every customer, instead of counting every customer on each page view: on PostgreSQL that
count is a scan of the table (9 ms at 100,000 customers, against 0.6 ms on SQLite), the
whole difference between the two databases on the list's first page.

One row (id 1), moved by triggers whatever code path or SQL statement inserts, deletes or
(de)activates a customer, as the document tallies (0031). On PostgreSQL the trigger is a
deferred constraint trigger: it runs as the transaction commits, so the row is locked only
while that transaction commits, not from its first new customer on (an import's chunk of
customers would otherwise hold off every other new customer until it commits); one row, so
two transactions never lock two counts in opposite orders. A transaction sees its own new
customers in this count only once committed (no page reads it before). `check-data`
recomputes it (check "customer_counts").

Revision ID: 0048_customer_counts
Revises: 0047_cache_version_roles
Create Date: 2026-12-04 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0048_customer_counts'
down_revision = '0047_cache_version_roles'
branch_labels = None
depends_on = None


def _is(row, active):
    return f"(CASE WHEN {row}.active = {active} THEN 1 ELSE 0 END)"


def _move(add=None, take=None):
    """The UPDATE adding the `add` row's customer and taking the `take` row's ("NEW", "OLD")."""
    changes = []
    for column, active in (("active", "TRUE"), ("inactive", "FALSE")):
        change = column
        if add:
            change += f" + {_is(add, active)}"
        if take:
            change += f" - {_is(take, active)}"
        changes.append(f"{column} = {change}")
    return f"UPDATE customer_counts SET {', '.join(changes)} WHERE id = 1"


def upgrade():
    op.create_table(
        'customer_counts',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('active', sa.Integer(), nullable=False),
        sa.Column('inactive', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_counts')),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    if not sqlite:  # no customer written between the count and the trigger (SQLite: one writer)
        op.execute("LOCK TABLE customers IN SHARE ROW EXCLUSIVE MODE")
    # The customers already there, counted by the same rule as the triggers.
    op.execute("INSERT INTO customer_counts (id, active, inactive) SELECT 1, "
               "COALESCE(SUM(CASE WHEN active THEN 1 ELSE 0 END), 0), "
               "COALESCE(SUM(CASE WHEN active THEN 0 ELSE 1 END), 0) FROM customers")
    if sqlite:
        op.execute(f"CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers "
                   f"BEGIN {_move(add='NEW')}; END")
        op.execute(f"CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers "
                   f"BEGIN {_move(take='OLD')}; END")
        op.execute(f"CREATE TRIGGER customer_counts_update AFTER UPDATE OF active ON customers "
                   f"WHEN OLD.active IS NOT NEW.active BEGIN {_move('NEW', 'OLD')}; END")
        return
    op.execute(f"""CREATE FUNCTION customer_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.active IS DISTINCT FROM NEW.active THEN
            {_move('NEW', 'OLD')};
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        {_move(take='OLD')};
    ELSE
        {_move(add='NEW')};
    END IF;
    RETURN NULL;
END $$""")
    op.execute("CREATE CONSTRAINT TRIGGER customer_counts_follow "
               "AFTER INSERT OR DELETE OR UPDATE OF active ON customers "
               "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
               "EXECUTE FUNCTION customer_counts_follow()")


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER customer_counts_{name}")
    else:
        op.execute("DROP TRIGGER customer_counts_follow ON customers")
        op.execute("DROP FUNCTION customer_counts_follow()")
    op.drop_table('customer_counts')
