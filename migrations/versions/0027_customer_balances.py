"""Customer balances: what each customer owes or is owed per currency, kept by triggers

Revision ID: 0027_customer_balances
Revises: 0026_open_items_index
Create Date: 2026-12-02 18:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0027_customer_balances'
down_revision = '0026_open_items_index'
branch_labels = None
depends_on = None

LISTED = "open_invoices > 0 OR open_credits > 0"
COLUMNS = "customer_id, currency_code, open_invoices, invoices_due, open_credits, credit_left, balance"
# A document counts while it is an invoice to be paid or a credit note with credit left; its
# amount is what is left of it, in whole ten-thousandths (exact sums on SQLite too).
OPEN = ("({d}.kind = 'invoice' AND {d}.status IN ('unpaid', 'partial') "
        "OR {d}.kind = 'credit' AND {d}.status = 'open')")
SQLITE_UNITS = "CAST(ROUND(({d}.total - {d}.amount_paid) * 10000) AS INTEGER)"
PG_UNITS = "CAST(ROUND(({d}.total - {d}.amount_paid) * 10000) AS BIGINT)"
WATCHED = "kind, status, customer_id, currency_code, total, amount_paid"


def _values(d, units):
    """The row a document `d` adds: its counts and amounts by kind."""
    amount = units.format(d=d)
    return (f"{d}.customer_id, {d}.currency_code, "
            f"CASE WHEN {d}.kind = 'invoice' THEN 1 ELSE 0 END, "
            f"CASE WHEN {d}.kind = 'invoice' THEN {amount} ELSE 0 END, "
            f"CASE WHEN {d}.kind = 'credit' THEN 1 ELSE 0 END, "
            f"CASE WHEN {d}.kind = 'credit' THEN {amount} ELSE 0 END, "
            f"CASE WHEN {d}.kind = 'invoice' THEN {amount} ELSE -{amount} END")


ADD = """INSERT INTO customer_balances ({columns})
SELECT {values} WHERE {open}
ON CONFLICT (customer_id, currency_code) DO UPDATE SET
    open_invoices = customer_balances.open_invoices + excluded.open_invoices,
    invoices_due = customer_balances.invoices_due + excluded.invoices_due,
    open_credits = customer_balances.open_credits + excluded.open_credits,
    credit_left = customer_balances.credit_left + excluded.credit_left,
    balance = customer_balances.balance + excluded.balance"""

TAKE = """UPDATE customer_balances SET
    open_invoices = open_invoices - CASE WHEN OLD.kind = 'invoice' THEN 1 ELSE 0 END,
    invoices_due = invoices_due - CASE WHEN OLD.kind = 'invoice' THEN {amount} ELSE 0 END,
    open_credits = open_credits - CASE WHEN OLD.kind = 'credit' THEN 1 ELSE 0 END,
    credit_left = credit_left - CASE WHEN OLD.kind = 'credit' THEN {amount} ELSE 0 END,
    balance = balance - CASE WHEN OLD.kind = 'invoice' THEN {amount} ELSE -{amount} END
WHERE customer_id = OLD.customer_id AND currency_code = OLD.currency_code AND {open}"""


def _add(units):
    return ADD.format(columns=COLUMNS, values=_values("NEW", units), open=OPEN.format(d="NEW"))


def _take(units):
    return TAKE.format(amount=units.format(d="OLD"), open=OPEN.format(d="OLD"))


def _sqlite_triggers():
    add, take = _add(SQLITE_UNITS), _take(SQLITE_UNITS)
    old, new = OPEN.format(d="OLD"), OPEN.format(d="NEW")
    return [
        f"CREATE TRIGGER customer_balances_insert AFTER INSERT ON sales_documents "
        f"WHEN {new} BEGIN {add}; END",
        f"CREATE TRIGGER customer_balances_delete AFTER DELETE ON sales_documents "
        f"WHEN {old} BEGIN {take}; END",
        f"CREATE TRIGGER customer_balances_update AFTER UPDATE OF {WATCHED} ON sales_documents "
        f"WHEN {old} OR {new} BEGIN {take}; {add}; END",
    ]


def _postgresql_triggers():
    return [
        f"""CREATE FUNCTION customer_balances_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {_take(PG_UNITS)};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {_add(PG_UNITS)};
    END IF;
    RETURN NULL;
END $$""",
        f"CREATE TRIGGER customer_balances_follow AFTER INSERT OR DELETE OR UPDATE OF {WATCHED} "
        f"ON sales_documents FOR EACH ROW EXECUTE FUNCTION customer_balances_follow()",
    ]


def upgrade():
    op.create_table(
        'customer_balances',
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('currency_code', sa.String(length=3), nullable=False),
        sa.Column('open_invoices', sa.Integer(), nullable=False),
        sa.Column('invoices_due', sa.BigInteger(), nullable=False),
        sa.Column('open_credits', sa.Integer(), nullable=False),
        sa.Column('credit_left', sa.BigInteger(), nullable=False),
        sa.Column('balance', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_customer_balances_customer_id_customers'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('customer_id', 'currency_code', name=op.f('pk_customer_balances')),
    )
    op.create_index(
        'ix_customer_balances_ageing', 'customer_balances',
        ['currency_code', sa.text('balance DESC'), 'customer_id'],
        sqlite_where=sa.text(LISTED), postgresql_where=sa.text(LISTED),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    units = (SQLITE_UNITS if sqlite else PG_UNITS).format(d="d")
    # What the documents already issued add up to (the same rule as the triggers).
    op.execute(f"""INSERT INTO customer_balances ({COLUMNS})
        SELECT d.customer_id, d.currency_code,
               SUM(CASE WHEN d.kind = 'invoice' THEN 1 ELSE 0 END),
               SUM(CASE WHEN d.kind = 'invoice' THEN {units} ELSE 0 END),
               SUM(CASE WHEN d.kind = 'credit' THEN 1 ELSE 0 END),
               SUM(CASE WHEN d.kind = 'credit' THEN {units} ELSE 0 END),
               SUM(CASE WHEN d.kind = 'invoice' THEN {units} ELSE -{units} END)
        FROM sales_documents d WHERE {OPEN.format(d='d')}
        GROUP BY d.customer_id, d.currency_code""")
    for statement in _sqlite_triggers() if sqlite else _postgresql_triggers():
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER customer_balances_{name}")
    else:
        op.execute("DROP TRIGGER customer_balances_follow ON sales_documents")
        op.execute("DROP FUNCTION customer_balances_follow()")
    op.drop_index('ix_customer_balances_ageing', table_name='customer_balances')
    op.drop_table('customer_balances')
