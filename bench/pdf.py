"""PDF render time of a 20-line invoice (target: p50 <= 150 ms on the 2-core machine).

    .venv/bin/python bench/pdf.py [--rounds 30]

Baseline in the same run: the same HTML rendered by WeasyPrint with no stylesheet and no fonts
beyond the default (what our template and CSS add on top of WeasyPrint's own cost).
"""

import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from weasyprint import HTML  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Currency, Customer, TaxRate  # noqa: E402
from app.services.pdf import OwnFilesOnly  # noqa: E402
from app.services.sales.pdf import document_pdf, render_html  # noqa: E402
from app.services.sales.service import DocumentInput, ItemInput, save_document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SECRET_KEY": "bench-secret-key-0123456789abcdef",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/pdf.db",
            }
        )
        with app.test_request_context():
            upgrade()
            eur = Currency(code="EUR", symbol="€", is_default=True)
            vat = TaxRate(name="TVA", percent=Decimal("20"))
            customer = Customer(company="Boulangerie Martin SARL", company_key="boulangerie")
            db.session.add_all([eur, vat, customer])
            db.session.flush()
            from datetime import date

            items = [
                ItemInput(
                    f"Line {n}: pastries and bread",
                    Decimal(n % 7 + 1),
                    Decimal("12.50") + n,
                    tax_ids=[vat.id],
                )
                for n in range(20)
            ]
            data = DocumentInput(
                customer_id=customer.id,
                issue_date=date(2026, 11, 27),
                due_date=None,
                currency_id=eur.id,
                language="fr",
                billing={"city": "Lyon"},
                include_shipping=False,
                shipping={},
                items=items,
            )
            invoice = save_document(None, "invoice", data, None)
            db.session.commit()
            html = render_html(invoice, "fr")
            bare = html.replace('<link rel="stylesheet" href="comptoir:/static/css/pdf.css">', "")
            for _ in range(3):
                document_pdf(invoice)
            ours, floor = [], []
            for _ in range(args.rounds):
                started = time.perf_counter()
                document_pdf(invoice)
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                HTML(string=bare, url_fetcher=OwnFilesOnly(None)).write_pdf()
                floor.append(time.perf_counter() - started)
        p50 = statistics.median(ours) * 1000
        p95 = sorted(ours)[int(0.95 * len(ours)) - 1] * 1000
        base = statistics.median(floor) * 1000
        print(
            f"20-line invoice PDF: p50 {p50:.0f} ms, p95 {p95:.0f} ms (target p50 <= 150 ms); "
            f"bare WeasyPrint on the same HTML without our CSS: p50 {base:.0f} ms "
            f"(ratio {p50 / base:.2f})"
        )


if __name__ == "__main__":
    main()
