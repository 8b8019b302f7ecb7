"""PostgreSQL going away between the answer and the end of the request (found by
bench/load_faults.py stopping the database under load): the visitor gets the answer that was
made, not a bare 500 from gunicorn, and the next request works on a fresh connection."""

import os

import pytest
from sqlalchemy import create_engine, text

from app import create_app
from app.config import config_for_tests
from app.extensions import db

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="PostgreSQL only: it can end a connection from outside",
)


def test_a_connection_ended_after_the_answer_still_delivers_it(app, smtp, tmp_path):
    url = os.environ["TEST_DATABASE_URL"]
    own = create_app(
        {**config_for_tests(url, smtp.port), "INSTANCE_PATH": str(tmp_path), "TESTING": False}
    )
    other = create_engine(url)

    @own.after_request
    def end_my_connection(response):  # what `pg_ctl stop -m fast` does to every connection
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        with other.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return response

    client = own.test_client()
    answer = client.get("/clients/login")
    assert answer.status_code == 200
    assert b'name="password"' in answer.data
    own.after_request_funcs[None].remove(end_my_connection)
    assert client.get("/clients/login").status_code == 200  # a fresh connection
    with own.app_context():
        db.engine.dispose()
    other.dispose()
