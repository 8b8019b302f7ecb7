"""The import's pages, as staff use them: upload (a file that cannot be imported is refused
beside the field), map the columns, read the dry run, import with the real queue (immediate),
follow the progress, download the refused rows, undo."""

import io
import re

from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer, CustomerImport
from tests.factories import make_admin
from tests.imports.helpers import csv_bytes
from tests.imports.test_import_rows import ACME, BETA

BAD = ["Bad VAT", "FR00000000000", "FR", "", "", "", "", ""]


def _upload(client, content: bytes, name="customers.csv"):
    token = client.csrf_token("/admin/customers/imports")
    return client.post("/admin/customers/imports", data={
        "csrf_token": token, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data")  # fmt: skip


def _mapping_post(client, import_id, **overrides):
    page = client.get(f"/admin/customers/imports/{import_id}").get_data(as_text=True)
    data = {"csrf_token": client.csrf_token(f"/admin/customers/imports/{import_id}")}
    chosen = r'<select[^>]*name="(column_\d+)".*?<option selected value="([^"]*)"'
    for name, value in re.findall(chosen, page, re.S):
        data[name] = value
    data |= {"key": "vat_number", "date_format": "ymd_dash", "number_locale": "en",
             "permissions": ["invoices"]}  # fmt: skip
    data.update(overrides)
    return client.post(f"/admin/customers/imports/{import_id}", data=data)


def test_upload_map_check_import_and_undo(app, ctx, client, login_as, inbox):
    login_as(make_admin())
    assert "/admin/customers/imports" in client.get("/admin/customers").get_data(as_text=True)
    response = _upload(client, csv_bytes([ACME, BETA, BAD]))
    assert response.status_code == 303
    import_id = db.session.scalar(select(CustomerImport.id))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Acme SARL" in page and "Do not import" in page  # samples, and the choice
    response = _mapping_post(client, import_id)
    assert response.status_code == 303
    page = client.get(f"/admin/customers/imports/{import_id}").get_data(as_text=True)
    assert "nothing is written yet" in page
    assert re.search(r'data-count="created">2<', page) and re.search(
        r'data-count="refused">1<', page
    )
    assert "VAT: This VAT number is not valid" in page
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 0
    refused = client.get(f"/admin/customers/imports/{import_id}/refused.csv")
    assert refused.status_code == 200 and "attachment" in refused.headers["Content-Disposition"]
    assert "Bad VAT" in refused.get_data(as_text=True) and "Acme" not in refused.get_data(
        as_text=True
    )
    xlsx = client.get(f"/admin/customers/imports/{import_id}/refused.xlsx")
    assert xlsx.status_code == 200 and xlsx.data.startswith(b"PK")
    token = client.csrf_token(f"/admin/customers/imports/{import_id}")
    response = client.post(
        f"/admin/customers/imports/{import_id}/start", data={"csrf_token": token}
    )
    assert response.status_code == 303
    state = client.get(
        f"/admin/customers/imports/{import_id}/state", headers={"HX-Request": "true"}
    )
    text = state.get_data(as_text=True)
    assert "Undo import" in text and 'hx-trigger="every 1s"' not in text
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 2
    assert inbox.messages == []  # no welcome email unless asked
    listing = client.get("/admin/customers/imports").get_data(as_text=True)
    assert "customers.csv" in listing
    response = client.post(f"/admin/customers/imports/{import_id}/undo", data={"csrf_token": token})
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 0


def test_a_file_that_cannot_be_imported_is_refused_beside_the_field(
    app, ctx, client, login_as, monkeypatch
):
    login_as(make_admin())
    response = _upload(client, b"%PDF-1.7 not a table", "customers.pdf")
    assert response.status_code == 422
    assert 'class="error"' in response.get_data(as_text=True)
    response = _upload(client, b"")
    assert response.status_code == 422
    # Under 500 KB: the test client spools larger bodies to a file it never closes.
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 200 * 1024)
    assert "up to 0.2 MB" in client.get("/admin/customers/imports").get_data(as_text=True)
    response = _upload(client, csv_bytes([ACME] * 3000))
    assert response.status_code == 422
    assert "This file is larger than 0.2 MB." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(CustomerImport)) == 0


def test_a_mapping_without_the_key_column_is_refused_beside_it(app, ctx, client, login_as):
    login_as(make_admin())
    _upload(client, csv_bytes([ACME]))
    import_id = db.session.scalar(select(CustomerImport.id))
    response = _mapping_post(client, import_id, column_1="")
    assert response.status_code == 422
    assert "No column is mapped to this key" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(CustomerImport, import_id).status == "mapping"


def test_new_contacts_get_the_welcome_email_when_asked(app, ctx, client, login_as, inbox, queue):
    from tests.jobs.conftest import run_queued

    login_as(make_admin())
    _upload(client, csv_bytes([ACME]))
    import_id = db.session.scalar(select(CustomerImport.id))
    _mapping_post(client, import_id, welcome_email="y")
    assert run_queued(queue) == ["check_import_rows"]
    token = client.csrf_token(f"/admin/customers/imports/{import_id}")
    client.post(f"/admin/customers/imports/{import_id}/start", data={"csrf_token": token})
    page = client.get(f"/admin/customers/imports/{import_id}").get_data(as_text=True)
    assert 'hx-trigger="every 1s"' in page and "<progress" in page  # waiting for its worker
    assert run_queued(queue) == ["run_import", "deliver_message"]
    assert [m["To"] for m in inbox.messages] == ["ann@acme.fr"]


def test_the_customer_page_shows_its_external_id(app, ctx, client, login_as):
    from tests.imports.helpers import imported

    imported([ACME])
    login_as(make_admin())
    customer = db.session.scalar(select(Customer))
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert 'External ID: <span dir="ltr">A1</span>' in page
    activity = client.get(f"/admin/customers/{customer.id}/activity").get_data(as_text=True)
    assert "created the customer by importing a file" in activity and "customers.csv" in activity
