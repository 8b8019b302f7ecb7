"""Customer imports: upload a file, map its columns, read the dry run, import, follow its
progress, undo it (Customers → Import)."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.blueprints.admin import bp
from app.blueprints.posting import run_action, saved_form
from app.blueprints.uploads import uploaded_file
from app.downloads import download_response
from app.extensions import db
from app.forms.imports import ImportUploadForm, mapping_form
from app.htmx import form_status, render
from app.models import PORTAL_MODULES, Currency, CustomerGroup, CustomerImport
from app.services.imports import service
from app.services.imports.cells import default_date_format, default_number_locale
from app.services.imports.mapping import targets
from app.services.imports.undo import undo_import
from app.services.languages import screen
from app.services.scope import scope_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get_import(import_id: int) -> CustomerImport:
    return scope_of(current_user).get_or_404(CustomerImport, import_id)


def _detail_url(import_id: int) -> str:
    return url_for("admin.import_detail", import_id=import_id)


@bp.route("/customers/imports", methods=["GET", "POST"])
def import_list():
    form = ImportUploadForm(service.max_size_text())
    me = current_user._get_current_object()
    done = saved_form(
        form,
        lambda: service.upload_import(uploaded_file("file", service.max_bytes()), me),
        None,
        lambda imp: _detail_url(imp.id),
    )
    return done or render("admin/customers/imports.html", block="form" if form.errors else None,
                          status=form_status(form), form=form,
                          imports=service.recent_imports())  # fmt: skip


def _mapping_form(imp: CustomerImport):
    headers = imp.options["headers"]
    form_class = mapping_form(headers, service.samples(imp), targets())
    groups = db.session.scalars(select(CustomerGroup).order_by(CustomerGroup.name))
    currencies = db.session.scalars(select(Currency).order_by(Currency.code))
    form = form_class(list(groups), list(currencies))
    if not form.is_submitted():
        options, locale = imp.options, screen()
        for n, target in enumerate(imp.mapping or []):
            form[f"column_{n}"].data = target or ""
        form.key.data = options.get("key", "vat_number")
        form.currency.data = str(options.get("currency_id") or "")
        form.language.data = options.get("language") or ""
        form.groups.data = options.get("group_ids", [])
        form.permissions.data = options.get("permissions", list(PORTAL_MODULES))
        form.date_format.data = options.get("date_format", default_date_format(locale))
        form.number_locale.data = options.get("number_locale", default_number_locale(locale))
        form.welcome_email.data = options.get("welcome_email", False)
    return form


def _save_mapping(imp: CustomerImport, form) -> CustomerImport:
    mapping = [form[f"column_{n}"].data for n in range(len(imp.options["headers"]))]
    options = {
        "key": form.key.data, "currency_id": int(form.currency.data or 0) or None,
        "language": form.language.data or None, "group_ids": form.groups.data or [],
        "permissions": form.permissions.data or [], "date_format": form.date_format.data,
        "number_locale": form.number_locale.data, "welcome_email": bool(form.welcome_email.data),
    }  # fmt: skip
    service.save_mapping(imp, mapping, options)
    return imp


@bp.route("/customers/imports/<int:import_id>", methods=["GET", "POST"])
def import_detail(import_id: int):
    imp = get_import(import_id)
    editable = imp.status in service.EDITABLE and not (imp.options or {}).get("file_erased")
    form = _mapping_form(imp) if editable else None
    if form is not None:
        done = saved_form(form, lambda: _save_mapping(imp, form), None,
                          _detail_url(imp.id))  # fmt: skip
        if done:
            return done
    return render("admin/customers/import.html", block="mapping" if form and form.errors else None,
                  status=form_status(form) if form else 200, form=form, imp=imp,
                  progress=service.progress(imp),
                  file_erased_message=service.file_erased_message())  # fmt: skip


@bp.get("/customers/imports/<int:import_id>/state")
def import_state(import_id: int):
    imp = get_import(import_id)
    return render("admin/customers/import.html", block="state", imp=imp, form=None,
                  progress=service.progress(imp),
                  file_erased_message=service.file_erased_message())  # fmt: skip


@bp.post("/customers/imports/<int:import_id>/start")
def import_start(import_id: int):
    imp = get_import(import_id)
    return run_action(lambda: service.start(imp), _("Import started."), _detail_url(imp.id))


@bp.post("/customers/imports/<int:import_id>/undo")
def import_undo(import_id: int):
    imp = get_import(import_id)
    me = current_user._get_current_object()
    return run_action(lambda: undo_import(imp, me), _("Import undone."), _detail_url(imp.id))


def _refused(import_id: int, kind: str, mimetype: str):
    imp = get_import(import_id)
    if (imp.options or {}).get("file_erased"):
        flash(service.file_erased_message(), "error")
        return redirect(_detail_url(imp.id))
    body = service.refused_rows_file(imp, kind, screen())
    name = imp.filename.rsplit(".", 1)[0] + f"-refused.{kind}"
    return download_response(body, mimetype, name)


@bp.get("/customers/imports/<int:import_id>/refused.csv")
def import_refused_csv(import_id: int):
    return _refused(import_id, "csv", "text/csv")


@bp.get("/customers/imports/<int:import_id>/refused.xlsx")
def import_refused_xlsx(import_id: int):
    return _refused(import_id, "xlsx", XLSX)
