"""Who is asking for a list or a record, and the rows that person may see."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import Select, and_, exists, false, or_, select, true

from app.extensions import db
from app.models import (
    Contract,
    Customer,
    CustomerAdmin,
    Document,
    OutboxMessage,
    Project,
    RecurringInvoice,
    Task,
    Ticket,
)
from app.roles import DOCUMENT_MODULES, VIEW_ALL, VIEW_OWN


@dataclass(frozen=True)
class Scope:
    """A portal contact sees their own customer's rows only; a staff member what their role's
    "view all" / "view own" grants on each module ("own": the customers they are assigned to
    and those customers' records, plus what they created or are assigned to).

    Every list and record query takes one and calls `narrow`, so the rule lives here alone."""

    user: object | None = None
    customer_id: int | None = None

    def narrow(self, query: Select, entity, module: str | None = None) -> Select:
        """`query` (rows of `entity`) limited to what this person may see; with `module`
        (staff only), the rows of the customers that module's "view own" covers, e.g. the
        invoices the reports count (`narrow(query, Document, "reports")`)."""
        if self.customer_id is not None:
            return query.where(self._contact_condition(entity))
        if module is not None and self.user is not None and not self.user.is_admin:
            return query.where(self._module(module, entity.customer_id))
        condition = self.condition(entity)
        return query if condition is None else query.where(condition)

    def _contact_condition(self, entity):
        if entity is Customer:
            return Customer.id == self.customer_id
        if entity is Task:  # a project's tasks; standalone tasks are staff-only
            return and_(Task.customer_id == self.customer_id, Task.project_id.is_not(None))
        if not hasattr(entity, "customer_id"):
            return false()  # settings rows (taxes, departments…) are staff-only
        return entity.customer_id == self.customer_id

    def condition(self, entity):
        """The WHERE clause limiting `entity` to this staff member's rows; None for all."""
        user = self.user
        if user is None or user.is_admin:
            return None
        if entity is Customer:
            return self._module("customers", Customer.id)
        if entity is Document:
            return or_(*(
                and_(Document.kind == kind, self._module(
                    module, Document.customer_id, Document.created_by_id == user.id))
                for kind, module in DOCUMENT_MODULES.items()
            ))  # fmt: skip
        if entity is RecurringInvoice:  # a profile belongs to the invoices module
            return self._module("invoices", RecurringInvoice.customer_id,
                                RecurringInvoice.created_by_id == user.id)  # fmt: skip
        if entity is Ticket:
            return self._module("support", Ticket.customer_id, Ticket.assigned_to_id == user.id,
                                Ticket.opened_by_id == user.id)  # fmt: skip
        if entity is Contract:
            return self._module("contracts", Contract.customer_id,
                                Contract.created_by_id == user.id)  # fmt: skip
        if entity is Project:
            return self._project_condition()
        if entity is Task:
            return self._task_condition()
        if entity is OutboxMessage and user.can("settings", "view"):
            return None  # Settings → Email → Outbox
        if hasattr(entity, "customer_id"):  # contacts, activity, a customer's emails
            return self._module("customers", entity.customer_id)
        return None  # settings rows: what an endpoint's capability allows

    def _project_condition(self):
        assigned = exists().where(Task.project_id == Project.id, Task.assignee_id == self.user.id)
        return self._module("projects", Project.customer_id, assigned,
                            Project.created_by_id == self.user.id)  # fmt: skip

    def _task_condition(self):
        """A project's task goes with its project; a standalone task (a customer's, no
        project) with its customer under the projects module, and always to its assignee and
        the person who made it."""
        in_projects = Task.project_id.in_(select(Project.id).where(self._project_condition()))
        mine = or_(Task.assignee_id == self.user.id, Task.created_by_id == self.user.id,
                   self._module("projects", Task.customer_id))  # fmt: skip
        return or_(in_projects, and_(Task.project_id.is_(None), mine))

    def _module(self, module: str, customer_column, *own_records):
        """All rows with `view all` on `module`; with `view own`, rows of the customers the user
        is assigned to, or matching `own_records`; none otherwise."""
        if self.user.can(module, VIEW_ALL):
            return true()
        if self.user.can(module, VIEW_OWN):
            mine = select(CustomerAdmin.customer_id).where(CustomerAdmin.user_id == self.user.id)
            return or_(customer_column.in_(mine), *own_records)
        return false()

    def sees(self, module: str) -> bool:
        """Whether this staff member sees any row of `module` (view all or view own): a
        dashboard card of a module they cannot view is not shown."""
        return self.user is None or self.user.can(module, "view")

    def sees_all(self, module: str) -> bool:
        """Whether this person sees every row of `module`, nothing narrowed (so a summary of
        everything, such as a tally or a count kept by the database, is theirs to read): no
        one (a job), an administrator, or a role with "view all"; never a portal contact."""
        if self.customer_id is not None:
            return False
        user = self.user
        return user is None or user.is_admin or user.can(module, VIEW_ALL)

    @property
    def sees_internal(self) -> bool:
        """Whether internal notes (tickets' staff-only replies) are visible: staff only."""
        return self.customer_id is None

    def get(self, entity, record_id: int, query: Select | None = None):
        """The `entity` row with this id when this person may see it (among `query`'s rows,
        every row by default), else None."""
        query = select(entity) if query is None else query
        return db.session.scalar(self.narrow(query.where(entity.id == record_id), entity))

    def get_or_404(self, entity, record_id: int, query: Select | None = None):
        """As `get`, but 404 when the row is missing or not this person's to see."""
        found = self.get(entity, record_id, query)
        if found is None:
            abort(404)
        return found

    def of_customer_or_404(self, entity, customer_id: int, record_id: int):
        """A record of customer `customer_id`, as `get_or_404`: another customer's record is a
        404 too (its id typed into this customer's address)."""
        found = self.get_or_404(entity, record_id)
        if found.customer_id != customer_id:
            abort(404)
        return found

    def chosen_customer(self, customer_id: int | None, current_id: int | None = None):
        """The customer a form names for a new record, when this person may see it (or it is
        the record's own customer already: `current_id`); None otherwise, so the form says
        "choose a customer" as for an unknown id."""
        if not customer_id:
            return None
        if customer_id == current_id:
            return db.session.get(Customer, customer_id)
        return self.get(Customer, customer_id)


def scope_of(person) -> Scope:
    """The scope of the signed-in staff member or portal contact."""
    if getattr(person, "kind", None) == "contact":
        return Scope(user=person, customer_id=person.customer_id)
    return Scope(user=person)
