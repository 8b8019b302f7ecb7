"""Contracts, projects and tasks for the benchmark database: issue 8's lists and dashboard panel."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert

from app.extensions import db
from app.models import Contract, Project, Task
from app.models.types import utcnow

BATCH = 5000


def add_modules(rng, customers: int, contracts: int, projects: int) -> None:
    """`contracts` contracts (some renewed) and `projects` projects of 0–8 tasks each."""
    today, now = date.today(), utcnow()
    rows = []
    for n in range(1, contracts + 1):
        start = today - timedelta(days=rng.randrange(730))
        status = rng.choice(["draft", "sent", "signed", "signed"])
        rows.append({
            "id": n, "customer_id": rng.randint(1, customers), "subject": f"Maintenance {n}",
            "value": Decimal(rng.randint(100, 9000)), "currency_code": "EUR",
            "start_date": start, "end_date": start + timedelta(days=rng.choice([90, 365, 730])),
            "content": "<p>Bench contract.</p>", "status": status, "created_at": now,
            # one in twenty signed contracts was renewed by the contract just before it
            "renewed_from_id": n - 1 if n > 1 and status == "signed" and n % 20 == 0 else None,
        })  # fmt: skip
        if len(rows) == BATCH:
            db.session.execute(insert(Contract), rows)
            rows = []
    if rows:
        db.session.execute(insert(Contract), rows)
    statuses = ["not_started", "in_progress", "in_progress", "on_hold", "finished", "cancelled"]
    project_rows, task_rows = [], []
    for n in range(1, projects + 1):
        start = today - timedelta(days=rng.randrange(400))
        project_rows.append({
            "id": n, "customer_id": rng.randint(1, customers), "name": f"Project {n}",
            "name_key": f"project {n}",
            "status": rng.choice(statuses), "start_date": start,
            "deadline": start + timedelta(days=rng.randint(30, 300)), "created_at": now,
        })  # fmt: skip
        task_rows += [
            {"project_id": n, "name": f"Task {t}", "status": rng.choice(["todo", "done"])}
            for t in range(rng.randint(0, 8))
        ]
        if len(project_rows) == BATCH:
            db.session.execute(insert(Project), project_rows)
            db.session.execute(insert(Task), task_rows)
            project_rows, task_rows = [], []
    if project_rows:
        db.session.execute(insert(Project), project_rows)
        db.session.execute(insert(Task), task_rows)
    db.session.commit()
