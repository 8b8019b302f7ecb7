"""Invoice list: document tallies per kind, status, currency and due date, kept by triggers

The staff lists of invoices, estimates, proposals and credit notes read their page count and
their totals per currency here when only a status filters them, instead of adding up every
document on each page view (app/models/tally.py). Their order's index (kind, issue date) gains
the id (the order's tie-breaker), the status and the due date, so that a status or overdue
filter is checked in the index and page 1 stops after its rows.

Revision ID: 0031_invoice_list
Revises: 0030_customer_notes
Create Date: 2026-12-02 22:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0031_invoice_list'
down_revision = '0030_customer_notes'
branch_labels = None
depends_on = None

COLUMNS = "kind, status, currency_code, due_date, documents, total, remaining"
KEY = "kind, status, currency_code, due_date"
# A document without a due date counts under 9999-12-31: never late (a key cannot be NULL).
SQLITE_DUE = "COALESCE({d}.due_date, '9999-12-31')"
PG_DUE = "COALESCE({d}.due_date, DATE '9999-12-31')"
# Amounts in whole ten-thousandths (exact sums on SQLite too), as customer_balances (0027).
SQLITE_UNITS = "CAST(ROUND({x} * 10000) AS INTEGER)"
PG_UNITS = "CAST(ROUND({x} * 10000) AS BIGINT)"
WATCHED = "kind, status, currency_code, due_date, total, amount_paid"

ADD = """INSERT INTO document_tallies ({columns})
VALUES (NEW.kind, NEW.status, NEW.currency_code, {due}, 1, {total}, {remaining})
ON CONFLICT ({key}) DO UPDATE SET
    documents = document_tallies.documents + 1,
    total = document_tallies.total + excluded.total,
    remaining = document_tallies.remaining + excluded.remaining"""

TAKE = """UPDATE document_tallies SET
    documents = documents - 1, total = total - {total}, remaining = remaining - {remaining}
WHERE kind = OLD.kind AND status = OLD.status AND currency_code = OLD.currency_code
    AND due_date = {due}"""


def _amounts(d, units):
    return {"total": units.format(x=f"{d}.total"),
            "remaining": units.format(x=f"({d}.total - {d}.amount_paid)")}


def _add(due, units):
    return ADD.format(columns=COLUMNS, key=KEY, due=due.format(d="NEW"), **_amounts("NEW", units))


def _take(due, units):
    return TAKE.format(due=due.format(d="OLD"), **_amounts("OLD", units))


def _sqlite_triggers():
    add, take = _add(SQLITE_DUE, SQLITE_UNITS), _take(SQLITE_DUE, SQLITE_UNITS)
    return [
        f"CREATE TRIGGER document_tallies_insert AFTER INSERT ON sales_documents "
        f"BEGIN {add}; END",
        f"CREATE TRIGGER document_tallies_delete AFTER DELETE ON sales_documents "
        f"BEGIN {take}; END",
        f"CREATE TRIGGER document_tallies_update AFTER UPDATE OF {WATCHED} ON sales_documents "
        f"BEGIN {take}; {add}; END",
    ]


def _postgresql_triggers():
    add, take = _add(PG_DUE, PG_UNITS), _take(PG_DUE, PG_UNITS)
    old_key = f"ROW(OLD.kind, OLD.status, OLD.currency_code, {PG_DUE.format(d='OLD')})"
    new_key = f"ROW(NEW.kind, NEW.status, NEW.currency_code, {PG_DUE.format(d='NEW')})"
    # Two rows change when the key does: always the lower key first, so that two transactions
    # moving documents in opposite directions (paid -> partial, partial -> paid) cannot deadlock.
    return [
        f"""CREATE FUNCTION document_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF {old_key} = {new_key} AND OLD.total = NEW.total
                AND OLD.amount_paid = NEW.amount_paid THEN
            RETURN NULL;
        END IF;
        IF {new_key} < {old_key} THEN
            {add};
            {take};
        ELSE
            {take};
            {add};
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        {take};
    ELSE
        {add};
    END IF;
    RETURN NULL;
END $$""",
        f"CREATE TRIGGER document_tallies_follow AFTER INSERT OR DELETE OR UPDATE OF {WATCHED} "
        f"ON sales_documents FOR EACH ROW EXECUTE FUNCTION document_tallies_follow()",
    ]


def upgrade():
    op.create_index('ix_sales_documents_list', 'sales_documents',
                    ['kind', 'issue_date', 'id', 'status', 'due_date'])
    op.drop_index('ix_sales_documents_kind_issue', table_name='sales_documents')
    op.create_table(
        'document_tallies',
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('currency_code', sa.String(length=3), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=False),
        sa.Column('documents', sa.Integer(), nullable=False),
        sa.Column('total', sa.BigInteger(), nullable=False),
        sa.Column('remaining', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'status', 'currency_code', 'due_date',
                                name=op.f('pk_document_tallies')),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    due, units = (SQLITE_DUE, SQLITE_UNITS) if sqlite else (PG_DUE, PG_UNITS)
    amounts = _amounts("d", units)
    # What the documents already there add up to (the same rule as the triggers).
    op.execute(f"""INSERT INTO document_tallies ({COLUMNS})
        SELECT d.kind, d.status, d.currency_code, {due.format(d='d')}, COUNT(*),
               SUM({amounts['total']}), SUM({amounts['remaining']})
        FROM sales_documents d
        GROUP BY d.kind, d.status, d.currency_code, {due.format(d='d')}""")
    for statement in _sqlite_triggers() if sqlite else _postgresql_triggers():
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER document_tallies_{name}")
    else:
        op.execute("DROP TRIGGER document_tallies_follow ON sales_documents")
        op.execute("DROP FUNCTION document_tallies_follow()")
    op.drop_table('document_tallies')
    op.create_index('ix_sales_documents_kind_issue', 'sales_documents', ['kind', 'issue_date'])
    op.drop_index('ix_sales_documents_list', table_name='sales_documents')
