"""Ticket attachments: size-capped, type-checked by content; images re-encoded."""

from dataclasses import dataclass

from flask_babel import gettext as _
from werkzeug.utils import secure_filename

from app.services import ValidationError
from app.services.images import NotAnImage, reencode

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
TEXT_EXTENSIONS = {"txt", "log", "csv"}
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif",
                 "WEBP": "image/webp"}  # fmt: skip
# Markup a browser could run if it ever rendered the file.
ACTIVE_MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<iframe", b"<body", b"<?xml")


@dataclass
class CheckedFile:
    filename: str
    content_type: str
    content: bytes


def _refuse(name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s: only images (PNG, JPEG, GIF, WebP), PDF and text files are accepted.",
          name=name), "attachments")  # fmt: skip


def check_upload(original_name: str, data: bytes) -> CheckedFile:
    """Accept a file only if its content is what its name says; never HTML or SVG."""
    original = original_name or ""
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    name = secure_filename(original)[-150:]
    if not name or "." not in name:  # e.g. a name in another script: keep the extension
        name = f"attachment.{secure_filename(extension)}" if extension else "attachment"
    if not data:
        raise ValidationError(_("%(name)s is empty.", name=name), "attachments")
    if len(data) > MAX_BYTES:
        raise ValidationError(_("%(name)s is larger than 5 MB.", name=name), "attachments")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in IMAGE_FORMATS:
        return CheckedFile(name, *_reencode_image(data, IMAGE_FORMATS[extension], name))
    if extension == "pdf" and data.startswith(b"%PDF-"):
        return CheckedFile(name, "application/pdf", data)
    if extension in TEXT_EXTENSIONS:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _refuse(name) from exc
        lowered = data.lower()
        if "\x00" in text or any(marker in lowered for marker in ACTIVE_MARKUP):
            raise _refuse(name)
        return CheckedFile(name, "text/plain; charset=utf-8", data)
    raise _refuse(name)


def _reencode_image(data: bytes, expected: str, name: str) -> tuple[str, bytes]:
    """Decode and re-encode: whatever hid in the file (a polyglot, metadata) is dropped."""
    try:
        found, content = reencode(data, {expected})
    except NotAnImage as exc:
        raise _refuse(name) from exc
    return CONTENT_TYPES[found], content
