"""Looking for a person's name and email in every text column of every table, and in every
binary one decoded (an uploaded CSV as text, an XLSX's parts unzipped)."""

import io
import json
import zipfile

from sqlalchemy import JSON, LargeBinary, String, Text, select

from app.extensions import db


def found_everywhere(*needles: str) -> set[tuple[str, str, tuple]]:
    """{(table, column, primary key)} of every text (or JSON) value holding one of `needles`,
    case ignored, in the whole database."""
    wanted = [n.casefold() for n in needles]
    found = set()
    for table in db.metadata.sorted_tables:
        columns = [
            c for c in table.columns if isinstance(c.type, String | Text | JSON | LargeBinary)
        ]
        if not columns:
            continue
        key = list(table.primary_key.columns) or list(table.columns)[:1]
        for row in db.session.execute(select(*key, *columns)).all():
            values = row._mapping
            for column in columns:
                value = values[column]
                if value is None:
                    continue
                text = _as_text(value)
                if any(n in text.casefold() for n in wanted):
                    found.add((table.name, column.name, tuple(values[k] for k in key)))
    return found


def _as_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        if value.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(value)) as archive:
                parts = [archive.read(item) for item in archive.infolist()]
            return " ".join(p.decode("utf-8", errors="replace") for p in parts)
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("cp1252", errors="replace")
    return json.dumps(value, ensure_ascii=False)
