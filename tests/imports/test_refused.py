"""The refused rows come back as the person's own file plus a column saying why, which reads
back as it was: fixed, it can be imported again (app/services/imports/refused.py)."""

from datetime import date
from decimal import Decimal

import pytest

from app.services.imports.reading import iter_rows, read_headers
from app.services.imports.refused import refused_file

HEADER = ["Société", "Solde", "Depuis", "E-mail"]
ROWS = [
    (["Acme", Decimal("-12.50"), date(2026, 1, 31), "not-an-email"], "Adresse e-mail invalide."),
    (['=HYPERLINK("x")', "1 234,56", "", "a@b.fr"], "Formule refusée."),
]


def test_a_french_csv_in_the_french_convention_reads_back_as_it_was(speaking):
    with speaking("fr"):
        data = refused_file(HEADER, iter(ROWS), "csv", "fr")
        assert data.startswith(b"\xef\xbb\xbf") and b";" in data.splitlines()[0]
        assert read_headers(data, "refus.csv") == [*HEADER, "Motif"]
        assert list(iter_rows(data, "refus.csv")) == [
            (2, ["Acme", "-12,50", "2026-01-31", "not-an-email", "Adresse e-mail invalide."]),
            (3, ['\'=HYPERLINK("x")', "1 234,56", "", "a@b.fr", "Formule refusée."]),
        ]  # the formula guard stays in the file; cell_text takes it off on import


def test_an_xlsx_keeps_the_cells_typed(speaking):
    with speaking("en"):
        data = refused_file(HEADER, iter(ROWS), "xlsx", "en")
        assert read_headers(data, "refused.xlsx") == [*HEADER, "Reason"]
        rows = list(iter_rows(data, "refused.xlsx"))
    assert rows[0] == (2, ["Acme", Decimal("-12.5"), date(2026, 1, 31), "not-an-email",
                           "Adresse e-mail invalide."])  # fmt: skip
    assert rows[1][1][0] == '=HYPERLINK("x")'  # text, never a formula


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_no_refused_rows_is_a_header_alone(speaking, kind):
    with speaking("en"):
        data = refused_file(["Company"], iter([]), kind, "en")
        assert read_headers(data, f"r.{kind}") == ["Company", "Reason"]
        assert list(iter_rows(data, f"r.{kind}")) == []
