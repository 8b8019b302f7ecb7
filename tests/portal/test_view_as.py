"""Admins open the portal as a contact: a banner, an activity entry, one click back."""

from sqlalchemy import select

from app.extensions import db
from app.models import ActivityLog
from tests.factories import make_admin, make_contact, make_customer, make_user


def view_as(client, contact):
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/view-as"
    return client.post_form(url, {}, token_from="/admin/")


def test_admin_views_the_portal_as_a_contact_and_comes_back(client, ctx, login_as):
    admin = make_admin(name="Alex Admin")
    contact = make_contact(make_customer(company="Acme"), first_name="Claire")
    login_as(admin)
    contacts_tab = client.get(f"/admin/customers/{contact.customer_id}/contacts")
    assert "View portal as" in contacts_tab.get_data(as_text=True)
    response = view_as(client, contact)
    assert response.status_code == 303 and response.headers["Location"] == "/clients/"
    page = client.get("/clients/").get_data(as_text=True)
    assert "You are viewing the client portal as Claire" in page and "Acme" in page
    entry = db.session.scalars(select(ActivityLog)).one()
    assert entry.action == "contact.impersonated" and entry.user_id == admin.id
    assert client.get("/admin/").status_code == 302  # the staff session is set aside meanwhile
    token = client.csrf_token("/clients/")
    back = client.post("/clients/end-view-as", data={"csrf_token": token})
    assert back.status_code == 303
    assert back.headers["Location"] == f"/admin/customers/{contact.customer_id}/contacts"
    assert client.get("/admin/").status_code == 200
    assert client.get("/clients/").status_code == 302


def test_other_staff_may_not_view_as(client, ctx, login_as):
    contact = make_contact()
    login_as(make_user())
    assert view_as(client, contact).status_code == 403
    assert "View portal as" not in client.get(
        f"/admin/customers/{contact.customer_id}/contacts"
    ).get_data(as_text=True)


def test_a_contact_cannot_fake_the_way_back(client, ctx, login_as):
    contact = make_contact()
    login_as(contact)
    token = client.csrf_token("/clients/")
    response = client.post("/clients/end-view-as", data={"csrf_token": token})
    assert response.headers["Location"] == "/admin/login"
    assert client.get("/admin/").status_code == 302


def test_view_as_another_customers_contact_id_is_a_404(client, ctx, login_as):
    login_as(make_admin())
    mine, theirs = make_customer(), make_contact()
    url = f"/admin/customers/{mine.id}/contacts/{theirs.id}/view-as"
    assert client.post_form(url, {}, token_from="/admin/").status_code == 404


def test_viewing_as_is_read_only(client, ctx, login_as):
    from app.models import Contact, Document
    from tests.factories import make_document

    contact = make_contact(make_customer(company="Acme"), first_name="Claire")
    estimate = make_document(contact.customer, kind="estimate", status="sent")
    login_as(make_admin())
    view_as(client, contact)
    url = f"/clients/estimates/{estimate.id}"
    page = client.get(url).get_data(as_text=True)
    assert '<fieldset class="view-as-content" disabled>' in page  # the buttons are off too
    assert page.index("view-as-content") < page.index("Accept the estimate")
    token = client.csrf_token(url)
    answer = client.post(f"{url}/answer", data={"csrf_token": token, "answer": "accept"},
                         headers={"Referer": f"http://localhost{url}"})  # fmt: skip
    assert answer.status_code == 303 and answer.headers["Location"] == url
    assert "nothing can be changed" in client.get(url).get_data(as_text=True)
    profile = client.post(
        "/clients/profile",
        data={"csrf_token": token, "first_name": "Mallory", "last_name": "X"},
        headers={"HX-Request": "true", "Referer": "https://evil.example/clients/x"},
    )
    assert profile.status_code == 204 and profile.headers["HX-Redirect"] == "/clients/"
    db.session.expire_all()
    assert db.session.get(Document, estimate.id).status == "sent"
    assert db.session.get(Contact, contact.id).first_name == "Claire"
    back = client.post("/clients/end-view-as", data={"csrf_token": token})
    assert back.status_code == 303  # leaving still works


def test_view_as_cannot_bring_back_a_staff_session_that_ended(client, ctx, login_as):
    admin = make_admin()
    contact = make_contact()
    login_as(admin)
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/view-as"
    client.post_form(url, {}, token_from="/admin/")
    token = client.csrf_token("/clients/")
    admin.set_password("a completely new password")  # e.g. a reset: every session ends
    db.session.commit()
    # The view runs on the staff member's session: it ended with it.
    assert client.get("/clients/").headers["Location"].startswith("/clients/login")
    back = client.post("/clients/end-view-as", data={"csrf_token": token})
    assert back.headers["Location"].startswith(("/admin/login", "/clients/login"))
    assert client.get("/admin/").status_code == 302
