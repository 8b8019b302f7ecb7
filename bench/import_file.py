"""A customer file to import, as big as asked, and how fast we read it.

    .venv/bin/python bench/import_file.py [--rows 100000] [--format csv|xlsx|both]
                                          [--language fr|en] [--out bench/out/import]
                                          [--no-measure | --existing]

Writes `<out>.csv` and/or `<out>.xlsx`: 12 columns (company, VAT number, phone, website,
address, postal code, city, country, first name, last name, email, opening balance) headed in
French or English, realistic French and English companies with unique emails and VAT numbers,
and about 1 % of rows deliberately bad (an email without its @, a French VAT number with wrong
check digits, a country nobody knows) — the import benchmark's file. Then reads each file back
alone (app/services/imports/reading.py: every row, each cell as text) and prints rows per
second and the peak memory Python allocated meanwhile (tracemalloc).
"""

import argparse
import io
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stdnum import luhn  # noqa: E402

from app.exports import BOM  # noqa: E402
from app.services.imports.cells import cell_text  # noqa: E402
from app.services.imports.reading import count_rows, iter_rows  # noqa: E402
from app.text import fold  # noqa: E402

HEADERS = {
    "fr": ["Société", "N° TVA", "Téléphone", "Site web", "Adresse", "Code postal", "Ville",
           "Pays", "Prénom", "Nom", "E-mail", "Solde d'ouverture"],
    "en": ["Company", "VAT number", "Phone", "Website", "Address", "Postal code", "City",
           "Country", "First name", "Last name", "Email", "Opening balance"],
}  # fmt: skip
FIRST = ["Claire", "Julien", "Émilie", "François", "Hélène", "Noël", "Zoé", "Loïc", "Amélie",
         "Jérôme", "Oliver", "Emma", "Harry", "Sophie", "George", "Charlotte", "Jack"]  # fmt: skip
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Garnier", "Chevalier", "Smith", "Jones",
        "Taylor", "Brown", "Wilson", "Evans", "O'Brien", "Perrin", "Gaudé"]  # fmt: skip
TRADES = {
    "FR": ["Boulangerie", "Menuiserie", "Cabinet", "Atelier", "Garage", "Pharmacie", "Librairie"],
    "GB": ["Bakery", "Joinery", "Consulting", "Workshop", "Motors", "Books", "Trading"],
}
SUFFIX = {"FR": ["SARL", "SAS", "& Fils", "EURL", ""], "GB": ["Ltd", "LLP", "& Sons", "plc", ""]}
CITIES = {
    "FR": [("Paris", "750"), ("Lyon", "690"), ("Besançon", "250"), ("Nantes", "440"),
           ("Orléans", "450"), ("Saint-Étienne", "420")],
    "GB": [("London", "SW1A "), ("Manchester", "M1 "), ("Leeds", "LS1 "), ("Bristol", "BS1 ")],
}  # fmt: skip
COUNTRY_NAMES = {"fr": {"FR": "France", "GB": "Royaume-Uni"},
                 "en": {"FR": "France", "GB": "United Kingdom"}}  # fmt: skip
BAD_SHARE = 100  # one row in 100 is bad


def french_vat(number: int, wrong: bool = False) -> str:
    """A French VAT number for SIREN `number` (unique per row), or with wrong check digits."""
    siren = luhn.calc_check_digit(f"{10_000_000 + number:08d}")
    siren = f"{10_000_000 + number:08d}{siren}"
    key = (12 + 3 * (int(siren) % 97)) % 97
    if wrong:
        key = (key + 1) % 97
    return f"FR{key:02d}{siren}"


def row(number: int, language: str, rng: random.Random) -> list[str]:
    country = "FR" if rng.random() < 0.7 else "GB"
    first, last = rng.choice(FIRST), rng.choice(LAST)
    city, postal = rng.choice(CITIES[country])
    company = f"{rng.choice(TRADES[country])} {last} {rng.choice(SUFFIX[country])}".strip()
    company = f"{company} {number}"  # names repeat; the import matches on VAT and email
    slug = fold(last).replace(" ", "").replace("'", "")
    domain = f"{slug}{number}.example"
    email = f"{fold(first)}.{number}@{domain}"
    vat = french_vat(number) if country == "FR" else ""
    if country == "FR":
        phone = f"+33 1 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} 00"
        postal += f"{rng.randint(1, 20):02d}"
        street = (
            f"{rng.randint(1, 120)} rue {rng.choice(['des Lilas', 'Victor-Hugo', 'de la Paix'])}"
        )
    else:
        phone = f"+44 20 7946 0{rng.randint(100, 999)}"
        postal += f"{rng.randint(1, 9)}AA"
        street = f"{rng.randint(1, 120)} {rng.choice(['High Street', 'Station Road', 'Mill Lane'])}"
    cents = rng.randint(-50_000, 500_000)
    balance = f"{cents // 100},{cents % 100:02d}" if language == "fr" else f"{cents / 100:.2f}"
    country_name = COUNTRY_NAMES[language][country]
    if number % BAD_SHARE == 7:
        fault = (number // BAD_SHARE) % 3
        if fault == 0:
            email = email.replace("@", " at ")
        elif fault == 1 and country == "FR":
            vat = french_vat(number, wrong=True)
        else:
            country_name = "Atlantide" if language == "fr" else "Atlantis"
    return [company, vat, phone, f"https://www.{domain}", street, postal, city, country_name,
            first, last, email, balance]  # fmt: skip


def rows(count: int, language: str):
    rng = random.Random(18)  # the same file every time
    for number in range(1, count + 1):
        yield row(number, language, rng)


def write_csv(path: Path, count: int, language: str) -> None:
    delimiter = ";" if language == "fr" else ","

    def line(cells):
        return delimiter.join('"' + c.replace('"', '""') + '"' for c in cells) + "\r\n"

    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(BOM + line(HEADERS[language]))
        for cells in rows(count, language):
            out.write(line(cells))


def write_xlsx(path: Path, count: int, language: str) -> None:
    from openpyxl import Workbook  # noqa: PLC0415

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Clients" if language == "fr" else "Customers")
    sheet.append(HEADERS[language])
    for cells in rows(count, language):
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())


def _read_all(data: bytes, name: str) -> int:
    read = 0
    for _number, cells in iter_rows(data, name):
        for cell in cells:
            cell_text(cell)
        read += 1
    return read


def measure(path: Path) -> None:
    """Reading speed (untraced), then the peak memory of a second, traced read."""
    data = path.read_bytes()
    started = time.perf_counter()
    read = _read_all(data, path.name)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    counted = count_rows(data, path.name)
    counting = time.perf_counter() - started
    tracemalloc.start()
    _read_all(data, path.name)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{path.name}: {len(data) / 1e6:.1f} MB, {read} rows read in {seconds:.1f} s "
          f"({read / seconds:,.0f} rows/s); count_rows {counted} in {counting:.1f} s; "
          f"peak memory while reading {peak / 1e6:.1f} MB (besides the file)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "xlsx", "both"], default="both")
    parser.add_argument("--language", choices=sorted(HEADERS), default="fr")
    parser.add_argument("--out", default="bench/out/import", help="path without extension")
    parser.add_argument("--no-measure", action="store_true")
    parser.add_argument("--existing", action="store_true", help="measure the files already there")
    args = parser.parse_args()
    base = Path(args.out)
    base.parent.mkdir(parents=True, exist_ok=True)
    kinds = ["csv", "xlsx"] if args.format == "both" else [args.format]
    for kind in kinds:
        path = base.with_suffix(f".{kind}")
        started = time.perf_counter()
        if not args.existing:
            (write_csv if kind == "csv" else write_xlsx)(path, args.rows, args.language)
            print(f"wrote {path} ({args.rows} rows) in {time.perf_counter() - started:.1f} s")
        if not args.no_measure:
            measure(path)


if __name__ == "__main__":
    main()
