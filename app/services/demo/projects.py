"""A demo project with a few tasks and a comment, and a standalone task of its customer (once,
like the rest of the demo)."""

from datetime import date, timedelta

from sqlalchemy import exists, select

from app.extensions import db
from app.models import Customer, Project, Task, TaskComment, User

DEMO_STAFF = "sales@example.com"


def load_demo_projects(admin: User) -> int:
    """Add the demo project if there is no project yet; returns how many were added."""
    if db.session.scalar(select(exists().where(Project.id.isnot(None)))):
        return 0
    customer = db.session.scalar(
        select(Customer).where(Customer.company == "Boulangerie Martin SARL")
    )
    if customer is None:
        return 0
    sales = db.session.scalar(select(User).where(User.email == DEMO_STAFF)) or admin
    today = date.today()
    project = Project(customer=customer, name="Boutique en ligne", status="in_progress",
                      description="Vente de viennoiseries en ligne, retrait en boutique.",
                      start_date=today - timedelta(days=30),
                      deadline=today + timedelta(days=45))  # fmt: skip
    tasks = [
        Task(name="Maquettes", status="done", assignee=admin,
             due_date=today - timedelta(days=10)),
        Task(name="Paiement en ligne", status="in_progress", assignee=sales,
             due_date=today + timedelta(days=14)),
        Task(name="Photos des produits", status="todo", due_date=today + timedelta(days=30)),
    ]  # fmt: skip
    project.tasks.extend(tasks)
    if customer.contacts:
        tasks[2].comments.append(
            TaskComment(
                contact=customer.contacts[0], body="Nous pouvons faire les photos lundi matin."
            )  # fmt: skip
        )
    db.session.add(project)
    # A standalone task of the customer (no project), on the admin's My tasks.
    db.session.add(Task(customer=customer, name="Rappeler pour le devis de Noël", status="todo",
                        assignee=admin, created_by_id=admin.id,
                        due_date=today + timedelta(days=2)))  # fmt: skip
    db.session.flush()
    return 1
