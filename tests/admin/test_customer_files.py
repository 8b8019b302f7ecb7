"""A customer's Files tab: each accepted kind stored and served back as a download, files
checked by content (renamed programs, pages and macros refused beside the field, nothing
stored), the size cap, sharing and deleting logged, a double post stored once, scopes."""

import html
import io
import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivityLog, CustomerFile
from tests.factories import make_admin, make_customer, make_file, make_user
from tests.file_samples import ACCEPTED, EXE, HTML, PDF, odf, ooxml, xlsx
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers


def files_url(customer) -> str:
    return f"/admin/customers/{customer.id}/files"


def upload(client, customer, name, content, description="Signed terms", **more):
    url = files_url(customer)
    data = {"file": (io.BytesIO(content), name), "description": description, **more}
    return client.post_form(url, data, token_from=url, content_type="multipart/form-data",
                            headers={"HX-Request": "true"})  # fmt: skip


def count_files() -> int:
    return db.session.scalar(select(func.count()).select_from(CustomerFile))


@pytest.mark.parametrize(("name", "content", "content_type"), ACCEPTED,
                         ids=[name for name, _c, _t in ACCEPTED])  # fmt: skip
def test_each_accepted_kind_is_stored_and_downloaded(client, ctx, login_as, name, content,
                                                     content_type):  # fmt: skip
    login_as(make_admin(name="Claire Martin"))
    customer = make_customer()
    response = upload(client, customer, name, content, description="For the accountant")
    assert response.status_code == 204 or response.status_code == 303, response.status_code
    page = client.get(files_url(customer)).get_data(as_text=True)
    assert name in page and "For the accountant" in page and "Claire Martin" in page
    assert "Staff only" in page
    file = db.session.scalar(select(CustomerFile))
    download = client.get(f"{files_url(customer)}/{file.id}")
    assert download.status_code == 200 and download.data == content
    assert download.headers["Content-Type"] == content_type
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert name in download.headers["Content-Disposition"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]


REFUSED = [
    ("setup.pdf", EXE, "only PDF, images"),
    ("photo.png", EXE, "only PDF, images"),
    ("letter.docx", EXE, "only PDF, images"),
    ("setup.exe", EXE, "only PDF, images"),
    ("page.html", HTML, "only PDF, images"),
    ("page.txt", HTML, "only PDF, images"),
    ("page.csv", HTML, "only PDF, images"),
    ("slides.docx", ooxml("pptx"), "only PDF, images"),  # a presentation named as a letter
    ("sheet.odt", odf("ods"), "only PDF, images"),
    ("letter.docm", ooxml("docm"), "only PDF, images"),
    ("letter.docx", ooxml("docm"), "contains macros"),  # a .docm renamed
    ("prices.xlsx", xlsx(macros=True), "contains macros"),
    ("letter.odt", odf("odt", macros=True), "contains macros"),
    ("empty.pdf", b"", "is empty"),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSED,
                         ids=[f"{n}-{m}" for n, _c, m in REFUSED])  # fmt: skip
def test_files_not_what_they_say_are_refused_beside_the_field(client, ctx, login_as, name,
                                                              content, message):  # fmt: skip
    login_as(make_admin())
    customer = make_customer()
    response = upload(client, customer, name, content)
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert message in page and 'id="file-error"' in page
    assert count_files() == 0
    assert db.session.scalar(select(func.count()).select_from(ActivityLog)) == 0


def test_a_description_and_a_file_are_required(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    response = upload(client, customer, "terms.pdf", PDF, description="  ")
    assert response.status_code == 422 and "Describe the file." in response.get_data(as_text=True)
    url = files_url(customer)
    response = client.post_form(url, {"description": "No file"}, token_from=url,
                                content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 422 and "Choose a file." in response.get_data(as_text=True)
    assert count_files() == 0


def test_the_size_cap_is_said_in_the_form_and_in_the_refusal(app, client, ctx, login_as,
                                                              monkeypatch):  # fmt: skip
    # Under 500 KB: the test client spools larger bodies to a file it never closes.
    cap = 300 * 1024
    monkeypatch.setitem(app.config, "CUSTOMER_FILE_MAX_BYTES", cap)
    login_as(make_admin())
    customer = make_customer()
    assert "Up to 300 KB" in client.get(files_url(customer)).get_data(as_text=True)
    big = b"a,b\n" * (cap // 4) + b"\n"
    response = upload(client, customer, "big.csv", big)
    assert response.status_code == 422
    assert "big.csv is larger than 300 KB." in response.get_data(as_text=True)
    assert upload(client, customer, "fits.csv", big[:cap]).status_code == 204
    assert count_files() == 1
    monkeypatch.delitem(app.config, "CUSTOMER_FILE_MAX_BYTES")  # the default
    assert "Up to 10 MB" in client.get(files_url(customer)).get_data(as_text=True)


def test_sharing_and_deleting_are_logged_in_the_activity(client, ctx, login_as):
    login_as(make_admin(name="Claire Martin"))
    customer = make_customer()
    file = make_file(customer, filename="terms.pdf")
    url = files_url(customer)
    shared = client.post_form(f"{url}/{file.id}/share", {"shared": "1"}, token_from=url)
    assert shared.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "File shared with the customer." in page and "Staff and customer" in page
    again = client.post_form(f"{url}/{file.id}/share", {"shared": "1"}, token_from=url)
    assert again.status_code == 303  # a second click changes nothing and logs nothing
    client.post_form(f"{url}/{file.id}/share", {"shared": "0"}, token_from=url)
    assert client.post_form(f"{url}/{file.id}/delete", {}, token_from=url).status_code == 303
    assert count_files() == 0
    activity = client.get(f"/admin/customers/{customer.id}/activity").get_data(as_text=True)
    for words in ("added a staff-only file", "shared a file with the customer",
                  "made a shared file staff-only", "deleted a file"):  # fmt: skip
        assert words in html.unescape(activity), words
    actions = db.session.scalars(select(ActivityLog.action).order_by(ActivityLog.id)).all()
    assert actions == ["file.uploaded", "file.shared", "file.unshared", "file.deleted"]


def test_a_form_posted_twice_stores_the_file_once(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    form = client.get(files_url(customer)).get_data(as_text=True)
    key = re.search(r'name="form_key" type="hidden" value="([0-9a-f]{32})"', form)
    key = key or re.search(r'name="form_key"[^>]*value="([0-9a-f]{32})"', form)
    for _ in range(2):
        assert upload(client, customer, "terms.pdf", PDF, form_key=key.group(1)).status_code == 204
    assert count_files() == 1


def test_the_same_form_posted_at_once_stores_one_file(app, ctx):
    """Parallel requests (SQLite and PostgreSQL): a double click's two posts of one upload."""
    customer = make_customer()
    url, key = files_url(customer), "ab" * 16
    posts = [(url, {"description": "Terms", "form_key": key}) for _ in range(3)]
    browsers = _browsers(app, 3)
    for (_browser, _token), (_url, data) in zip(browsers, posts, strict=True):
        data["file"] = (io.BytesIO(PDF), "terms.pdf")
    results = _at_once(browsers, posts)
    assert [code for _u, code, _p in results] == [303, 303, 303]
    assert count_files() == 1
    assert db.session.scalar(select(func.count()).select_from(ActivityLog)) == 1


def test_sharing_at_once_is_logged_once(app, ctx):
    customer = make_customer()
    file = make_file(customer)
    url = f"{files_url(customer)}/{file.id}/share"
    results = _at_once(_browsers(app, 4), [(url, {"shared": "1"})] * 4)
    assert [code for _u, code, _p in results] == [303] * 4
    shared = select(func.count()).where(ActivityLog.action == "file.shared")
    assert db.session.scalar(shared.select_from(ActivityLog)) == 1


def test_another_customers_file_is_a_404(client, ctx, login_as):
    login_as(make_admin())
    mine, theirs = make_customer(), make_customer()
    file = make_file(theirs)
    base = f"{files_url(mine)}/{file.id}"
    assert client.get(base).status_code == 404
    for action in ("/share", "/delete"):
        response = client.post_form(base + action, {"shared": "1"}, token_from=files_url(mine))
        assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(CustomerFile, file.id).shared is False


def test_view_own_staff_see_only_their_customers_files(client, ctx, login_as):
    seller = make_user(role="sales")
    mine, theirs = make_customer(admins=[seller]), make_customer()
    make_file(mine, description="Mine to see")
    hidden = make_file(theirs, description="Not yours")
    login_as(seller)
    assert "Mine to see" in client.get(files_url(mine)).get_data(as_text=True)
    assert client.get(files_url(theirs)).status_code == 404
    assert client.get(f"{files_url(theirs)}/{hidden.id}").status_code == 404


def test_read_only_staff_download_but_cannot_change(client, ctx, login_as):
    reader = make_user(role=(("customers", "view_all"),))
    customer = make_customer()
    file = make_file(customer)
    login_as(reader)
    url = files_url(customer)
    page = client.get(url).get_data(as_text=True)
    assert "Our terms" in page and "Upload" not in page and "/share" not in page
    assert client.get(f"{url}/{file.id}").status_code == 200
    assert upload(client, customer, "terms.pdf", PDF).status_code == 403
    response = client.post_form(f"{url}/{file.id}/delete", {}, token_from=url)
    assert response.status_code == 403


def test_deleting_the_customer_deletes_its_files(client, ctx, login_as):
    login_as(make_admin())
    customer, other = make_customer(), make_customer()
    make_file(customer)
    kept = make_file(other)
    url = f"/admin/customers/{customer.id}/delete"
    assert client.post_form(url, {}, token_from=url).status_code == 303
    assert db.session.scalars(select(CustomerFile.id)).all() == [kept.id]
