"""Comments on a project's tasks, from contacts in the portal and from staff."""

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.i18n import resolve_language
from app.models import Contact, Task, TaskComment, User
from app.services import Collector, FormErrors
from app.services.customers.activity import log_activity
from app.services.mail.outbox import queue_email
from app.services.mail.render import render_email
from app.services.projects.projects import CLOSED_STATUSES
from app.templating import plain_text

COMMENT_MAX = 5_000


def _clean_body(body: str | None) -> str:
    errors = Collector()
    body = (body or "").strip()
    if not body:
        errors.add("body", _("Write your comment."))
    elif len(body) > COMMENT_MAX:
        errors.add("body", _("Use at most %(n)d characters.", n=COMMENT_MAX))
    if "\x00" in body:
        errors.add("body", _("Line breaks and control characters are not allowed here."))
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
                 subject=f"{contact.full_name} — {project.name}: {task.name}")  # fmt: skip
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
    if task.assignee is not None and task.assignee.active:
        return [task.assignee]
    return list(db.session.scalars(select(User).where(User.is_admin, User.active)))


def notify_staff_of_comment(task: Task, comment: TaskComment) -> None:
    """Email the right staff, each in their own language, through the outbox."""
    project = task.project
    url = current_app.config["BASE_URL"] + url_for(
        "admin.project_detail", project_id=project.id, _anchor=f"task-{task.id}"
    )
    for user in staff_to_notify(task):
        rendered = render_email("task_comment_staff", resolve_language(user.language), {
            "staff_firstname": user.name.split(" ")[0],
            "client_company": project.customer.company,
            "contact_name": comment.contact.full_name if comment.contact else "",
            "project_name": project.name,
            "task_name": task.name,
            "task_comment": plain_text(comment.body),
            "project_admin_url": url,
        })  # fmt: skip
        if rendered is not None:
            queue_email(user.email, rendered.subject, rendered.html, rendered.text,
                        kind="task_comment_staff", customer_id=project.customer_id)  # fmt: skip
