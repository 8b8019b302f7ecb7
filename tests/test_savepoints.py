"""A savepoint is part of its transaction on both databases: rolling the transaction back
undoes what the savepoint wrote, even when it was the transaction's first write (on SQLite a
bare SAVEPOINT would open the transaction itself and its release would commit at once)."""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import ContractType
from app.services.locks import savepoint


def names() -> list[str]:
    return sorted(db.session.scalars(select(ContractType.name)))


def test_a_first_write_in_a_savepoint_is_undone_with_its_transaction(app, ctx):
    with savepoint():
        db.session.add(ContractType(name="Maintenance"))
    db.session.rollback()
    assert names() == []


def test_a_savepoint_after_a_write_is_undone_with_it_too(app, ctx):
    db.session.add(ContractType(name="Support"))
    db.session.flush()
    with savepoint():
        db.session.add(ContractType(name="Hosting"))
    db.session.rollback()
    assert names() == []


def test_a_refused_savepoint_keeps_the_transaction_and_its_earlier_writes(app, ctx):
    with savepoint():
        db.session.add(ContractType(name="Support"))
    with pytest.raises(IntegrityError), savepoint():
        db.session.add(ContractType(name="Support"))
    db.session.add(ContractType(name="Hosting"))
    db.session.commit()
    assert names() == ["Hosting", "Support"]
    assert db.session.scalar(select(func.count()).select_from(ContractType)) == 2


def test_every_savepoint_of_the_app_goes_through_locks_savepoint():
    app_dir = Path(__file__).resolve().parents[1] / "app"
    bare = [str(path.relative_to(app_dir)) for path in app_dir.rglob("*.py")
            if "begin_nested(" in path.read_text() and path.name != "locks.py"]  # fmt: skip
    assert bare == []
