"""A customer import as its pages see it: upload a file, choose its mapping and defaults, start
it after the dry run, undo it, download its refused rows."""

import hashlib
from itertools import islice

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import select

from app.after_commit import run_after_commit
from app.extensions import db
from app.models import IMPORT_KEYS, CustomerImport, User
from app.services import FormErrors, ValidationError
from app.services.imports.cells import DATE_FORMATS, NUMBER_LOCALES
from app.services.imports.mapping import guess_mapping, mapping_problems
from app.services.imports.reading import FileRefused, iter_rows, read_headers, sniff
from app.services.imports.refused import refused_file
from app.services.imports.runs import file_erased_message, new_import, start_import
from app.services.uploads import safe_name

MAX_BYTES = 20 * 1024 * 1024
KEY_TARGETS = {"vat_number": "vat_number", "contact_email": "contact_email",
               "external_id": "external_id"}  # fmt: skip
EDITABLE = ("mapping", "checked", "checking")


def max_bytes() -> int:
    """The largest file an import takes (IMPORT_MAX_BYTES, 20 MB unless set)."""
    return int(current_app.config.get("IMPORT_MAX_BYTES") or MAX_BYTES)


def max_size_text() -> str:
    """The cap as people read it ("20 MB")."""
    return _("%(size)s MB", size=format_decimal(round(max_bytes() / (1024 * 1024), 1)))


def upload_import(upload: tuple[str, bytes] | None, user: User) -> CustomerImport:
    """A file read far enough to know its columns, waiting for its mapping (refused beside the
    file field when it cannot be imported)."""
    if upload is None:
        raise ValidationError(_("Choose a file."), "file")
    name, data = upload
    if len(data) > max_bytes():
        raise ValidationError(_("This file is larger than %(size)s.", size=max_size_text()),
                              "file")  # fmt: skip
    try:
        sniff(data, name)
        headers = read_headers(data, name)
    except FileRefused as exc:
        raise ValidationError(exc.message, "file") from exc
    imp = new_import(user, safe_name(name, "import.csv"), data, hashlib.sha256(data).hexdigest())
    imp.mapping = guess_mapping(headers)
    return imp


def samples(imp: CustomerImport, count: int = 3) -> list[list[str]]:
    """The first values of each column (for the mapping page)."""
    from app.services.imports.cells import cell_text

    headers = imp.options["headers"]
    found = [[] for _ in headers]
    for _number, cells in islice(iter_rows(imp.content, imp.filename), 20):
        for n in range(len(headers)):
            text = cell_text(cells[n]) if n < len(cells) else ""
            if text and len(found[n]) < count:
                found[n].append(text[:40])
    return found


def save_mapping(imp: CustomerImport, mapping: list, options: dict) -> None:
    """Keep the mapping and options and start the dry run (refused while it cannot run)."""
    if imp.status not in EDITABLE:
        raise ValidationError(_("This import has started already."))
    if (imp.options or {}).get("file_erased"):
        raise ValidationError(file_erased_message())
    mapping = [m or None for m in mapping]
    problems = mapping_problems(mapping)
    errors = {"column_0": problems} if problems else {}
    if options["key"] not in IMPORT_KEYS:
        errors["key"] = [_("Choose from the list.")]
    elif KEY_TARGETS[options["key"]] not in mapping:
        errors["key"] = [_("No column is mapped to this key: map one, or choose another key.")]
    if options["date_format"] not in DATE_FORMATS or options["number_locale"] not in NUMBER_LOCALES:
        errors["date_format"] = [_("Choose from the list.")]
    if errors:
        raise FormErrors(errors)
    imp.mapping = mapping
    imp.options = {**imp.options, **options}
    imp.status = "checking"
    db.session.flush()
    run_after_commit("check_import_rows", imp.id)


def start(imp: CustomerImport) -> None:
    """Begin the run (one import at a time) and hand it to the worker."""
    start_import(imp)
    run_after_commit("run_import", imp.id)


def refused_rows_file(imp: CustomerImport, kind: str, locale) -> bytes:
    """The refused rows as the file had them, with a Reason column."""
    reasons = dict((n, reason) for n, reason in imp.refusals or [])
    rows = (
        (cells, reasons[number])
        for number, cells in iter_rows(imp.content, imp.filename)
        if number in reasons
    )
    return refused_file(imp.options["headers"], rows, kind, locale)


def recent_imports(limit: int = 20) -> list[CustomerImport]:
    query = select(CustomerImport).order_by(CustomerImport.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def progress(imp: CustomerImport) -> int:
    """The run's progress in percent (rows done out of the file's rows)."""
    done = imp.created + imp.updated + imp.unchanged + imp.skipped + imp.refused
    return min(100, round(100 * done / imp.total_rows)) if imp.total_rows else 100
