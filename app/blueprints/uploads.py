"""Pieces both surfaces use for tickets: reading uploads, serving an attachment safely."""

from collections.abc import Callable

from flask import Response, abort, current_app, request
from werkzeug.datastructures import FileStorage

from app.downloads import download_response
from app.jobs import enqueue
from app.models import Ticket, TicketAttachment
from app.services.tickets.attachments import MAX_BYTES, pending_attachment_ids


def uploaded_files(field: str = "attachments") -> list[tuple[str, bytes]]:
    """(name, bytes) of each uploaded file, reading at most one byte past the cap."""
    files: list[FileStorage] = request.files.getlist(field)
    return [(f.filename or "", f.read(MAX_BYTES + 1)) for f in files if f and f.filename]


def reencoding(to: Callable[[Ticket], str]) -> Callable[[Ticket], str]:
    """The `to` of a post that saved uploads: once committed, hand each of the ticket's images
    to the worker to re-encode (off the request: a large image costs seconds and memory)."""

    def after_commit(ticket: Ticket) -> str:
        pending = pending_attachment_ids(ticket.id)
        try:
            for attachment_id in pending:
                enqueue("reencode_attachment", attachment_id)
        except Exception:  # saved: the attachments sweep re-encodes what was not enqueued
            current_app.logger.exception(
                "Attachments %s not enqueued; the sweep does them", pending
            )
        return to(ticket)

    return after_commit


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
