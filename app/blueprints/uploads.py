"""Pieces both surfaces use for tickets: reading uploads, serving an attachment safely."""

from flask import Response, abort, request
from werkzeug.datastructures import FileStorage

from app.downloads import download_response
from app.models import TicketAttachment
from app.services.tickets.attachments import MAX_BYTES


def uploaded_files(field: str = "attachments") -> list[tuple[str, bytes]]:
    """(name, bytes) of each uploaded file, reading at most one byte past the cap."""
    files: list[FileStorage] = request.files.getlist(field)
    return [(f.filename or "", f.read(MAX_BYTES + 1)) for f in files if f and f.filename]


def attachment_response(attachment: TicketAttachment) -> Response:
    """Always a download, never rendered by the browser; an image only once re-encoded."""
    if attachment.pending:
        abort(404)
    mimetype = attachment.content_type.split(";")[0]
    response = download_response(attachment.content, mimetype, attachment.filename)
    if attachment.content_type.startswith("text/"):
        response.headers["Content-Type"] = attachment.content_type
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
