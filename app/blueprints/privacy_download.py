"""The personal data ZIP as a download, for staff and for the contact in the portal."""

from app.downloads import download_response
from app.services.privacy.export import build_export, export_filename, stream
from app.services.privacy.requests import record_export


def personal_data_response(contact, person):
    """Build the ZIP, log the export (asked by `person`), and stream the file."""
    spooled, files = build_export(contact)
    filename = export_filename(contact)
    record_export(contact, person, files)
    return download_response(stream(spooled), "application/zip", filename)
