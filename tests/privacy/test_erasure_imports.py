"""Erasure covers customer imports: the erased contact's import changes are gone (Undo leaves
them and the import's page says so), every uploaded file quoting her email is dropped (filename
and counts kept, the refused rows no longer downloadable, a dry-run import cannot start), files
of other people stay; her name, email and phone are then found nowhere, binary columns included.
While an import reads a file that names her, her erasure waits for its end."""

import hashlib
import io
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import Contact, Customer, CustomerImport, ImportChange
from app.services import ValidationError
from app.services.imports.runs import check_import, new_import, start_import
from app.services.imports.service import save_mapping
from tests.factories import make_admin, make_contact, make_customer
from tests.imports.helpers import HEADER, MAPPING, imported
from tests.privacy.helpers import found_everywhere
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

NAME, EMAIL, PHONE = "Claire Martin", "claire@boulangerie.example", "+33612345678"
CLAIRE = ["Boulangerie Martin", "FR40303265045", "FR", PHONE, "Claire", "Martin", EMAIL, "C1"]
BETA = ["Beta GmbH", "DE136695976", "DE", "", "Bob", "Roe", "bob@beta.de", "B1"]
BAD = ["Gamma", "FR00000000000", "FR", "", "Gil", "Ray", "not-an-email", "G1"]


def xlsx_import(rows, check=True) -> int:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    content = out.getvalue()
    imp = new_import(None, "customers.xlsx", content, hashlib.sha256(content).hexdigest())
    imp.mapping, imp.options = list(MAPPING), {**imp.options, "key": "vat_number"}
    db.session.commit()
    if check:
        check_import(imp.id)
    return imp.id


def _erase(client, contact):
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/erase"
    assert client.post_form(url, token_from=url).status_code == 303
    db.session.expire_all()


def test_an_erased_contact_leaves_nothing_in_imports(client, ctx, login_as):
    first = imported([CLAIRE, BETA, BAD])  # created her, with a refused row
    assert first.refused == 1
    others = xlsx_import([BETA])  # a file without her: kept
    waiting = xlsx_import([CLAIRE])  # her in an XLSX, dry run only
    claire = db.session.scalars(select(Contact).where(Contact.email == EMAIL)).one()
    assert {("imports", "content", (first.id,)), ("imports", "content", (waiting,))} <= (
        found_everywhere(EMAIL)
    )
    others_file = db.session.get(CustomerImport, others).content
    login_as(make_admin())
    _erase(client, claire)

    assert found_everywhere(NAME, EMAIL) == set()  # (the phone column is the company's: kept)
    changes = db.session.scalars(select(ImportChange).where(ImportChange.import_id == first.id))
    assert {c.contact_id for c in changes} == {None, bob_id()}  # her change is gone, Bob's kept
    kept = db.session.get(CustomerImport, first.id)
    assert kept.content == b"" and kept.filename == "customers.csv"
    assert (kept.created, kept.refused) == (2, 1)
    assert db.session.get(CustomerImport, others).content == others_file

    page = client.get(f"/admin/customers/imports/{first.id}").get_data(as_text=True)
    assert "1 record of this import was erased since (personal data)" in page
    assert "The uploaded file is no longer kept" in page
    assert "Download refused rows" not in page
    download = client.get(f"/admin/customers/imports/{first.id}/refused.csv")
    assert download.status_code == 302
    assert "The uploaded file is no longer kept" in client.get(
        download.headers["Location"]).get_data(as_text=True)  # fmt: skip

    start = f"/admin/customers/imports/{waiting}/start"
    back = client.post_form(start, token_from=f"/admin/customers/imports/{waiting}")
    assert "Upload the file again" in client.get(back.headers["Location"]).get_data(as_text=True)
    assert db.session.get(CustomerImport, waiting).status == "checked"

    undo = f"/admin/customers/imports/{first.id}/undo"
    assert client.post_form(undo, token_from=undo.rsplit("/", 1)[0]).status_code == 303
    db.session.expire_all()
    # Bob's customer is undone; her customer stays (its erased contact is no longer the import's)
    companies = set(db.session.scalars(select(Customer.company)))
    assert "Beta GmbH" not in companies and "Boulangerie Martin" in companies
    assert db.session.get(CustomerImport, first.id).status == "undone"
    assert db.session.get(Contact, claire.id).email == f"erased-{claire.id}@invalid"


def bob_id() -> int:
    return db.session.scalar(select(Contact.id).where(Contact.email == "bob@beta.de"))


def test_erasing_a_customer_drops_its_changes_and_files(client, ctx, login_as):
    first = imported([CLAIRE, BETA])
    claire = db.session.scalars(select(Contact).where(Contact.email == EMAIL)).one()
    customer_id = claire.customer_id
    login_as(make_admin())
    url = f"/admin/customers/{customer_id}/erase"
    assert client.post_form(url, token_from=url).status_code == 303
    db.session.expire_all()
    assert found_everywhere(NAME, EMAIL, PHONE, "Boulangerie Martin") == set()
    left = db.session.scalar(select(func.count()).select_from(ImportChange).where(
        ImportChange.customer_id == customer_id))  # fmt: skip
    assert left == 0
    page = client.get(f"/admin/customers/imports/{first.id}").get_data(as_text=True)
    assert "2 records of this import were erased since (personal data)" in page


def test_a_dropped_file_cannot_be_mapped(client, ctx, login_as):
    mapped = xlsx_import([CLAIRE], check=False)
    claire = make_contact(make_customer(company="Boulangerie Martin"), first_name="Claire",
                          last_name="Martin", email=EMAIL)  # fmt: skip
    login_as(make_admin())
    _erase(client, claire)
    dropped = db.session.get(CustomerImport, mapped)
    assert dropped.content == b"" and dropped.options["file_erased"]
    page = f"/admin/customers/imports/{mapped}"
    html = client.get(page).get_data(as_text=True)
    assert "The uploaded file is no longer kept" in html and 'name="column_0"' not in html
    with pytest.raises(ValidationError) as refused:
        save_mapping(dropped, list(MAPPING), {"key": "vat_number"})
    assert "Upload the file again" in refused.value.message
    db.session.rollback()
    assert db.session.get(CustomerImport, mapped).status == "mapping"


@pytest.mark.parametrize("status", ["checking", "running"])
def test_an_erasure_waits_for_the_end_of_an_import_reading_her(client, ctx, login_as, status):
    """Its worker holds the file and would write her back: the erasure is refused, saying why,
    and writes nothing; an import of other people does not hold it up; once the import has
    ended, the erasure goes through and drops the file."""
    reading = xlsx_import([CLAIRE, BETA], check=False)
    others = xlsx_import([BETA], check=False)
    claire = make_contact(make_customer(company="Boulangerie Martin"), first_name="Claire",
                          last_name="Martin", email=EMAIL)  # fmt: skip
    for import_id in (reading, others):
        db.session.get(CustomerImport, import_id).status = status
    db.session.commit()
    login_as(make_admin())
    url = f"/admin/customers/{claire.customer_id}/contacts/{claire.id}/erase"
    answer = client.post_form(url, token_from=url)
    assert answer.status_code == 303
    shown = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "An import is reading a file that names this person" in shown
    db.session.expire_all()
    assert db.session.get(Contact, claire.id).email == EMAIL
    assert EMAIL.encode() in unzipped(db.session.get(CustomerImport, reading).content)

    db.session.get(CustomerImport, reading).status = "done"
    db.session.commit()
    _erase(client, claire)
    assert db.session.get(Contact, claire.id).email != EMAIL
    assert db.session.get(CustomerImport, reading).content == b""


def test_an_import_whose_file_an_erasure_dropped_meanwhile_does_not_start(app, ctx):
    imp = db.session.get(CustomerImport, xlsx_import([CLAIRE]))
    assert imp.status == "checked"
    db.session.execute(  # an erasure in another request, after this one read the import
        update(CustomerImport).where(CustomerImport.id == imp.id)
        .values(content=b"", options={**imp.options, "file_erased": True})
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        start_import(imp)
    assert "Upload the file again" in refused.value.message
    db.session.rollback()
    assert db.session.get(CustomerImport, imp.id).status == "checked"


def unzipped(content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return b"".join(archive.read(item) for item in archive.infolist())


@pytest.mark.parametrize("which", ["renaming", "creating"])
def test_an_erasure_and_an_undo_at_once_leave_her_nowhere(app, ctx, which):
    """Undo would put back the values an import replaced, hers among them: with both at once,
    the erasure waits for the Undo (or the Undo for the erasure), never a 500, never her back."""
    first = imported([CLAIRE])
    renamed = list(CLAIRE)
    renamed[5] = "Martin-Durand"
    second = imported([renamed]) if which == "renaming" else first
    claire = db.session.scalars(select(Contact).where(Contact.email == EMAIL)).one()
    claire_id = claire.id
    erase = f"/admin/customers/{claire.customer_id}/contacts/{claire_id}/erase"
    undo = f"/admin/customers/imports/{second.id}/undo"
    results = _at_once(_browsers(app, 2), [(erase, {}), (undo, {})])
    assert all(status in (303, 404) for _url, status, _page in results), results
    db.session.expire_all()
    if which == "renaming" or db.session.get(Contact, claire_id) is not None:
        assert found_everywhere(NAME, EMAIL, "Martin-Durand") == set()
    else:  # Undo deleted her first (the erasure is a 404): only the undone import's file is left
        assert {table for table, _column, _key in found_everywhere(NAME, EMAIL)} <= {"imports"}
