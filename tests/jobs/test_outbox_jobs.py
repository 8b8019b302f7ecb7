"""Mail leaves through the job queue: after commit, once, even with two workers or a crash."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.jobs import in_job_context
from app.jobs.tasks import PERIODIC, TASKS
from app.models import OutboxMessage
from app.models.types import utcnow
from app.services.mail import outbox
from app.services.mail.outbox import deliver, queue_email
from app.services.settings import save_settings
from tests.conftest import free_port
from tests.factories import make_admin, make_customer, make_user, new_customer_form
from tests.jobs.conftest import run_queued


def queue_one(**overrides) -> OutboxMessage:
    values = dict(recipient="ada@example.com", subject="Hello", html="<p>Hi</p>", text="Hi")
    message = queue_email(**(values | overrides), kind="test")
    db.session.commit()
    return message


def test_a_request_only_enqueues_and_a_worker_delivers(app, client, ctx, login_as, inbox, queue):
    login_as(make_user())
    form = new_customer_form(send_welcome="y", language="en")
    url = "/admin/customers/new"
    assert client.post_form(url, form, token_from=url).status_code == 303
    assert inbox.messages == []  # the request did not talk to the mail server
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.sent_at is None and message.attempts == 0
    assert run_queued(queue) == ["deliver_message"]
    assert inbox.only()["To"] == message.recipient
    assert inbox.only()["Message-ID"] == message.message_id_header
    assert run_queued(queue) == []


def test_a_rolled_back_change_enqueues_nothing(app, ctx, queue):
    queue_email("ada@example.com", "Hello", "<p>Hi</p>", "Hi", kind="test")
    db.session.rollback()
    db.session.commit()
    assert queue.pending_count() == 0


def test_the_delivery_job_run_twice_sends_once(app, ctx, inbox, queue):
    message = queue_one()
    job = in_job_context(app, TASKS["deliver_message"])
    job(message.id)
    job(message.id)
    assert len(inbox.messages) == 1
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).attempts == 1


def test_two_workers_on_one_row_send_it_once(app, ctx, inbox, queue):
    message_id = queue_one().id
    start = threading.Barrier(2)
    results = []

    def worker():
        with app.app_context():
            start.wait()
            results.append(deliver(message_id))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert len(inbox.messages) == 1


def lease_ran_out() -> None:
    past = utcnow() - timedelta(1)
    db.session.execute(update(OutboxMessage).values(claimed_until=past, next_attempt_at=past))
    db.session.commit()


class WorkerKilled(BaseException):
    """Stands for the worker process dying in the middle of the SMTP conversation."""


def test_a_worker_killed_mid_send_leaves_the_row_for_another_after_the_lease(
    app, ctx, inbox, queue, monkeypatch
):
    message = queue_one()

    def die(*args, **kwargs):
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setattr(outbox, "transmit", die)
        with pytest.raises(WorkerKilled):
            deliver(message.id)
    sweep = in_job_context(app, PERIODIC["sweep_outbox"][1])
    sweep()
    assert inbox.messages == []  # still leased to the dead worker
    lease_ran_out()
    sweep()
    sweep()
    assert inbox.only()["Message-ID"] == message.message_id_header  # recognisably the same


def test_the_sweep_sends_a_row_whose_job_was_lost_and_retries_failures(app, ctx, inbox, queue):
    queue_one()
    queue.flush()  # the job never reached the queue (a crash between commit and enqueue)
    sweep = in_job_context(app, PERIODIC["sweep_outbox"][1])
    sweep()
    sweep()
    assert inbox.only()["To"] == "ada@example.com"
    inbox.clear()
    save_settings({"smtp_port": free_port()})
    db.session.commit()
    failing = queue_one(recipient="bob@example.com")
    run_queued(queue)
    db.session.expire_all()
    assert db.session.get(OutboxMessage, failing.id).last_error.startswith("unreachable:")
    save_settings({"smtp_port": app.config["MAIL_PORT"]})
    lease_ran_out()  # and the back-off too
    sweep()
    assert inbox.only()["To"] == "bob@example.com"


def test_a_queue_that_is_down_fails_no_request_and_the_sweep_sends_later(
    app, client, ctx, login_as, inbox, queue, monkeypatch
):
    def queue_down(*args):
        raise ConnectionError("queue storage unreachable")

    login_as(make_user())
    url = "/admin/customers/new"
    form = new_customer_form(send_welcome="y", language="en")
    with monkeypatch.context() as patch:
        patch.setattr(queue, "enqueue", queue_down)
        assert client.post_form(url, form, token_from=url).status_code == 303
    assert queue.pending_count() == 0 and inbox.messages == []
    in_job_context(app, PERIODIC["sweep_outbox"][1])()
    assert inbox.only()["To"] == "claire.martin@example.com"


def test_resend_and_retry_now_only_enqueue(app, client, ctx, login_as, inbox, queue):
    login_as(make_admin())
    save_settings({"smtp_port": free_port()})
    db.session.commit()
    customer = make_customer()
    message = queue_email("ada@example.com", "Hi", "<p>Hi</p>", "Hi", kind="test",
                          customer_id=customer.id)  # fmt: skip
    db.session.commit()
    run_queued(queue)  # the mail server is down: the message failed
    save_settings({"smtp_port": app.config["MAIL_PORT"]})
    lease_ran_out()  # so that a send in the request would now succeed
    for url in (f"/admin/customers/{customer.id}/emails/{message.id}/resend",
                f"/admin/settings/email/outbox/{message.id}/retry"):  # fmt: skip
        assert client.post_form(url, {}, token_from="/admin/").status_code == 303
        assert inbox.messages == []  # the request sent nothing
    assert run_queued(queue) == ["deliver_message", "deliver_message"]
    assert len(inbox.messages) == 1  # the second job found it sent
