"""Settings → Custom fields (administrators): the fields customers and contacts gain."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import confirmed_action, saved_form
from app.forms.custom_fields import definition_form
from app.htmx import form_status, render
from app.i18n import default_language, language_names
from app.models import CustomFieldDefinition
from app.services.custom_fields.definitions import (
    all_fields,
    choice_lines,
    delete_definition,
    field_label,
    save_definition,
    value_count,
)
from app.services.languages import screen
from app.services.scope import scope_of


def _languages() -> list[tuple[str, str]]:
    """The shipped languages, the default one first (its label is required)."""
    base = default_language()
    names = language_names()
    return [pair for pair in names if pair[0] == base] + [p for p in names if p[0] != base]


def _form(new: bool, **kwargs):
    return definition_form(_languages(), default_language(), new)(**kwargs)


def _page(form, field):
    title = field_label(field, screen()) if field else _("New custom field")
    return render("admin/settings/custom_field_form.html", status=form_status(form), form=form,
                  field=field, languages=_languages(), base=default_language(),
                  title=title)  # fmt: skip


@bp.get("/settings/custom-fields")
def custom_field_list():
    language = screen()
    fields = [(f, field_label(f, language)) for f in all_fields()]
    return render("admin/settings/custom_fields.html", fields=fields)


@bp.route("/settings/custom-fields/new", methods=["GET", "POST"])
def custom_field_create():
    form = _form(True)
    done = saved_form(form, lambda: save_definition(None, form.data), _("Custom field added."),
                      url_for("admin.custom_field_list"))  # fmt: skip
    return done or _page(form, None)


@bp.route("/settings/custom-fields/<int:field_id>", methods=["GET", "POST"])
def custom_field_edit(field_id: int):
    field = scope_of(current_user).get_or_404(CustomFieldDefinition, field_id)
    form = _form(False, obj=None if request.method == "POST" else field)
    if request.method == "GET":
        for code, _name in _languages():
            form[f"label_{code}"].data = field.labels.get(code, "")
            form[f"choices_{code}"].data = choice_lines(field, code)
    done = saved_form(form, lambda: save_definition(field, form.data), _("Custom field saved."),
                      url_for("admin.custom_field_list"))  # fmt: skip
    return done or _page(form, field)


@bp.route("/settings/custom-fields/<int:field_id>/delete", methods=["GET", "POST"])
def custom_field_delete(field_id: int):
    """GET asks first, saying how many records hold a value; POST deletes field and values."""
    field = scope_of(current_user).get_or_404(CustomFieldDefinition, field_id)
    label = field_label(field, screen())
    return confirmed_action(
        lambda: render("admin/settings/custom_field_delete.html", field=field, label=label,
                       count=value_count(field)),
        lambda: delete_definition(field),
        _("Custom field %(label)s deleted.", label=label),
        url_for("admin.custom_field_list"),
    )  # fmt: skip
