"""Pieces both surfaces use for uploads (ticket attachments, customer files): reading them,
serving one safely."""

from flask import Response, abort, request
from werkzeug.datastructures import FileStorage

from app.downloads import download_response
from app.models import CustomerFile, TicketAttachment
from app.services.tickets.attachments import MAX_BYTES


def uploaded_files(field: str = "attachments", cap: int = MAX_BYTES) -> list[tuple[str, bytes]]:
    """(name, bytes) of each uploaded file, reading at most one byte past the cap."""
    files: list[FileStorage] = request.files.getlist(field)
    read = []
    for file in files:
        if file and file.filename:
            read.append((file.filename, file.read(cap + 1)))
        file.close()  # a large upload is a temporary file: closed now, not by the collector
    return read


def uploaded_file(field: str, cap: int) -> tuple[str, bytes] | None:
    """(name, bytes) of the one file of `field`, None when none was chosen."""
    files = uploaded_files(field, cap)
    return files[0] if files else None


def attachment_response(attachment: TicketAttachment | CustomerFile) -> Response:
    """Always a download, never rendered by the browser; an image only once re-encoded."""
    if getattr(attachment, "pending", False):
        abort(404)
    mimetype = attachment.content_type.split(";")[0]
    response = download_response(attachment.content, mimetype, attachment.filename)
    if attachment.content_type.startswith("text/"):
        response.headers["Content-Type"] = attachment.content_type
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
