"""Undo import: what it created goes, what it changed comes back, and a customer someone touched
since stays as it is (the import says which)."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Contact, Customer, CustomerImport
from app.services import ValidationError
from app.services.imports.undo import undo_import
from tests.factories import make_admin
from tests.imports.helpers import imported
from tests.imports.test_import_rows import ACME, BETA


def _undo(imp):
    admin = make_admin()
    kept = undo_import(db.session.get(CustomerImport, imp.id), admin)
    db.session.commit()
    db.session.expire_all()
    return kept


def test_undo_deletes_what_it_created_and_restores_what_it_changed(app, ctx):
    imported([ACME])
    changed = ["Acme Group", "FR40303265045", "", "", "Zoe", "Lee", "zoe@acme.fr", "A2"]
    second = imported([changed, BETA])
    assert (second.created, second.updated) == (1, 1)
    assert _undo(second) == []
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 1
    acme = db.session.scalar(select(Customer))
    assert (acme.company, acme.external_id) == ("Acme SARL", "A1")
    assert [c.email for c in acme.contacts] == ["ann@acme.fr"]
    undone = db.session.get(CustomerImport, second.id)
    assert undone.status == "undone" and undone.undone_at is not None and undone.writing is None
    try:
        _undo(undone)
        raise AssertionError("undone twice")
    except ValidationError:
        db.session.rollback()


def test_undo_leaves_a_customer_someone_changed_since_and_says_which(app, ctx):
    imp = imported([ACME, BETA])
    beta = db.session.scalar(select(Customer).where(Customer.company == "Beta GmbH"))
    beta.website = "https://beta.example"  # a colleague's edit: its version moves
    db.session.commit()
    kept = _undo(imp)
    assert kept == [[beta.id, "Beta GmbH"]]
    assert [c.company for c in db.session.scalars(select(Customer))] == ["Beta GmbH"]
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 1
    assert db.session.get(CustomerImport, imp.id).undo_kept == [[beta.id, "Beta GmbH"]]
