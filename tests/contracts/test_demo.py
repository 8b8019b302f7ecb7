"""`flask demo` adds a few contracts, once."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Contract, ContractType


def test_demo_adds_contracts_once(app, ctx):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo"]).exit_code == 0
    statuses = sorted(db.session.scalars(select(Contract.status)))
    assert statuses == ["draft", "sent", "signed"]
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Contract)) == 3
    assert db.session.scalar(select(func.count()).select_from(ContractType)) == 3
