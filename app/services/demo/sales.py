"""Demo invoices, estimates, payments, taxes, departments and tickets (once, like the rest)."""

from datetime import date, timedelta
from decimal import Decimal

from flask_babel import force_locale, get_locale
from sqlalchemy import exists, select

from app.extensions import db
from app.models import Currency, Customer, Department, Document, TaxRate, Ticket, TicketReply, User
from app.services.demo.words import VAT_PERCENT, word
from app.services.sales.actions import issue, record_payment
from app.services.sales.service import (
    DocumentInput,
    ItemInput,
    customer_defaults,
    default_due_date,
    save_document,
)

# company, kind, days ago, lines (description, quantity, rate), paid share
DEMO_DOCUMENTS = [
    ("Boulangerie Martin SARL", "invoice", 75,
     [("Website redesign", 1, 2400), ("Hosting (year)", 1, 180)], 1),
    ("Boulangerie Martin SARL", "invoice", 20, [("Online shop module", 1, 950)], 0),
    ("Müller Maschinenbau GmbH", "invoice", 50, [("Consulting day", 3, 800)], Decimal("0.5")),
    ("Estudio Olivares", "invoice", 10, [("Brand workshop", 2, 600)], 0),
    ("Northwind Traders Ltd", "invoice", 40, [("Integration work", 5, 420)], 1),
    ("Acme Web Studio Inc.", "estimate", 5, [("Mobile app prototype", 1, 6500)], 0),
    ("Ville de Genève — Service IT", "estimate", 12, [("Accessibility audit", 4, 900)], 0),
    ("Boulangerie Martin SARL", "proposal", 3,
     [("Loyalty card app", 1, 4200), ("Staff training", 1, 600)], 0),
]  # fmt: skip
PROPOSAL_BODY = (
    "<p>Une application de <b>carte de fidélité</b> pour vos clients :</p>"
    "<ul><li>un tampon par achat, sur le téléphone</li><li>une offre au dixième passage</li></ul>"
)


def load_demo_sales(admin: User) -> int:
    """Add the demo documents and tickets if none exist yet; returns how many were added."""
    if db.session.scalar(select(exists().where(Document.id.isnot(None)))):
        return 0
    vat = db.session.scalar(select(TaxRate).where(TaxRate.name == word("VAT")))
    if vat is None:  # "TVA 20 %" in French, "MwSt. 19 %" in German, "IVA 21 %" in Spanish
        percent = VAT_PERCENT.get(str(get_locale()).split("_")[0], 20)
        vat = TaxRate(name=word("VAT"), percent=Decimal(percent))
        db.session.add(vat)
        db.session.add(Department(name=word("Technical support"), members=[admin]))
        db.session.flush()
    added = 0
    # Oldest first: invoices are numbered in the order they were issued.
    for company, kind, days_ago, lines, paid in sorted(DEMO_DOCUMENTS, key=lambda d: -d[2]):
        customer = db.session.scalar(select(Customer).where(Customer.company == company))
        if customer is None:
            continue
        defaults = customer_defaults(customer)
        with force_locale(defaults["language"]):  # the lines read as the document is written
            lines = [(word(d), q, r) for d, q, r in lines]
        issued = date.today() - timedelta(days=days_ago)
        currency = customer.currency or db.session.scalar(
            select(Currency).where(Currency.is_default)
        )
        data = DocumentInput(
            customer_id=customer.id, issue_date=issued, due_date=default_due_date(kind, issued),
            currency_id=currency.id, language=defaults["language"], billing=defaults["billing"],
            include_shipping=defaults["include_shipping"], shipping=defaults["shipping"],
            items=[ItemInput(d, Decimal(q), Decimal(r), tax_ids=[vat.id]) for d, q, r in lines],
            body=PROPOSAL_BODY if kind == "proposal" else None,
        )  # fmt: skip
        document = save_document(None, kind, data, admin)
        issue(document, today=issued)  # numbered and dated the day it was issued
        if paid:
            amount = (document.total * Decimal(paid)).quantize(Decimal("0.01"))
            record_payment(document, amount, issued + timedelta(days=7), "bank_transfer", None,
                           admin)  # fmt: skip
        added += 1
    _demo_recurring(admin, vat)
    contact_customer = db.session.scalar(
        select(Customer).where(Customer.company == "Boulangerie Martin SARL")
    )
    if contact_customer is not None and contact_customer.contacts:
        contact = contact_customer.contacts[0]
        ticket = Ticket(customer=contact_customer, contact=contact, priority="high",
                        subject="Le paiement en ligne ne fonctionne plus",
                        department=db.session.scalar(select(Department)))  # fmt: skip
        db.session.add(ticket)
        db.session.add(
            TicketReply(
                ticket=ticket,
                contact=contact,
                body="Bonjour,\ndepuis ce matin nos clients ne peuvent plus "
                "payer en ligne. Pouvez-vous regarder ?\nMerci, Claire",
            )
        )
    db.session.flush()
    return added


def _demo_recurring(admin: User, vat: TaxRate) -> None:
    """A monthly retainer for one demo customer, its first invoice on the 1st of next month."""
    from app.services.recurring.service import RecurringInput, save_profile

    name = "Northwind Traders Ltd"
    customer = db.session.scalar(select(Customer).where(Customer.company == name))
    if customer is None:
        return
    defaults = customer_defaults(customer)
    with force_locale(defaults["language"]):
        description = word("Hosting and support")
    today = date.today()
    first = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    items = [ItemInput(description, Decimal(1), Decimal(350), tax_ids=[vat.id])]
    save_profile(None, RecurringInput(customer.id, defaults["currency_id"], defaults["language"],
                                      items, 1, "month", first), admin)  # fmt: skip
