"""bench/import_file.py writes the file the import benchmark reads: our reader reads it, every
column is recognised, emails and VAT numbers are unique and about 1 % of rows are bad."""

import importlib.util
from pathlib import Path

import pytest
from stdnum.eu import vat

from app.services.imports.cells import parse_cell_country
from app.services.imports.mapping import guess_mapping
from app.services.imports.reading import count_rows, iter_rows, read_headers

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "import_file.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_import_file", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("language", "kind"), [("fr", "csv"), ("en", "xlsx")])
def test_the_benchmark_file_reads_and_maps_whole(bench, offline, tmp_path, language, kind):
    path = tmp_path / f"import.{kind}"
    (bench.write_csv if kind == "csv" else bench.write_xlsx)(path, 500, language)
    data = path.read_bytes()
    headers = read_headers(data, path.name)
    with offline.test_request_context():
        assert None not in guess_mapping(headers) and len(headers) == 12
    rows = [cells for _number, cells in iter_rows(data, path.name)]
    assert len(rows) == count_rows(data, path.name) == 500
    emails = [row[10] for row in rows]
    vats = [row[1] for row in rows if row[1]]
    assert len(set(emails)) == len(emails) and len(set(vats)) == len(vats)
    bad = 0
    for row in rows:
        try:
            parse_cell_country(row[7])
        except ValueError:
            bad += 1
            continue
        bad += ("@" not in row[10]) + bool(row[1] and not vat.is_valid(row[1]))
    assert bad == 5
