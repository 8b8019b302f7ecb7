"""Customer notes: written, pinned first, edited with the earlier text kept, an edit made on an
older version refused (never lost), sanitised, staff-only, and scoped like their customer."""

import html

from sqlalchemy import func, select

from app.extensions import db
from app.models import CustomerNote, NoteVersion
from tests.factories import make_admin, make_contact, make_customer, make_note, make_user
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers


def notes_url(customer) -> str:
    return f"/admin/customers/{customer.id}/notes"


def test_a_note_is_written_and_listed_with_its_author(client, ctx, login_as):
    me = make_admin(name="Claire Martin")
    login_as(me)
    customer = make_customer(company="Boulangerie Martin")
    url = notes_url(customer)
    response = client.post_form(url, {"body": "<p>Call <b>before 10</b></p>"}, token_from=url)
    assert response.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Call <b>before 10</b>" in page and "Claire Martin" in page and "Note added." in page
    note = db.session.scalar(select(CustomerNote))
    assert note.author_id == me.id and note.customer_id == customer.id


def test_pinned_notes_come_first(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    make_note(customer, body="<p>Oldest, pinned</p>", pinned=True)
    make_note(customer, body="<p>Newer</p>")
    latest = make_note(customer, body="<p>Newest</p>")
    page = client.get(notes_url(customer)).get_data(as_text=True)
    assert page.index("Oldest, pinned") < page.index("Newest") < page.index("Newer")
    url = f"{notes_url(customer)}/{latest.id}/pin"
    assert client.post_form(url, {"pinned": "1"}, token_from=notes_url(customer)).status_code == 303
    page = client.get(notes_url(customer)).get_data(as_text=True)
    assert page.index("Newest") < page.index("Oldest, pinned") < page.index("Newer")


def test_bad_notes_are_refused_beside_the_field_and_nothing_is_written(client, ctx, login_as):
    login_as(make_admin())
    customer, other = make_customer(), make_customer()
    stranger = make_contact(other, first_name="Otto")
    url = notes_url(customer)
    for data, message in (
        ({"body": "   "}, "Write the note."),
        ({"body": "<p> </p><script>alert(1)</script>"}, "Write the note."),
        ({"body": "x" * 20_001}, "Use at most 20000 characters."),
        ({"body": "<p>Hi</p>", "contact_id": str(stranger.id)}, "this customer's contacts"),
    ):
        response = client.post_form(url, data, token_from=url, headers={"HX-Request": "true"})
        assert response.status_code == 422, data
        assert message in html.unescape(response.get_data(as_text=True))
    assert db.session.scalar(select(func.count()).select_from(CustomerNote)) == 0


def test_markup_is_sanitised(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    url = notes_url(customer)
    body = '<p onclick="x()">Hello <a href="javascript:alert(1)">link</a><script>bad()</script></p>'
    client.post_form(url, {"body": body}, token_from=url)
    stored = db.session.scalar(select(CustomerNote.body))
    assert "script" not in stored and "onclick" not in stored and "javascript" not in stored
    assert "Hello" in stored


def test_an_edit_keeps_the_earlier_text(client, ctx, login_as):
    login_as(make_admin(name="Editor"))
    customer = make_customer()
    note = make_note(customer, body="<p>First text</p>", author=make_user(name="Author"))
    url = f"{notes_url(customer)}/{note.id}"
    form = client.get(url).get_data(as_text=True)
    assert "First text" in form and "This note has not been edited." in form
    saved = client.post_form(url, {"body": "<p>Second text</p>", "version": "1"}, token_from=url)
    assert saved.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Second text" in page and "First text" in page and "Author" in page
    [old] = db.session.scalars(select(NoteVersion)).all()
    assert old.body == "<p>First text</p>" and old.version == 1
    listed = client.get(notes_url(customer)).get_data(as_text=True)
    assert "Edited" in listed and "Second text" in listed and "First text" not in listed


def test_an_edit_on_an_older_version_is_refused_not_lost(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    note = make_note(customer, body="<p>Original</p>")
    url = f"{notes_url(customer)}/{note.id}"
    first = client.post_form(url, {"body": "<p>Mine</p>", "version": "1"}, token_from=url)
    late = client.post_form(url, {"body": "<p>Theirs</p>", "version": "1"}, token_from=url)
    assert first.status_code == 303 and late.status_code == 422
    assert "Someone saved this note after you opened it" in late.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(CustomerNote, note.id).body == "<p>Mine</p>"
    assert db.session.scalar(select(func.count()).select_from(NoteVersion)) == 1


def test_two_edits_at_once_keep_one_and_refuse_the_other(app, ctx):
    """Parallel requests (SQLite and PostgreSQL): four staff opened version 1 and save at the
    same moment; one is saved, three are refused, and the history holds the original once."""
    customer = make_customer()
    note = make_note(customer, body="<p>Original</p>")
    url = f"{notes_url(customer)}/{note.id}"
    posts = [(url, {"body": f"<p>Edit {n}</p>", "version": "1"}) for n in range(4)]
    results = _at_once(_browsers(app, 4), posts)
    assert sorted(code for _url, code, _page in results) == [303, 422, 422, 422]
    db.session.expire_all()
    saved = db.session.get(CustomerNote, note.id)
    assert saved.version == 2 and saved.body in {f"<p>Edit {n}</p>" for n in range(4)}
    assert db.session.scalars(select(NoteVersion.body)).all() == ["<p>Original</p>"]


def test_notes_about_a_contact_show_on_its_page(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    anna, ben = make_contact(customer, first_name="Anna"), make_contact(customer, first_name="Ben")
    make_note(customer, anna, body="<p>Anna prefers email</p>")
    make_note(customer, body="<p>About the company</p>")
    page = client.get(f"/admin/customers/{customer.id}/contacts/{anna.id}").get_data(as_text=True)
    assert "Anna prefers email" in page and "About the company" not in page
    other = client.get(f"/admin/customers/{customer.id}/contacts/{ben.id}").get_data(as_text=True)
    assert "Anna prefers email" not in other and "No notes about this contact yet." in other


def test_another_customers_note_is_a_404(client, ctx, login_as):
    login_as(make_admin())
    mine, theirs = make_customer(), make_customer()
    note = make_note(theirs, body="<p>Secret</p>")
    base = f"{notes_url(mine)}/{note.id}"
    assert client.get(base).status_code == 404
    for action in ("", "/pin", "/delete"):
        response = client.post_form(base + action, {"body": "x", "pinned": "1"},
                                    token_from=notes_url(mine))  # fmt: skip
        assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(CustomerNote, note.id).body == "<p>Secret</p>"


def test_view_own_staff_see_only_their_customers_notes(client, ctx, login_as):
    seller = make_user(role="sales")
    mine = make_customer(admins=[seller])
    theirs = make_customer()
    make_note(mine, body="<p>Mine</p>")
    hidden = make_note(theirs, body="<p>Not yours</p>")
    login_as(seller)
    assert "Mine" in client.get(notes_url(mine)).get_data(as_text=True)
    assert client.get(notes_url(theirs)).status_code == 404
    assert client.get(f"{notes_url(theirs)}/{hidden.id}").status_code == 404


def test_read_only_staff_see_notes_but_cannot_write(client, ctx, login_as):
    reader = make_user(role=(("customers", "view_all"),))
    customer = make_customer()
    note = make_note(customer, body="<p>Readable</p>")
    login_as(reader)
    page = client.get(notes_url(customer)).get_data(as_text=True)
    assert "Readable" in page and "Add note" not in page and "/pin" not in page
    url = notes_url(customer)
    assert client.post_form(url, {"body": "<p>No</p>"}, token_from=url).status_code == 403
    pin = client.post_form(f"{url}/{note.id}/pin", {"pinned": "1"}, token_from=url)
    assert pin.status_code == 403


def test_deleting_a_note_takes_its_history(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    note = make_note(customer, body="<p>One</p>")
    url = f"{notes_url(customer)}/{note.id}"
    client.post_form(url, {"body": "<p>Two</p>", "version": "1"}, token_from=url)
    assert client.post_form(f"{url}/delete", {}, token_from=notes_url(customer)).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(CustomerNote)) == 0
    assert db.session.scalar(select(func.count()).select_from(NoteVersion)) == 0
