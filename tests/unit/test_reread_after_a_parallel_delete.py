"""Two tabs: one deletes a file, a reminder or a task while the other shares it, snoozes it or
marks it done. The second answers 404 (not found any more), never a 500."""

from datetime import timedelta

import pytest
from sqlalchemy import delete
from werkzeug.exceptions import NotFound

from app.extensions import db
from app.models import CustomerFile, Reminder, Task
from app.models.types import utcnow
from app.services.customers.files import set_shared
from app.services.projects.my_tasks import mark_done as task_done
from app.services.reminders.service import mark_done, snooze
from tests.factories import make_customer, make_file, make_reminder, make_user


def _gone(model, record):
    """Delete `record`'s row behind the session's back, as another request would."""
    db.session.execute(delete(model).where(model.id == record.id))
    db.session.commit()


def test_sharing_a_file_deleted_meanwhile_is_not_found(ctx):
    file = make_file(make_customer())
    _gone(CustomerFile, file)
    with pytest.raises(NotFound):
        set_shared(file, True, make_user())


@pytest.mark.parametrize("action", [mark_done, lambda r: snooze(r, utcnow() + timedelta(hours=1))])
def test_a_reminder_deleted_meanwhile_is_not_found(ctx, action):
    reminder = make_reminder(make_customer())
    _gone(Reminder, reminder)
    with pytest.raises(NotFound):
        action(reminder)


def test_a_task_deleted_meanwhile_is_not_found(ctx):
    task = Task(customer=make_customer(), name="Call the bank", status="todo")
    db.session.add(task)
    db.session.commit()
    _gone(Task, task)
    with pytest.raises(NotFound):
        task_done(task)
