"""Opening balances: what a customer owed in a currency when the firm moved to Comptoir

An opening balance is a row of sales_documents of kind 'opening' (no number, no lines): at most
one per customer and currency (a unique partial index). It counts like an open invoice in the
customer balances (the triggers of 0027 are replaced by the same ones, with 'opening' beside
'invoice') and in the partial indexes of the open invoices, which the ageing report and the
dashboard read. Downgrading deletes the opening balances (and their payments).

Revision ID: 0041_opening_balances
Revises: 0040_imports
Create Date: 2026-12-03 06:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0041_opening_balances'
down_revision = '0040_imports'
branch_labels = None
depends_on = None

COLUMNS = "customer_id, currency_code, open_invoices, invoices_due, open_credits, credit_left, balance"
SQLITE_UNITS = "CAST(ROUND(({d}.total - {d}.amount_paid) * 10000) AS INTEGER)"
PG_UNITS = "CAST(ROUND(({d}.total - {d}.amount_paid) * 10000) AS BIGINT)"
WATCHED = "kind, status, customer_id, currency_code, total, amount_paid"
OLD_OWED = "('invoice')"
NEW_OWED = "('invoice', 'opening')"
OLD_OPEN_INVOICES = "kind = 'invoice' AND status IN ('unpaid', 'partial')"
NEW_OPEN_INVOICES = "kind IN ('invoice', 'opening') AND status IN ('unpaid', 'partial')"
OPENING = "kind = 'opening'"


def _open(d, owed):
    return (f"({d}.kind IN {owed} AND {d}.status IN ('unpaid', 'partial') "
            f"OR {d}.kind = 'credit' AND {d}.status = 'open')")


def _add(units, owed):
    amount = units.format(d="NEW")
    owes = f"NEW.kind IN {owed}"
    return f"""INSERT INTO customer_balances ({COLUMNS})
SELECT NEW.customer_id, NEW.currency_code,
    CASE WHEN {owes} THEN 1 ELSE 0 END,
    CASE WHEN {owes} THEN {amount} ELSE 0 END,
    CASE WHEN NEW.kind = 'credit' THEN 1 ELSE 0 END,
    CASE WHEN NEW.kind = 'credit' THEN {amount} ELSE 0 END,
    CASE WHEN {owes} THEN {amount} ELSE -{amount} END
WHERE {_open("NEW", owed)}
ON CONFLICT (customer_id, currency_code) DO UPDATE SET
    open_invoices = customer_balances.open_invoices + excluded.open_invoices,
    invoices_due = customer_balances.invoices_due + excluded.invoices_due,
    open_credits = customer_balances.open_credits + excluded.open_credits,
    credit_left = customer_balances.credit_left + excluded.credit_left,
    balance = customer_balances.balance + excluded.balance"""


def _take(units, owed):
    amount = units.format(d="OLD")
    owes = f"OLD.kind IN {owed}"
    return f"""UPDATE customer_balances SET
    open_invoices = open_invoices - CASE WHEN {owes} THEN 1 ELSE 0 END,
    invoices_due = invoices_due - CASE WHEN {owes} THEN {amount} ELSE 0 END,
    open_credits = open_credits - CASE WHEN OLD.kind = 'credit' THEN 1 ELSE 0 END,
    credit_left = credit_left - CASE WHEN OLD.kind = 'credit' THEN {amount} ELSE 0 END,
    balance = balance - CASE WHEN {owes} THEN {amount} ELSE -{amount} END
WHERE customer_id = OLD.customer_id AND currency_code = OLD.currency_code AND {_open("OLD", owed)}"""


def _sqlite_triggers(owed):
    add, take = _add(SQLITE_UNITS, owed), _take(SQLITE_UNITS, owed)
    old, new = _open("OLD", owed), _open("NEW", owed)
    return [
        "DROP TRIGGER customer_balances_insert",
        "DROP TRIGGER customer_balances_delete",
        "DROP TRIGGER customer_balances_update",
        f"CREATE TRIGGER customer_balances_insert AFTER INSERT ON sales_documents "
        f"WHEN {new} BEGIN {add}; END",
        f"CREATE TRIGGER customer_balances_delete AFTER DELETE ON sales_documents "
        f"WHEN {old} BEGIN {take}; END",
        f"CREATE TRIGGER customer_balances_update AFTER UPDATE OF {WATCHED} ON sales_documents "
        f"WHEN {old} OR {new} BEGIN {take}; {add}; END",
    ]


def _postgresql_triggers(owed):
    return [
        f"""CREATE OR REPLACE FUNCTION customer_balances_follow() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {_take(PG_UNITS, owed)};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {_add(PG_UNITS, owed)};
    END IF;
    RETURN NULL;
END $$""",
    ]


def _open_indexes(condition):
    """The partial indexes of the open invoices (the ageing report, the dashboard)."""
    for name in ("ix_sales_documents_ageing", "ix_sales_documents_open_due"):
        op.drop_index(name, table_name="sales_documents")
    op.create_index(
        "ix_sales_documents_ageing", "sales_documents",
        ["currency_code", "customer_id", "due_date", "total", "amount_paid", "currency_decimals"],
        sqlite_where=sa.text(condition), postgresql_where=sa.text(condition),
    )
    op.create_index(
        "ix_sales_documents_open_due", "sales_documents",
        ["currency_code", "due_date", "total", "amount_paid"],
        sqlite_where=sa.text(condition), postgresql_where=sa.text(condition),
    )


def _triggers(owed):
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _sqlite_triggers(owed) if sqlite else _postgresql_triggers(owed):
        op.execute(statement)


def upgrade():
    op.create_index(
        "uq_sales_documents_opening", "sales_documents", ["customer_id", "currency_code"],
        unique=True, sqlite_where=sa.text(OPENING), postgresql_where=sa.text(OPENING),
    )
    _open_indexes(NEW_OPEN_INVOICES)
    _triggers(NEW_OWED)


def downgrade():
    # The opening balances leave with their payments, while the triggers still count them out.
    op.execute("DELETE FROM payments WHERE document_id IN "
               "(SELECT id FROM sales_documents WHERE kind = 'opening')")
    op.execute("DELETE FROM sales_documents WHERE kind = 'opening'")
    _triggers(OLD_OWED)
    _open_indexes(OLD_OPEN_INVOICES)
    op.drop_index("uq_sales_documents_opening", table_name="sales_documents")
