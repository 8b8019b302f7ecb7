"""Check 5: what points at something points at the right thing. Every payment is on an invoice
or (a refund) on a credit note; every credit application goes from an issued credit note to an
issued invoice; a credit note made from an invoice names an invoice; every outbox message's
customer exists, and a message still to be sent goes to someone Comptoir knows (a contact or a
staff member; a warning otherwise: the person may have been removed since it was queued)."""

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import Contact, CreditApplication, Customer, Document, OutboxMessage, Payment, User
from app.services.integrity.registry import WARNING, Problem, check, customer, document

# Messages to an address nobody has yet (a new one to confirm) or no longer has (the old one).
ADDRESSES_NOT_KEPT = ("confirm_email", "email_changed", "contact_email_changed")


def _payments() -> list[Problem]:
    query = (
        select(Payment.id, Payment.document_id, Document.kind, Document.number,
               Document.customer_id, Customer.company)
        .join(Document, Document.id == Payment.document_id, isouter=True)
        .join(Customer, Customer.id == Document.customer_id, isouter=True)
        .where(or_(Document.id.is_(None), Document.kind.not_in(("invoice", "credit", "opening"))))
        .order_by(Payment.id)
    )  # fmt: skip
    problems = []
    for row in db.session.execute(query):
        if row.kind is None:
            found = f"document id {row.document_id} (missing)"
        else:
            found = document(row.kind, row.number, row.document_id)
        problems.append(
            Problem(
                f"payment id {row.id}",
                f"on {found}",
                customer(row.company, row.customer_id),
                expected="an invoice or a credit note",
                found=found,
            )
        )
    return problems


def _applications() -> list[Problem]:
    credit, invoice = aliased(Document), aliased(Document)
    issued_credit = (credit.kind == "credit") & credit.number.is_not(None)
    issued_invoice = (invoice.kind == "invoice") & invoice.number.is_not(None)
    query = (
        select(CreditApplication.id, CreditApplication.credit_note_id, CreditApplication.invoice_id,
               credit.kind, credit.number, credit.status, credit.customer_id,
               invoice.kind.label("invoice_kind"), invoice.number.label("invoice_number"),
               Customer.company)
        .join(credit, credit.id == CreditApplication.credit_note_id, isouter=True)
        .join(invoice, invoice.id == CreditApplication.invoice_id, isouter=True)
        .join(Customer, Customer.id == credit.customer_id, isouter=True)
        .where(or_(credit.id.is_(None), invoice.id.is_(None), ~issued_credit, ~issued_invoice,
                   credit.status == "draft"))
        .order_by(CreditApplication.id)
    )  # fmt: skip
    problems = []
    for row in db.session.execute(query):
        name, who = f"credit application id {row.id}", customer(row.company, row.customer_id)
        if row.kind != "credit" or not row.number or row.status == "draft":
            found = (document(row.kind, row.number, row.credit_note_id) if row.kind
                     else f"document id {row.credit_note_id} (missing)")  # fmt: skip
            problems.append(Problem(name, f"applied from {found}", who,
                                    expected="an issued credit note", found=found))  # fmt: skip
        if row.invoice_kind != "invoice" or not row.invoice_number:
            found = (
                document(row.invoice_kind, row.invoice_number, row.invoice_id)
                if row.invoice_kind
                else f"document id {row.invoice_id} (missing)"
            )
            problems.append(Problem(name, f"applied to {found}", who,
                                    expected="an issued invoice", found=found))  # fmt: skip
    return problems


def _credited_invoices() -> list[Problem]:
    source = aliased(Document)
    query = (
        select(Document.id, Document.number, Document.customer_id, Customer.company,
               Document.credited_invoice_id, source.kind.label("source_kind"),
               source.number.label("source_number"))
        .join(source, source.id == Document.credited_invoice_id, isouter=True)
        .join(Customer, Customer.id == Document.customer_id, isouter=True)
        .where(Document.credited_invoice_id.is_not(None))
        .where(or_(source.id.is_(None), source.kind != "invoice"))
    )  # fmt: skip
    problems = []
    for row in db.session.execute(query):
        found = (
            document(row.source_kind, row.source_number, row.credited_invoice_id)
            if row.source_kind
            else f"document id {row.credited_invoice_id} (missing)"
        )
        problems.append(Problem(document("credit", row.number, row.id), f"made from {found}",
                                customer(row.company, row.customer_id),
                                expected="an invoice", found=found))  # fmt: skip
    return problems


def _outbox() -> list[Problem]:
    """Messages naming a customer that does not exist (error); messages still to send to an
    address no contact or staff member has (warning)."""
    recipient = func.lower(OutboxMessage.recipient)
    known = or_(
        select(Contact.id).where(func.lower(Contact.email) == recipient).exists(),
        select(User.id).where(func.lower(User.email) == recipient).exists(),
    )
    query = (
        select(OutboxMessage.id, OutboxMessage.kind, OutboxMessage.recipient,
               OutboxMessage.customer_id, OutboxMessage.sent_at, Customer.id.label("found"),
               Customer.company)
        .join(Customer, Customer.id == OutboxMessage.customer_id, isouter=True)
        .where(or_(
            OutboxMessage.customer_id.is_not(None) & Customer.id.is_(None),
            OutboxMessage.sent_at.is_(None) & OutboxMessage.kind.not_in(ADDRESSES_NOT_KEPT)
            & ~known,
        ))
        .order_by(OutboxMessage.id)
    )  # fmt: skip
    problems = []
    for row in db.session.execute(query):
        name = f"outbox message id {row.id} ({row.kind} to {row.recipient})"
        if row.customer_id is not None and row.found is None:
            problems.append(Problem(name, f"its customer id {row.customer_id} does not exist",
                                    customer(None, row.customer_id), expected="a customer",
                                    found="none"))  # fmt: skip
        else:
            problems.append(Problem(name, (
                "not sent yet, to an address no contact or staff member has"),
                customer(row.company, row.customer_id), severity=WARNING,
                expected="a contact's or staff member's address", found=row.recipient))  # fmt: skip
    return problems


@check("references", "Payments, credit and outbox messages point at what they should", order=50)
def references() -> list[Problem]:
    return _payments() + _applications() + _credited_invoices() + _outbox()
