"""A customer's notes: its Notes tab (write, pin, edit, delete) and each note's earlier texts."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import get_customer
from app.blueprints.posting import run_action, saved_form
from app.forms.notes import NoteForm
from app.htmx import form_status, render
from app.models import Customer, CustomerNote
from app.parsing import parse_id
from app.services.customers.notes import (
    add_note,
    delete_note,
    edit_note,
    note_versions,
    set_pinned,
)
from app.services.customers.notes import customer_notes as notes_of
from app.services.lists import paginate
from app.services.scope import scope_of


def get_note(customer_id: int, note_id: int) -> CustomerNote:
    """The note of this customer, or 404 (another customer's note is a 404 too)."""
    return scope_of(current_user).of_customer_or_404(CustomerNote, customer_id, note_id)


def _notes_url(customer_id: int) -> str:
    return url_for("admin.customer_notes", customer_id=customer_id)


def _contacts(customer: Customer) -> list:
    return sorted(customer.contacts, key=lambda c: (not c.is_primary, c.full_name.casefold()))


@bp.route("/customers/<int:customer_id>/notes", methods=["GET", "POST"])
def customer_notes(customer_id: int):
    customer = get_customer(customer_id)
    form = NoteForm(_contacts(customer))
    me = current_user._get_current_object()
    done = saved_form(
        form,
        lambda: add_note(customer, form.body.data, parse_id(form.contact_id.data),
                         form.pinned.data, me),
        _("Note added."),
        _notes_url(customer.id),
    )  # fmt: skip
    if done:
        return done
    page = paginate(notes_of(customer.id, scope_of(current_user)), request.args, "customer_tab")
    return render("admin/customers/notes.html", block="form" if form.errors else "results",
                  status=form_status(form), form=form, page=page,
                  **customer_header(customer, "notes"))  # fmt: skip


@bp.route("/customers/<int:customer_id>/notes/<int:note_id>", methods=["GET", "POST"])
def customer_note_edit(customer_id: int, note_id: int):
    note = get_note(customer_id, note_id)
    customer = note.customer
    form = NoteForm(_contacts(customer), obj=None if request.method == "POST" else note)
    if request.method == "GET":
        form.contact_id.data = str(note.contact_id or "")
    done = saved_form(
        form,
        lambda: edit_note(note, form.body.data, parse_id(form.contact_id.data),
                          parse_id(form.version.data), current_user._get_current_object()),
        _("Note saved."),
        _notes_url(customer.id),
    )  # fmt: skip
    return done or render("admin/customers/note.html", block="form", status=form_status(form),
                          form=form, note=note, versions=note_versions(note),
                          **customer_header(customer, "notes"))  # fmt: skip


@bp.post("/customers/<int:customer_id>/notes/<int:note_id>/pin")
def customer_note_pin(customer_id: int, note_id: int):
    note = get_note(customer_id, note_id)
    pinned = request.form.get("pinned") == "1"
    return run_action(lambda: set_pinned(note, pinned),
                      _("Note pinned.") if pinned else _("Note unpinned."),
                      _notes_url(customer_id))  # fmt: skip


@bp.post("/customers/<int:customer_id>/notes/<int:note_id>/delete")
def customer_note_delete(customer_id: int, note_id: int):
    note = get_note(customer_id, note_id)
    return run_action(lambda: delete_note(note), _("Note deleted."), _notes_url(customer_id))
