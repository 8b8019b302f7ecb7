"""World of bench/load_faults.py: migrations, demo data, then staff, customers with portal
contacts and issued invoices whose passwords the load test knows. Run by load_faults.py:

    DATABASE_URL=... .venv/bin/python bench/load_seed.py --instance DIR --customers 300
"""

import argparse
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Contact, Currency, Customer  # noqa: E402

STAFF = [f"load-staff{n}@bench.example" for n in range(1, 6)]
STAFF_PASSWORD = "load-staff-password-1"
CONTACT_PASSWORD = "load-contact-password-1"


def contact_email(n: int) -> str:
    return f"load-contact{n}@bench.example"


def seed(customers: int) -> None:
    from app.services.customers.normalize import company_key
    from app.services.demo import load_demo_data
    from app.services.sales.numbering import assign_number
    from app.services.sales.service import DocumentInput, ItemInput, save_document
    from app.services.staff import create_staff

    load_demo_data()
    db.session.commit()
    for email in STAFF:
        create_staff(email, STAFF_PASSWORD, name=email.split("@")[0], admin=True)
    db.session.commit()
    eur = Currency.query.filter_by(code="EUR").one()
    contact_hash = generate_password_hash(CONTACT_PASSWORD, method="scrypt:1024:8:1")
    for n in range(1, customers + 1):
        company = f"Load Customer {n} SARL"
        customer = Customer(
            company=company, company_key=company_key(company), city="Lyon", country="FR"
        )
        db.session.add(customer)
        db.session.add(
            Contact(
                customer=customer,
                first_name="Load",
                last_name=f"Contact{n}",
                email=contact_email(n),
                is_primary=True,
                password_hash=contact_hash,
            )
        )
        db.session.flush()
        for k in range(2):
            data = DocumentInput(
                customer_id=customer.id,
                issue_date=date.today() - timedelta(days=10 * k),
                due_date=date.today() + timedelta(days=30),
                currency_id=eur.id,
                language="en",
                billing={"street": "1 rue A", "city": "Lyon", "country": "FR"},
                include_shipping=False,
                shipping={},
                items=[ItemInput("Load work", Decimal("3"), Decimal("400"))],
            )
            document = save_document(None, "invoice", data, None)
            assign_number(document, document.issue_date)
            document.status = "unpaid"
        if n % 50 == 0:
            db.session.commit()
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instance", required=True)
    parser.add_argument("--customers", type=int, default=300)
    args = parser.parse_args()
    app = create_app({"INSTANCE_PATH": args.instance})
    with app.app_context():
        upgrade()
        seed(args.customers)
        print(f"seeded {args.customers} customers")


if __name__ == "__main__":
    main()
