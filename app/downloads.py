"""File answers: every download (PDF, CSV export, attachment) through `download_response`."""

from collections.abc import Iterable

from flask import Response

NOT_KEPT = "private, no-store"  # customer data: no browser or shared cache keeps a copy


def download_response(
    body: bytes | str | Iterable, mimetype: str, filename: str, inline: bool = False
) -> Response:
    """A file as a download (or shown in the browser with `inline`), never cached."""
    # Werkzeug appends "; charset=utf-8" to a text/* mimetype even when it names one already:
    # a type that carries its parameters goes in whole as the content type.
    if ";" in mimetype:
        response = Response(body, content_type=mimetype)
    else:
        response = Response(body, mimetype=mimetype)
    disposition = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response.headers["Content-Disposition"] = disposition
    response.headers["Cache-Control"] = NOT_KEPT
    return response


def pdf_response(data: bytes, filename: str, inline: bool = False) -> Response:
    """A generated PDF as a download (or inline)."""
    return download_response(data, "application/pdf", filename, inline)
