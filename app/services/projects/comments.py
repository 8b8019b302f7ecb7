"""Comments on a project's tasks, from contacts in the portal and from staff."""

from flask_babel import gettext as _

from app.extensions import db
from app.links import external_url
from app.models import Contact, Task, TaskComment, User
from app.services import Collector, FormErrors
from app.services.customers.activity import log_activity
from app.services.mail.staff import email_staff, owner_else_admins
from app.services.projects.status import CLOSED_STATUSES
from app.text import plain_text

COMMENT_MAX = 5_000


def _clean_body(body: str | None) -> str:
    errors = Collector()
    body = errors.text("body", body, COMMENT_MAX, _("Write your comment."), multiline=True)
    errors.raise_if_any()
    return body


def comments_closed_message() -> str:
    """Why a contact cannot comment on a finished or cancelled project."""
    return _("This project is finished or cancelled: comments are closed.")


def contact_comment(task: Task, contact: Contact, body: str) -> TaskComment:
    """A contact comments on a task of an open project: staff are told, the activity records it.

    Finished and cancelled projects close the conversation for contacts; staff may still write.
    """
    if task.project.status in CLOSED_STATUSES:
        raise FormErrors({"body": [comments_closed_message()]})
    comment = TaskComment(contact=contact, body=_clean_body(body))
    task.comments.append(comment)
    db.session.flush()
    project = task.project
    log_activity(project.customer, None, "project.task_commented",
                 subject=f"{project.name}: {task.name}", contact=contact)  # fmt: skip
    notify_staff_of_comment(task, comment)
    return comment


def staff_comment(task: Task, user: User, body: str) -> TaskComment:
    """Staff answer on a task (shown to the customer's contacts in the portal)."""
    comment = TaskComment(user=user, body=_clean_body(body))
    task.comments.append(comment)
    db.session.flush()
    return comment


def staff_to_notify(task: Task) -> list[User]:
    """The task's assignee; else every active administrator."""
    return owner_else_admins(task.assignee)


def notify_staff_of_comment(task: Task, comment: TaskComment) -> None:
    """Email the right staff, each in their own language, through the outbox."""
    project = task.project
    url = external_url("admin.project_detail", project_id=project.id, _anchor=f"task-{task.id}")
    email_staff(staff_to_notify(task), "task_comment_staff", {
        "client_company": project.customer.company,
        "contact_name": comment.contact.full_name if comment.contact else "",
        "project_name": project.name,
        "task_name": task.name,
        "task_comment": plain_text(comment.body),
        "project_admin_url": url,
    }, project.customer_id)  # fmt: skip
