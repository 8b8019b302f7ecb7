"""One import writes at a time: a second one started meanwhile (or at the same moment, from
another request) is refused with a message, and nothing of it is written."""

import threading

import pytest

from app.extensions import db
from app.models import CustomerImport
from app.services import ValidationError
from app.services.imports.runs import run_import, start_import
from tests.imports.helpers import checked, uploaded
from tests.imports.test_import_rows import ACME, BETA


def test_a_second_import_is_refused_while_one_runs(app, ctx):
    first, second = uploaded([ACME]), uploaded([BETA])
    start_import(checked(first))
    db.session.commit()
    with pytest.raises(ValidationError, match="Another import is running"):
        start_import(checked(second))
    db.session.rollback()
    run_import(first)
    start_import(db.session.get(CustomerImport, second))  # the first is done: the second may
    db.session.commit()


def test_two_imports_started_at_the_same_moment_one_runs(app, ctx):
    ids = [uploaded([ACME]), uploaded([BETA])]
    for import_id in ids:
        checked(import_id)
    db.session.remove()
    barrier, results = threading.Barrier(2), []

    def start(import_id):
        with app.app_context():
            imp = db.session.get(CustomerImport, import_id)
            barrier.wait(10)
            try:
                start_import(imp)
                db.session.commit()
                results.append("started")
            except ValidationError as exc:
                db.session.rollback()
                results.append(exc.message)

    threads = [threading.Thread(target=start, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["Another import is running: wait until it ends.", "started"]
    statuses = sorted(db.session.get(CustomerImport, i).status for i in ids)
    assert statuses == ["checked", "running"]
