"""Ticket attachments: size-capped, type-checked by content; images re-encoded after saving."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from app.extensions import db
from app.models import TicketAttachment
from app.services import ValidationError
from app.services.images import MAX_PIXELS, NotAnImage, TooManyPixels, image_header, reencode
from app.services.uploads import (
    IMAGE_CONTENT_TYPES,
    IMAGE_FORMATS,
    extension_of,
    is_pdf,
    is_plain_text,
    safe_name,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
MAX_REQUEST_PIXELS = 40_000_000  # all the images of one message: what re-encoding may cost
TEXT_EXTENSIONS = {"txt", "log", "csv"}
CONTENT_TYPES = IMAGE_CONTENT_TYPES
CONTENT_TYPES_BACK = {content_type: kind for kind, content_type in CONTENT_TYPES.items()}


@dataclass
class CheckedFile:
    filename: str
    content_type: str
    content: bytes
    pixels: int = 0  # an image's width x height, as its header says
    pending: bool = False  # an image stored as received, to re-encode before it is served


def _refuse(name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s: only images (PNG, JPEG, GIF, WebP), PDF and text files are accepted.",
          name=name), "attachments")  # fmt: skip


def check_upload(original_name: str, data: bytes) -> CheckedFile:
    """Accept a file only if its content is what its name says; never HTML or SVG."""
    name = safe_name(original_name)
    if not data:
        raise ValidationError(_("%(name)s is empty.", name=name), "attachments")
    if len(data) > MAX_BYTES:
        raise ValidationError(_("%(name)s is larger than 5 MB.", name=name), "attachments")
    extension = extension_of(name)
    if extension in IMAGE_FORMATS:
        return _checked_image(name, data, IMAGE_FORMATS[extension])
    if extension == "pdf" and is_pdf(data):
        return CheckedFile(name, "application/pdf", data)
    if extension in TEXT_EXTENSIONS and is_plain_text(data):
        return CheckedFile(name, "text/plain; charset=utf-8", data)
    raise _refuse(name)


def _checked_image(name: str, data: bytes, expected: str) -> CheckedFile:
    """An image checked from its header only (format, pixel count): decoding comes later."""
    try:
        header = image_header(data, {expected})
    except TooManyPixels as exc:
        raise ValidationError(
            _("%(name)s has more than %(n)d megapixels. Send a smaller image.",
              name=name, n=MAX_PIXELS // 1_000_000), "attachments") from exc  # fmt: skip
    except NotAnImage as exc:
        raise _refuse(name) from exc
    return CheckedFile(name, CONTENT_TYPES[header.format], data, header.pixels, pending=True)


def check_request_pixels(files: list[CheckedFile]) -> None:
    """The images of one message together stay under MAX_REQUEST_PIXELS."""
    if sum(f.pixels for f in files) > MAX_REQUEST_PIXELS:
        raise ValidationError(
            _("Together, the images of one message may have at most %(n)d megapixels. "
              "Send some of them in another message.", n=MAX_REQUEST_PIXELS // 1_000_000),
            "attachments")  # fmt: skip


def stale_pending_attachment_ids(limit: int = 100) -> list[int]:
    """Images still stored as received (their job lost, or the worker was down), oldest first."""
    query = (
        select(TicketAttachment.id)
        .where(TicketAttachment.pending)  # as the partial index says it, so that it is used
        .order_by(TicketAttachment.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def sweep_pending_attachments() -> None:
    """Re-encode every stale pending image; one that fails is logged and the others still go."""
    for attachment_id in stale_pending_attachment_ids():
        try:
            reencode_pending_attachment(attachment_id)
        except Exception:  # a bug on one image must not hold back every image after it
            db.session.rollback()
            current_app.logger.exception("Ticket attachment %s not re-encoded", attachment_id)


def reencode_pending_attachment(attachment_id: int) -> None:
    """Re-encode an image stored as received, so that it can be served; run again, it does
    nothing. An image that fails to decode is removed (it was never served)."""
    attachment = db.session.get(TicketAttachment, attachment_id)
    if attachment is None or not attachment.pending:
        return
    expected = {CONTENT_TYPES_BACK[attachment.content_type]}
    try:
        found, content = reencode(attachment.content, expected)
    except NotAnImage:
        db.session.delete(attachment)
    else:
        # Only if still pending: of two runs at once, one writes.
        db.session.execute(
            update(TicketAttachment)
            .where(TicketAttachment.id == attachment_id, TicketAttachment.pending.is_(True))
            .values(content=content, size=len(content), content_type=CONTENT_TYPES[found],
                    pending=False)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
    db.session.commit()
