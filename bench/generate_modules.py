"""Invoices, contracts, projects and tasks for the benchmark database (issue 8's lists and
dashboard panel), written through bench/generate_load.py's Loader."""

from datetime import date, timedelta

from app.models import Contract, Document, DocumentItem, NumberSequence, Payment, Project, Task

BATCH = 50_000
MODULE_TABLES = [
    Document.__table__, DocumentItem.__table__, NumberSequence.__table__, Payment.__table__,
    Contract.__table__, Project.__table__, Task.__table__,
]  # fmt: skip
DOCUMENT_COLUMNS = (
    "id", "kind", "sequence", "number", "customer_id", "status", "issue_date", "due_date",
    "currency_code", "currency_decimals", "language", "client_company", "include_shipping",
    "discount_type", "discount_value", "discount_before_tax", "subtotal", "total", "amount_paid",
    "created_at",
)  # fmt: skip
ITEM_COLUMNS = ("document_id", "position", "description", "quantity", "rate")
PAYMENT_COLUMNS = ("document_id", "amount", "paid_on", "mode", "created_at")
CONTRACT_COLUMNS = (
    "id", "customer_id", "subject", "value", "currency_code", "start_date", "end_date",
    "content", "status", "created_at", "renewed_from_id",
)  # fmt: skip
PROJECT_COLUMNS = (
    "id", "customer_id", "name", "name_key", "status", "start_date", "deadline", "created_at",
)  # fmt: skip


def add_invoices(loader, rng, customers: int, count: int) -> None:
    """`count` invoices of one to three lines, spread over the customers and two years, as
    `check-data` wants them: drafts without a number, the others numbered without gaps, paid
    ones paid in full and partial ones half paid (one payment each, on the issue date)."""
    start, now, issued_count = date(2025, 1, 1), loader.now, 0
    for first in range(1, count + 1, BATCH):
        documents, items, payments = [], [], []
        for n in range(first, min(first + BATCH, count + 1)):
            issued = start + timedelta(days=rng.randrange(690))
            lines = [(rng.randint(1, 5), rng.randint(10, 900)) for _ in range(rng.randint(1, 3))]
            total = sum(q * r for q, r in lines)
            status = rng.choice(["unpaid", "paid", "paid", "partial", "draft"])
            paid = {"paid": total, "partial": total // 2}.get(status, 0)
            sequence = None if status == "draft" else issued_count + 1
            issued_count += sequence is not None
            documents.append(
                (n, "invoice", sequence, sequence and f"INV-{sequence:06d}",
                 rng.randint(1, customers), status, loader.date(issued),
                 loader.date(issued + timedelta(days=30)), "EUR", 2, "fr", f"Company {n}", False,
                 "none", 0, True, total, total, paid, now)
            )  # fmt: skip
            items += [(n, i, f"Item {i}", q, r) for i, (q, r) in enumerate(lines)]
            if paid:
                payments.append((n, paid, loader.date(issued), "bank_transfer", now))
        loader.insert("sales_documents", DOCUMENT_COLUMNS, documents)
        loader.insert("sales_document_items", ITEM_COLUMNS, items)
        loader.insert("payments", PAYMENT_COLUMNS, payments)
    if issued_count:
        loader.insert("number_sequences", ("kind", "last"), [("invoice", issued_count)])


def add_modules(loader, rng, customers: int, contracts: int, projects: int) -> None:
    """`contracts` contracts (some renewed) and `projects` projects of 0–8 tasks each."""
    today, now = date.today(), loader.now
    rows = []
    for n in range(1, contracts + 1):
        start = today - timedelta(days=rng.randrange(730))
        status = rng.choice(["draft", "sent", "signed", "signed"])
        rows.append((
            n, rng.randint(1, customers), f"Maintenance {n}", rng.randint(100, 9000), "EUR",
            loader.date(start), loader.date(start + timedelta(days=rng.choice([90, 365, 730]))),
            "<p>Bench contract.</p>", status, now,
            # one in twenty signed contracts was renewed by the contract just before it
            n - 1 if n > 1 and status == "signed" and n % 20 == 0 else None,
        ))  # fmt: skip
    loader.insert("contracts", CONTRACT_COLUMNS, rows)
    statuses = ["not_started", "in_progress", "in_progress", "on_hold", "finished", "cancelled"]
    project_rows, task_rows = [], []
    for n in range(1, projects + 1):
        start, customer = today - timedelta(days=rng.randrange(400)), rng.randint(1, customers)
        project_rows.append((
            n, customer, f"Project {n}", f"project {n}", rng.choice(statuses),
            loader.date(start), loader.date(start + timedelta(days=rng.randint(30, 300))), now,
        ))  # fmt: skip
        task_rows += [
            (n, customer, f"Task {t}", rng.choice(["todo", "done"]))
            for t in range(rng.randint(0, 8))
        ]
    loader.insert("projects", PROJECT_COLUMNS, project_rows)
    loader.insert("tasks", ("project_id", "customer_id", "name", "status"), task_rows)
