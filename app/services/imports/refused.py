"""The rows an import refused, given back as the person's own file with a last column saying
why, so they can fix them and import that file again (written like our exports)."""

from collections.abc import Iterable

from flask_babel import force_locale
from flask_babel import gettext as _

from app.exports import csv_chunks, default_csv_style, xlsx_bytes

BATCH = 1000


def _batches(rows: Iterable[tuple[list, str]]):
    batch = []
    for cells, reason in rows:
        batch.append([*cells, reason])
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def refused_file(header: list[str], rows: Iterable[tuple[list, str]], kind: str, locale) -> bytes:
    """The refused rows (cells, reason) under the file's header and a "Reason" column, as CSV
    in `locale`'s convention or as XLSX (`kind`)."""
    with force_locale(str(locale)):
        full_header = [*header, _("Reason")]
        title = _("Refused rows")
    if kind == "xlsx":
        return xlsx_bytes(full_header, _batches(rows), title)
    style = default_csv_style(str(locale))
    return "".join(csv_chunks(full_header, _batches(rows), style)).encode("utf-8")
