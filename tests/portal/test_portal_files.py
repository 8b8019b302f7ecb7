"""Files in the client portal: a contact with Files lists and downloads the files shared with
their customer; a staff-only or another customer's file is a 404, a contact without Files gets
403; contacts that existed before Files came have it off."""

from sqlalchemy import select, text

from app.extensions import db
from app.models import Contact
from tests.factories import make_admin, make_contact, make_customer, make_file
from tests.file_samples import PDF


def test_a_contact_lists_and_downloads_the_shared_files(client, ctx, login_as):
    customer = make_customer()
    shared = make_file(customer, filename="terms.pdf", description="Signed terms", shared=True)
    make_file(customer, filename="internal.pdf", description="Our margin notes")
    login_as(make_contact(customer, perm_files=True))
    home = client.get("/clients/").get_data(as_text=True)
    assert 'href="/clients/files"' in home
    page = client.get("/clients/files").get_data(as_text=True)
    assert "terms.pdf" in page and "Signed terms" in page
    assert "internal.pdf" not in page and "Our margin notes" not in page
    assert "File uploader" not in page and "Share with" not in page  # staff-only details
    download = client.get(f"/clients/files/{shared.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_a_staff_only_file_is_a_404_in_the_portal(client, ctx, login_as):
    customer = make_customer()
    hidden = make_file(customer, shared=False)
    login_as(make_contact(customer, perm_files=True))
    assert client.get(f"/clients/files/{hidden.id}").status_code == 404


def test_another_customers_file_is_a_404(client, ctx, login_as):
    theirs = make_file(make_customer(), shared=True)
    login_as(make_contact(make_customer(), perm_files=True))
    assert client.get(f"/clients/files/{theirs.id}").status_code == 404
    assert "No files yet." in client.get("/clients/files").get_data(as_text=True)


def test_a_contact_without_files_gets_403(client, ctx, login_as):
    customer = make_customer()
    file = make_file(customer, shared=True)
    login_as(make_contact(customer, perm_files=False))
    assert client.get("/clients/files").status_code == 403
    assert client.get(f"/clients/files/{file.id}").status_code == 403
    assert 'href="/clients/files"' not in client.get("/clients/").get_data(as_text=True)


def test_contacts_stored_before_files_came_do_not_have_it(ctx):
    """The column's server default (what the migration gives every existing contact) is off."""
    customer = make_customer()
    insert_without_files = text(
        "INSERT INTO contacts (customer_id, first_name, last_name, email, is_primary, active, "
        "session_token, perm_invoices, perm_estimates, perm_contracts, perm_proposals, "
        "perm_support, perm_projects, created_at) VALUES (:customer_id, 'Old', 'Contact', "
        "'old@example.com', :no, :yes, :token, :yes, :yes, :yes, :yes, :yes, :yes, :created_at)"
    )
    db.session.execute(insert_without_files, {"customer_id": customer.id, "no": False,
                                              "yes": True, "token": "x" * 32,
                                              "created_at": customer.created_at})  # fmt: skip
    db.session.commit()
    old = db.session.scalar(select(Contact).where(Contact.email == "old@example.com"))
    assert old.perm_files is False and not old.may_use("files")


def test_staff_switch_the_files_permission_on_a_contact(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    contact = make_contact(customer, perm_files=False)
    url = f"/admin/customers/{customer.id}/contacts/{contact.id}"
    form = client.get(url).get_data(as_text=True)
    assert 'name="perm_files"' in form and "Download the files shared with the customer." in form
    data = {"first_name": contact.first_name, "last_name": contact.last_name,
            "email": contact.email, "perm_files": "y"}  # fmt: skip
    assert client.post_form(url, data, token_from=url).status_code == 303
    db.session.expire_all()
    assert db.session.get(Contact, contact.id).perm_files is True
