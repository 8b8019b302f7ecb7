"""Groups report summary: what each customer group's customers bring per currency and calendar year

group_year_sales holds, per year, group and currency, how many customers of the group were
invoiced that year (in that currency), and their invoices, amount invoiced and paid; group 0 is
the customers in no group. It is kept by triggers on customer_year_sales (itself kept by the
invoices' triggers, 0032_sales_summary: each change of a customer's year moves it in each of the
customer's groups, or in group 0) and on customer_group_members (joining or leaving a group moves
the customer's years, and in or out of group 0 when it was or becomes in no group), in the same
transaction. The groups report of a calendar year reads these few rows instead of joining each
customer invoiced that year with their groups.

Revision ID: 0045_groups_report
Revises: 0044_pg_lists
Create Date: 2026-12-03 10:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0045_groups_report'
down_revision = '0044_pg_lists'
branch_labels = None
depends_on = None

COLUMNS = "year, group_id, currency_code, customers, invoices, invoiced, paid"
UPSERT = """ON CONFLICT (year, group_id, currency_code) DO UPDATE SET
    customers = group_year_sales.customers + excluded.customers,
    invoices = group_year_sales.invoices + excluded.invoices,
    invoiced = group_year_sales.invoiced + excluded.invoiced,
    paid = group_year_sales.paid + excluded.paid"""
# A customer counts in a year (and currency) once invoiced in it.
INVOICED = "CASE WHEN {y}.invoices > 0 THEN 1 ELSE 0 END"
IN_NO_GROUP = ("NOT EXISTS (SELECT 1 FROM customer_group_members g "
               "WHERE g.customer_id = {c})")


def _values(y, sign):
    return (f"{sign}({INVOICED.format(y=y)}), {sign}{y}.invoices, {sign}{y}.invoiced, "
            f"{sign}{y}.paid")


def _year(y, sign):
    """Adds (sign '') or takes away (sign '-') customer-year row `y` in each group of its
    customer, or in group 0 when the customer is in no group."""
    values = _values(y, sign)
    return (f"INSERT INTO group_year_sales ({COLUMNS}) "
            f"SELECT {y}.year, m.group_id, {y}.currency_code, {values} "
            f"FROM customer_group_members m WHERE m.customer_id = {y}.customer_id {UPSERT}; "
            f"INSERT INTO group_year_sales ({COLUMNS}) "
            f"SELECT {y}.year, 0, {y}.currency_code, {values} "
            f"WHERE {IN_NO_GROUP.format(c=f'{y}.customer_id')} {UPSERT}")


def _member(m, sign, group_id, where="1 = 1"):
    """Adds (sign '') or takes away (sign '-') the years of member row `m`'s customer in
    `group_id`, when `where` holds."""
    return (f"INSERT INTO group_year_sales ({COLUMNS}) "
            f"SELECT y.year, {group_id}, y.currency_code, {_values('y', sign)} "
            f"FROM customer_year_sales y WHERE y.customer_id = {m}.customer_id AND {where} "
            f"{UPSERT}")


def _joined(m, moved=None):
    """Member row `m` added: its customer's years in its group, and out of group 0 when it is
    the customer's only group (and not the same customer's row moved to another group)."""
    only = (f"(SELECT COUNT(*) FROM customer_group_members g "
            f"WHERE g.customer_id = {m}.customer_id) = 1")
    if moved:
        only += f" AND {m}.customer_id <> {moved}.customer_id"
    return f"{_member(m, '', f'{m}.group_id')}; {_member(m, '-', '0', only)}"


def _left(m):
    """Member row `m` removed: its customer's years out of its group, and into group 0 when the
    customer is now in no group."""
    return (f"{_member(m, '-', f'{m}.group_id')}; "
            f"{_member(m, '', '0', IN_NO_GROUP.format(c=f'{m}.customer_id'))}")


WATCHED = "year, currency_code, customer_id, invoices, invoiced, paid"


def _sqlite_triggers():
    return [
        f"CREATE TRIGGER group_year_sales_year_insert AFTER INSERT ON customer_year_sales "
        f"BEGIN {_year('NEW', '')}; END",
        f"CREATE TRIGGER group_year_sales_year_delete AFTER DELETE ON customer_year_sales "
        f"BEGIN {_year('OLD', '-')}; END",
        f"CREATE TRIGGER group_year_sales_year_update AFTER UPDATE OF {WATCHED} "
        f"ON customer_year_sales BEGIN {_year('OLD', '-')}; {_year('NEW', '')}; END",
        f"CREATE TRIGGER group_year_sales_member_insert AFTER INSERT ON customer_group_members "
        f"BEGIN {_joined('NEW')}; END",
        f"CREATE TRIGGER group_year_sales_member_delete AFTER DELETE ON customer_group_members "
        f"BEGIN {_left('OLD')}; END",
        f"CREATE TRIGGER group_year_sales_member_update AFTER UPDATE ON customer_group_members "
        f"BEGIN {_left('OLD')}; {_joined('NEW', 'OLD')}; END",
    ]


# PostgreSQL: the same advisory locks as 0032_sales_summary (key 29, the customer): the
# customer_year_sales rows change inside the invoices' trigger, which holds a shared lock on
# their customer; a membership change takes the exclusive one, so each sees what the other
# committed (a customer joining its first group while invoiced is moved once).
LOCK_KEY = 29


def _postgresql_triggers():
    return [
        f"""CREATE FUNCTION group_year_sales_year() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {_year('OLD', '-')};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {_year('NEW', '')};
    END IF;
    RETURN NULL;
END $$""",
        f"CREATE TRIGGER group_year_sales_year AFTER INSERT OR DELETE OR UPDATE OF {WATCHED} "
        f"ON customer_year_sales FOR EACH ROW EXECUTE FUNCTION group_year_sales_year()",
        f"""CREATE FUNCTION group_year_sales_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_advisory_xact_lock({LOCK_KEY}, OLD.customer_id);
        {_left('OLD')};
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM pg_advisory_xact_lock({LOCK_KEY}, NEW.customer_id);
        {_joined('NEW')};
    ELSE
        PERFORM pg_advisory_xact_lock({LOCK_KEY}, OLD.customer_id);
        PERFORM pg_advisory_xact_lock({LOCK_KEY}, NEW.customer_id);
        {_left('OLD')};
        {_joined('NEW', 'OLD')};
    END IF;
    RETURN NULL;
END $$""",
        "CREATE TRIGGER group_year_sales_member AFTER INSERT OR DELETE OR UPDATE "
        "ON customer_group_members FOR EACH ROW EXECUTE FUNCTION group_year_sales_member()",
    ]


def upgrade():
    op.create_table(
        'group_year_sales',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('currency_code', sa.String(length=3), nullable=False),
        sa.Column('customers', sa.Integer(), nullable=False),
        sa.Column('invoices', sa.Integer(), nullable=False),
        sa.Column('invoiced', sa.BigInteger(), nullable=False),
        sa.Column('paid', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'group_id', 'currency_code',
                                name=op.f('pk_group_year_sales')),
    )
    # A membership change reads its customer's years (and a customer's deletion cascades to
    # them): by customer, not a scan of every customer's years (PostgreSQL has no skip scan).
    op.create_index(op.f('ix_customer_year_sales_customer_id'), 'customer_year_sales',
                    ['customer_id'])
    sqlite = op.get_bind().dialect.name == "sqlite"
    # What the customers' years already add up to (the same rule as the triggers).
    op.execute(f"""INSERT INTO group_year_sales ({COLUMNS})
        SELECT y.year, COALESCE(m.group_id, 0), y.currency_code,
               SUM({INVOICED.format(y='y')}), SUM(y.invoices), SUM(y.invoiced), SUM(y.paid)
        FROM customer_year_sales y
        LEFT JOIN customer_group_members m ON m.customer_id = y.customer_id
        GROUP BY y.year, COALESCE(m.group_id, 0), y.currency_code""")
    for statement in _sqlite_triggers() if sqlite else _postgresql_triggers():
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("year_insert", "year_delete", "year_update",
                     "member_insert", "member_delete", "member_update"):
            op.execute(f"DROP TRIGGER group_year_sales_{name}")
    else:
        op.execute("DROP TRIGGER group_year_sales_member ON customer_group_members")
        op.execute("DROP FUNCTION group_year_sales_member()")
        op.execute("DROP TRIGGER group_year_sales_year ON customer_year_sales")
        op.execute("DROP FUNCTION group_year_sales_year()")
    op.drop_index(op.f('ix_customer_year_sales_customer_id'), table_name='customer_year_sales')
    op.drop_table('group_year_sales')
