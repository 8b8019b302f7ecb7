"""File answers: a generated PDF as a download (or shown in the browser with `inline`)."""

from flask import Response


def pdf_response(data: bytes, filename: str, inline: bool = False) -> Response:
    disposition = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return Response(data, mimetype="application/pdf", headers={"Content-Disposition": disposition})
