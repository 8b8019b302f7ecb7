"""Files staff keep on a customer: checked by content, size-capped, staff-only or shared with
the customer's portal, always served as downloads. Every change is in the customer's Activity."""

import re
from dataclasses import dataclass

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import Select, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Customer, CustomerFile, User
from app.services import Collector, ValidationError, reread_or_404
from app.services.customers.activity import log_activity
from app.services.locks import savepoint
from app.services.scope import Scope
from app.services.uploads import (
    IMAGE_FORMATS,
    ODF_TYPES,
    OOXML_TYPES,
    TEXT_CONTENT_TYPES,
    HasMacros,
    Refused,
    extension_of,
    image_type,
    is_pdf,
    is_plain_text,
    office_type,
    safe_name,
)

MAX_BYTES = 10 * 1024 * 1024  # unless the CUSTOMER_FILE_MAX_BYTES setting says otherwise
DESCRIPTION_MAX = 500
KEY = re.compile(r"[0-9a-f]{32}")


@dataclass
class CheckedFile:
    filename: str
    content_type: str
    content: bytes


def max_bytes() -> int:
    """The largest file staff may upload on a customer, in bytes."""
    return int(current_app.config.get("CUSTOMER_FILE_MAX_BYTES") or MAX_BYTES)


def max_size_text() -> str:
    """The cap as people read it, e.g. "10 MB" or "300 KB" (in the reader's language)."""
    if max_bytes() < 1024 * 1024:
        return _("%(size)s KB", size=format_decimal(round(max_bytes() / 1024, 1)))
    return _("%(size)s MB", size=format_decimal(round(max_bytes() / (1024 * 1024), 1)))


def _content_type(name: str, data: bytes) -> str:
    """What the content is, provided it is what the name's extension says; else Refused."""
    extension = extension_of(name)
    if extension in IMAGE_FORMATS:
        return image_type(extension, data)
    if extension == "pdf" and is_pdf(data):
        return "application/pdf"
    if extension in TEXT_CONTENT_TYPES and is_plain_text(data):
        return TEXT_CONTENT_TYPES[extension]
    if extension in OOXML_TYPES or extension in ODF_TYPES:
        return office_type(extension, data)
    raise Refused(extension)


def check_file(original_name: str | None, data: bytes) -> CheckedFile:
    """Accept a file only if its content is of an accepted kind and matches its name."""
    name = safe_name(original_name, fallback="file")
    if not data:
        raise ValidationError(_("%(name)s is empty.", name=name), "file")
    if len(data) > max_bytes():
        message = _("%(name)s is larger than %(size)s.", name=name, size=max_size_text())
        raise ValidationError(message, "file")
    try:
        return CheckedFile(name, _content_type(name, data), data)
    except HasMacros as exc:
        message = _("%(name)s contains macros. Save it without macros (e.g. as .docx or .xlsx) "
                    "and upload it again.", name=name)  # fmt: skip
        raise ValidationError(message, "file") from exc
    except Refused as exc:
        message = _("%(name)s: only PDF, images (PNG, JPEG, WebP, GIF), text, CSV and Office "
                    "files (DOCX, XLSX, PPTX, ODT, ODS) are accepted.", name=name)  # fmt: skip
        raise ValidationError(message, "file") from exc


def add_file(
    customer: Customer,
    upload: tuple[str, bytes] | None,
    description: str | None,
    shared: bool,
    user: User,
    form_key: str | None = None,
) -> CustomerFile:
    """Store a checked file on `customer`; the same form posted twice stores it once."""
    errors = Collector()
    text = errors.text("description", description, DESCRIPTION_MAX, _("Describe the file."))
    checked = errors.check(_checked, upload)
    errors.raise_if_any()
    key = form_key if KEY.fullmatch(form_key or "") else None
    if key is not None and (saved := _saved_with(key)) is not None:
        return saved
    file = CustomerFile(customer_id=customer.id, filename=checked.filename, description=text,
                        content_type=checked.content_type, size=len(checked.content),
                        content=checked.content, shared=bool(shared), uploaded_by_id=user.id,
                        form_key=key)  # fmt: skip
    try:
        with savepoint():  # two posts of one form at once: one row, one entry
            db.session.add(file)
    except IntegrityError:
        saved = _saved_with(key) if key else None
        if saved is None:
            raise
        return saved
    log_activity(customer, user, "file.shared" if file.shared else "file.uploaded",
                 subject=file.filename)  # fmt: skip
    return file


def _checked(upload: tuple[str, bytes] | None) -> CheckedFile | None:
    if upload is None:
        raise ValidationError(_("Choose a file."), "file")
    return check_file(*upload)


def _saved_with(key: str) -> CustomerFile | None:
    return db.session.scalar(select(CustomerFile).where(CustomerFile.form_key == key))


def set_shared(file: CustomerFile, shared: bool, user: User) -> CustomerFile:
    """Share a file with the customer's portal or make it staff-only again; a second click
    (or two at once) changes and logs it once."""
    changed = db.session.execute(
        update(CustomerFile)
        .where(CustomerFile.id == file.id, CustomerFile.shared.is_not(shared))
        .values(shared=shared)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed:
        log_activity(file.customer, user, "file.shared" if shared else "file.unshared",
                     subject=file.filename)  # fmt: skip
    return reread_or_404(file)


def delete_file(file: CustomerFile, user: User) -> None:
    """Delete a file; deleted twice at once, it is logged once."""
    customer, name = file.customer, file.filename
    gone = db.session.execute(
        delete(CustomerFile)
        .where(CustomerFile.id == file.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.expunge(file)
    if gone:
        log_activity(customer, user, "file.deleted", subject=name)


def customer_files(customer_id: int, scope: Scope) -> Select:
    """A customer's files as its Files tab lists them: the newest first."""
    query = select(CustomerFile).where(CustomerFile.customer_id == customer_id)
    query = query.options(joinedload(CustomerFile.uploaded_by))
    return scope.narrow(query, CustomerFile).order_by(
        CustomerFile.created_at.desc(), CustomerFile.id.desc()
    )


def shared_files(scope: Scope) -> Select:
    """The files shared with a contact's customer, for the portal: the newest first."""
    query = select(CustomerFile).where(CustomerFile.shared.is_(True))
    return scope.narrow(query, CustomerFile).order_by(
        CustomerFile.created_at.desc(), CustomerFile.id.desc()
    )
