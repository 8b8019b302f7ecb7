"""Sales summary: what each customer group's invoices add up to per currency and month

Kept by triggers on sales_documents (an invoice of a customer counts in each of its groups)
and on customer_group_members (joining or leaving a group moves the customer's invoices), in
the same transaction as the change; group 0 holds every invoice once (whatever its customer's
groups). The dashboard's top groups card reads these few rows instead of a year's invoices.

And what each customer's invoices add up to per currency and calendar year (customer_year_sales,
kept by triggers on sales_documents like the customer balances): the groups report of a whole
year reads one row per customer invoiced instead of grouping its invoices.

Revision ID: 0032_sales_summary
Revises: 0031_invoice_list
Create Date: 2026-12-02 22:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0032_sales_summary'
down_revision = '0031_invoice_list'
branch_labels = None
depends_on = None

COLUMNS = "group_id, currency_code, month, invoices, invoiced, paid"
# An invoice counts once issued and until cancelled (the reports' rule), in the month of its
# issue date; amounts in whole ten-thousandths (exact sums on SQLite too).
COUNTED = ("{d}.kind = 'invoice' AND {d}.status NOT IN ('draft', 'cancelled') "
           "AND {d}.issue_date IS NOT NULL")
SQLITE_MONTH = "date({d}.issue_date, 'start of month')"
PG_MONTH = "CAST(date_trunc('month', {d}.issue_date) AS date)"
SQLITE_UNITS = "CAST(ROUND({d}.{column} * 10000) AS INTEGER)"
PG_UNITS = "CAST(ROUND({d}.{column} * 10000) AS BIGINT)"
WATCHED = "kind, status, customer_id, currency_code, issue_date, total, amount_paid"
UPSERT = """ON CONFLICT (group_id, currency_code, month) DO UPDATE SET
    invoices = group_sales.invoices + excluded.invoices,
    invoiced = group_sales.invoiced + excluded.invoiced,
    paid = group_sales.paid + excluded.paid"""


def _document(d, sign, month, units):
    """Adds (sign '') or takes away (sign '-') document `d` in each group of its customer, and
    in group 0 (every invoice once)."""
    values = (f"{d}.currency_code, {month.format(d=d)}, {sign}1, "
              f"{sign}{units.format(d=d, column='total')}, "
              f"{sign}{units.format(d=d, column='amount_paid')}")
    return (f"INSERT INTO group_sales ({COLUMNS}) SELECT m.group_id, {values} "
            f"FROM customer_group_members m WHERE m.customer_id = {d}.customer_id "
            f"AND {COUNTED.format(d=d)} {UPSERT}; "
            f"INSERT INTO group_sales ({COLUMNS}) SELECT 0, {values} "
            f"WHERE {COUNTED.format(d=d)} {UPSERT}")


def _member(m, sign, month, units):
    """Adds (sign '') or takes away (sign '-') the invoices of member row `m`'s customer in its
    group."""
    return (f"INSERT INTO group_sales ({COLUMNS}) "
            f"SELECT {m}.group_id, d.currency_code, {month.format(d='d')}, {sign}COUNT(*), "
            f"{sign}SUM({units.format(d='d', column='total')}), "
            f"{sign}SUM({units.format(d='d', column='amount_paid')}) "
            f"FROM sales_documents d WHERE d.customer_id = {m}.customer_id "
            f"AND {COUNTED.format(d='d')} "
            f"GROUP BY d.currency_code, {month.format(d='d')} {UPSERT}")


YEAR_COLUMNS = "year, currency_code, customer_id, invoices, invoiced, paid"
SQLITE_YEAR = "CAST(strftime('%Y', {d}.issue_date) AS INTEGER)"
PG_YEAR = "CAST(EXTRACT(YEAR FROM {d}.issue_date) AS INTEGER)"
YEAR_UPSERT = """ON CONFLICT (year, currency_code, customer_id) DO UPDATE SET
    invoices = customer_year_sales.invoices + excluded.invoices,
    invoiced = customer_year_sales.invoiced + excluded.invoiced,
    paid = customer_year_sales.paid + excluded.paid"""


def _year(d, sign, year, units):
    """Adds (sign '') or takes away (sign '-') document `d` in its customer's year."""
    return (f"INSERT INTO customer_year_sales ({YEAR_COLUMNS}) "
            f"SELECT {year.format(d=d)}, {d}.currency_code, {d}.customer_id, {sign}1, "
            f"{sign}{units.format(d=d, column='total')}, "
            f"{sign}{units.format(d=d, column='amount_paid')} "
            f"WHERE {COUNTED.format(d=d)} {YEAR_UPSERT}")


def _sqlite_triggers():
    month, units = SQLITE_MONTH, SQLITE_UNITS
    old, new = COUNTED.format(d="OLD"), COUNTED.format(d="NEW")
    return [
        f"CREATE TRIGGER group_sales_document_insert AFTER INSERT ON sales_documents "
        f"WHEN {new} BEGIN {_document('NEW', '', month, units)}; "
        f"{_year('NEW', '', SQLITE_YEAR, units)}; END",
        f"CREATE TRIGGER group_sales_document_delete AFTER DELETE ON sales_documents "
        f"WHEN {old} BEGIN {_document('OLD', '-', month, units)}; "
        f"{_year('OLD', '-', SQLITE_YEAR, units)}; END",
        f"CREATE TRIGGER group_sales_document_update AFTER UPDATE OF {WATCHED} "
        f"ON sales_documents WHEN ({old}) OR ({new}) BEGIN "
        f"{_document('OLD', '-', month, units)}; {_year('OLD', '-', SQLITE_YEAR, units)}; "
        f"{_document('NEW', '', month, units)}; {_year('NEW', '', SQLITE_YEAR, units)}; END",
        f"CREATE TRIGGER group_sales_member_insert AFTER INSERT ON customer_group_members "
        f"BEGIN {_member('NEW', '', month, units)}; END",
        f"CREATE TRIGGER group_sales_member_delete AFTER DELETE ON customer_group_members "
        f"BEGIN {_member('OLD', '-', month, units)}; END",
        f"CREATE TRIGGER group_sales_member_update AFTER UPDATE ON customer_group_members "
        f"BEGIN {_member('OLD', '-', month, units)}; {_member('NEW', '', month, units)}; END",
    ]


# PostgreSQL: a document's writer and a membership change of the same customer must see each
# other's rows (else an invoice added while its customer joins a group would be counted by
# neither): documents take a shared lock on their customer, membership changes an exclusive one,
# both held to the end of the transaction; each following statement sees what the other
# committed. Documents of one customer never wait for each other.
LOCK_KEY = 29


def _postgresql_triggers():
    month, units = PG_MONTH, PG_UNITS
    return [
        f"""CREATE FUNCTION group_sales_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM pg_advisory_xact_lock_shared({LOCK_KEY}, OLD.customer_id);
        {_document('OLD', '-', month, units)};
        {_year('OLD', '-', PG_YEAR, units)};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM pg_advisory_xact_lock_shared({LOCK_KEY}, NEW.customer_id);
        {_document('NEW', '', month, units)};
        {_year('NEW', '', PG_YEAR, units)};
    END IF;
    RETURN NULL;
END $$""",
        f"CREATE TRIGGER group_sales_document AFTER INSERT OR DELETE OR UPDATE OF {WATCHED} "
        f"ON sales_documents FOR EACH ROW EXECUTE FUNCTION group_sales_document()",
        f"""CREATE FUNCTION group_sales_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM pg_advisory_xact_lock({LOCK_KEY}, OLD.customer_id);
        {_member('OLD', '-', month, units)};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM pg_advisory_xact_lock({LOCK_KEY}, NEW.customer_id);
        {_member('NEW', '', month, units)};
    END IF;
    RETURN NULL;
END $$""",
        "CREATE TRIGGER group_sales_member AFTER INSERT OR DELETE OR UPDATE "
        "ON customer_group_members FOR EACH ROW EXECUTE FUNCTION group_sales_member()",
    ]


def units_of(sqlite, column):
    return (SQLITE_UNITS if sqlite else PG_UNITS).format(d="d", column=column)


def upgrade():
    op.create_table(
        'group_sales',
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('currency_code', sa.String(length=3), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('invoices', sa.Integer(), nullable=False),
        sa.Column('invoiced', sa.BigInteger(), nullable=False),
        sa.Column('paid', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('group_id', 'currency_code', 'month',
                                name=op.f('pk_group_sales')),
    )
    op.create_table(
        'customer_year_sales',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('currency_code', sa.String(length=3), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('invoices', sa.Integer(), nullable=False),
        sa.Column('invoiced', sa.BigInteger(), nullable=False),
        sa.Column('paid', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_customer_year_sales_customer_id_customers'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('year', 'currency_code', 'customer_id',
                                name=op.f('pk_customer_year_sales')),
        sqlite_with_rowid=False,  # rows stored in the key's order: a year read in one range
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    year = SQLITE_YEAR if sqlite else PG_YEAR
    op.execute(f"""INSERT INTO customer_year_sales ({YEAR_COLUMNS})
        SELECT {year.format(d='d')}, d.currency_code, d.customer_id, COUNT(*),
               SUM({units_of(sqlite, 'total')}), SUM({units_of(sqlite, 'amount_paid')})
        FROM sales_documents d WHERE {COUNTED.format(d='d')}
        GROUP BY {year.format(d='d')}, d.currency_code, d.customer_id""")
    month, units = (SQLITE_MONTH, SQLITE_UNITS) if sqlite else (PG_MONTH, PG_UNITS)
    # What the invoices already issued add up to (the same rule as the triggers).
    op.execute(f"""INSERT INTO group_sales ({COLUMNS})
        SELECT m.group_id, d.currency_code, {month.format(d='d')}, COUNT(*),
               SUM({units.format(d='d', column='total')}),
               SUM({units.format(d='d', column='amount_paid')})
        FROM sales_documents d JOIN customer_group_members m ON m.customer_id = d.customer_id
        WHERE {COUNTED.format(d='d')}
        GROUP BY m.group_id, d.currency_code, {month.format(d='d')}
        UNION ALL
        SELECT 0, d.currency_code, {month.format(d='d')}, COUNT(*),
               SUM({units.format(d='d', column='total')}),
               SUM({units.format(d='d', column='amount_paid')})
        FROM sales_documents d WHERE {COUNTED.format(d='d')}
        GROUP BY d.currency_code, {month.format(d='d')}""")
    for statement in _sqlite_triggers() if sqlite else _postgresql_triggers():
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("document_insert", "document_delete", "document_update",
                     "member_insert", "member_delete", "member_update"):
            op.execute(f"DROP TRIGGER group_sales_{name}")
    else:
        op.execute("DROP TRIGGER group_sales_member ON customer_group_members")
        op.execute("DROP FUNCTION group_sales_member()")
        op.execute("DROP TRIGGER group_sales_document ON sales_documents")
        op.execute("DROP FUNCTION group_sales_document()")
    op.drop_table('group_sales')
    op.drop_table('customer_year_sales')
