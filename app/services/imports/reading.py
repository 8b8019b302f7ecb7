"""Stand-in until wt-impfile's reading.py is merged (same names; replaced by it): CSV only."""

import csv
import io
from collections.abc import Iterator


class FileRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def read_headers(data: bytes, filename: str) -> list[str]:
    rows = _rows(data)
    if not rows:
        raise FileRefused("This file is empty.")
    return rows[0]


def iter_rows(data: bytes, filename: str, start: int = 0) -> Iterator[tuple[int, list]]:
    for index, row in enumerate(_rows(data)[1:]):
        if index < start or not any(c.strip() for c in row):
            continue
        yield index + 2, row


def count_rows(data: bytes, filename: str) -> int:
    return sum(1 for _row in iter_rows(data, filename))
