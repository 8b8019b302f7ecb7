"""Wrong passwords lock an account after five, counted atomically in the database: thirty at
once still get only five checked, on sign-in and on the current-password checks of My profile
and the portal profile. The answer says, in the person's language, when to come back."""

import threading

import pytest
from sqlalchemy import select

from app.extensions import db
from app.jobs import in_job_context
from app.jobs.tasks import PERIODIC
from app.models import FailedAttempts
from tests.factories import PASSWORD, make_portal_contact, make_sign_in, make_user

PARALLEL = 30
ALLOWED = 5


def post_in_parallel(app, path, data, token_from, prepare=None) -> list[int]:
    """POST `data` to `path` from PARALLEL separate clients at the same moment; their statuses."""
    clients = []
    for _ in range(PARALLEL):
        client = app.test_client()
        if prepare:
            prepare(client)
        clients.append((client, client.csrf_token(token_from)))
    barrier = threading.Barrier(PARALLEL)
    statuses, errors = [], []

    def worker(client, token):
        try:
            barrier.wait()
            statuses.append(client.post(path, data={**data, "csrf_token": token}).status_code)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return statuses


@pytest.mark.parametrize(
    ("maker", "path"), [(make_user, "/admin/login"), (make_portal_contact, "/clients/login")]
)
def test_thirty_parallel_wrong_passwords_get_five_checks(app, ctx, maker, path):
    person = maker()
    statuses = post_in_parallel(
        app, path, {"email": person.email, "password": "wrong password"}, path
    )
    assert sorted(statuses) == [422] * ALLOWED + [429] * (PARALLEL - ALLOWED)
    # The right password waits too, and the page says until when.
    client = app.test_client()
    response = client.post_form(path, {"email": person.email, "password": PASSWORD}, path)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Too many attempts. Try again in 15 minutes." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Too many attempts. Try again in 15 minutes."),
        ("fr", "Trop de tentatives. Réessayez dans 15 minutes."),
        ("de", "Zu viele Versuche. Versuchen Sie es in 15 Minuten erneut."),
        ("es", "Demasiados intentos. Vuelva a intentarlo dentro de 15 minutos."),
    ],
)
def test_the_lock_is_told_in_the_pages_language(client, ctx, language, text):
    user = make_user()
    path = f"/admin/login?lang={language}"
    for _ in range(ALLOWED):
        client.post_form(path, {"email": user.email, "password": "wrong"}, token_from=path)
    response = client.post_form(path, {"email": user.email, "password": PASSWORD}, path)
    assert response.status_code == 429
    assert text in response.get_data(as_text=True)


def test_a_right_password_clears_the_count(client, ctx):
    user = make_user()
    for _ in range(ALLOWED - 1):
        client.post_form("/admin/login", {"email": user.email, "password": "wrong"})
    assert (
        client.post_form("/admin/login", {"email": user.email, "password": PASSWORD}).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(FailedAttempts, f"staff:{user.email}") is None


def test_an_expired_window_starts_a_new_count(app, client, ctx):
    user = make_user()
    for _ in range(ALLOWED):
        client.post_form("/admin/login", {"email": user.email, "password": "wrong"})
    row = db.session.get(FailedAttempts, f"staff:{user.email}")
    row.window_start = row.window_start.replace(year=row.window_start.year - 1)
    db.session.commit()
    assert (
        client.post_form("/admin/login", {"email": user.email, "password": PASSWORD}).status_code
        == 303
    )


def sign_in(app, person):
    """A `prepare` callback: sign `person` into each parallel client."""
    identity = make_sign_in(person)

    def prepare(client):
        with client.session_transaction() as session:
            session["_user_id"] = identity
            session["_fresh"] = True

    return prepare


NEW = "Plum-orchard-seventy-9"


@pytest.mark.parametrize(
    ("maker", "path"),
    [(make_user, "/admin/profile"), (make_portal_contact, "/clients/profile")],
)
def test_the_current_password_check_locks_after_five_too(app, ctx, maker, path):
    person = maker()
    data = {"current_password": "wrong password", "password": NEW, "confirm": NEW}
    statuses = post_in_parallel(app, path + "/password", data, path, prepare=sign_in(app, person))
    assert statuses.count(422) == PARALLEL
    db.session.expire_all()
    kind = "staff" if maker is make_user else "contact"
    row = db.session.get(FailedAttempts, f"{kind}:{person.email}")
    assert row.count == PARALLEL
    # Even the right current password waits now, with the reason beside the field.
    client = app.test_client()
    sign_in(app, person)(client)
    right = {"current_password": PASSWORD, "password": NEW, "confirm": NEW}
    response = client.post_form(path + "/password", right, token_from=path)
    assert response.status_code == 422
    assert "Too many attempts. Try again in 15 minutes." in response.get_data(as_text=True)


def test_the_hourly_job_forgets_ended_windows(app, client, ctx):
    old, recent = make_user(), make_user()
    for user in (old, recent):
        client.post_form("/admin/login", {"email": user.email, "password": "wrong"})
    row = db.session.get(FailedAttempts, f"staff:{old.email}")
    row.window_start = row.window_start.replace(year=row.window_start.year - 1)
    db.session.commit()
    in_job_context(app, PERIODIC["forget_old_attempts"][1])()
    db.session.expire_all()
    assert db.session.scalars(select(FailedAttempts.key)).all() == [f"staff:{recent.email}"]
