"""Looking for a person's name and email in every text column of every table."""

import json

from sqlalchemy import JSON, String, Text, select

from app.extensions import db


def found_everywhere(*needles: str) -> set[tuple[str, str, tuple]]:
    """{(table, column, primary key)} of every text (or JSON) value holding one of `needles`,
    case ignored, in the whole database."""
    wanted = [n.casefold() for n in needles]
    found = set()
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
        if not columns:
            continue
        key = list(table.primary_key.columns) or list(table.columns)[:1]
        for row in db.session.execute(select(*key, *columns)).all():
            values = row._mapping
            for column in columns:
                value = values[column]
                if value is None:
                    continue
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(n in text.casefold() for n in wanted):
                    found.add((table.name, column.name, tuple(values[k] for k in key)))
    return found
