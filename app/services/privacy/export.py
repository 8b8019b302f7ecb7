"""A contact's personal data as a ZIP: `personal-data.json` (everything about them) and the PDFs
of their customer's documents their portal permissions open. Built into a temporary file one
section and one PDF at a time (a large customer never sits in memory twice), then streamed."""

import json
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import or_, select

from app.extensions import db
from app.models import (
    EMAIL_TOPICS,
    ActivityLog,
    Contact,
    Contract,
    CustomerNote,
    Document,
    KbVote,
    OutboxMessage,
    SecurityEvent,
    SignInSession,
    TaskComment,
    Ticket,
    TicketReply,
)
from app.roles import KIND_MODULES
from app.services.contracts.pdf import contract_filename, contract_pdf
from app.services.contracts.queries import sent_contracts
from app.services.custom_fields.values import shown_values
from app.services.languages import contact_email
from app.services.mail.render import html_to_text
from app.services.sales.pdf import document_pdf, pdf_filename
from app.services.sales.queries import sent_documents
from app.services.scope import Scope

BATCH = 200  # rows read at a time from the longer lists
IN_MEMORY = 8 * 1024 * 1024  # a ZIP up to this size stays in memory, a larger one on disk
CHUNK = 64 * 1024


def _json_default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _rows(query) -> Iterator:
    return db.session.scalars(query.execution_options(yield_per=BATCH))


def _contact(contact: Contact) -> dict:
    return {
        "id": contact.id, "first_name": contact.first_name, "last_name": contact.last_name,
        "email": contact.email, "phone": contact.phone, "position": contact.position,
        "primary_contact": contact.is_primary, "active": contact.active,
        "created_at": contact.created_at, "last_login_at": contact.last_login_at,
        "portal_permissions": {m: contact.may_use(m) for m in
                               ("invoices", "estimates", "contracts", "proposals", "support",
                                "projects", "files")},
    }  # fmt: skip


def _customer(contact: Contact, language: str) -> dict:
    """What the portal's Profile shows of the company."""
    c = contact.customer
    return {
        "company": c.company, "vat_number": c.vat_number, "phone": c.phone, "website": c.website,
        "address": c.address, "city": c.city, "state": c.state, "zip": c.zip,
        "country": c.country,
        "billing": [c.billing_street, c.billing_city, c.billing_state, c.billing_zip,
                    c.billing_country],
        "shipping": [c.shipping_street, c.shipping_city, c.shipping_state, c.shipping_zip,
                     c.shipping_country],
        "custom_fields": dict(shown_values("customer", c.id, language, "in_portal")),
    }  # fmt: skip


def _tickets(contact: Contact) -> Iterator[dict]:
    query = select(Ticket).where(Ticket.contact_id == contact.id).order_by(Ticket.id)
    for ticket in _rows(query):
        messages = db.session.scalars(
            select(TicketReply)
            .where(TicketReply.ticket_id == ticket.id, TicketReply.internal.is_(False))
            .order_by(TicketReply.id)
        )
        yield {
            "id": ticket.id, "subject": ticket.subject, "status": ticket.status,
            "created_at": ticket.created_at,
            "messages": [{"from_you": m.contact_id == contact.id, "body": m.body,
                          "created_at": m.created_at} for m in messages],
        }  # fmt: skip


def _sections(contact: Contact, language: str) -> Iterator[tuple[str, object]]:
    """(name, JSON-able value) of each part of personal-data.json, read one after another."""
    yield "contact", _contact(contact)
    yield "custom_fields", dict(shown_values("contact", contact.id, language, None))
    yield "customer", _customer(contact, language)
    yield "email_preferences", {t: contact.receives(t) for t in EMAIL_TOPICS}
    yield "tickets", list(_tickets(contact))
    yield "task_comments", [
        {"task_id": c.task_id, "body": c.body, "created_at": c.created_at}
        for c in _rows(select(TaskComment).where(TaskComment.contact_id == contact.id)
                       .order_by(TaskComment.id))
    ]  # fmt: skip
    yield "notes_about_you", [
        {"text": html_to_text(n.body).strip(), "created_at": n.created_at}
        for n in _rows(select(CustomerNote).where(CustomerNote.contact_id == contact.id)
                       .order_by(CustomerNote.id))
    ]  # fmt: skip
    named = or_(ActivityLog.contact_id == contact.id,
                ActivityLog.subject.contains(contact.full_name),
                ActivityLog.subject.contains(contact.email))  # fmt: skip
    yield "activity", [
        {"action": a.action, "subject": a.subject, "changes": a.changes, "at": a.created_at,
         "by_you": a.contact_id == contact.id}
        for a in _rows(select(ActivityLog).where(ActivityLog.customer_id == contact.customer_id,
                                                 named).order_by(ActivityLog.id))
    ]  # fmt: skip
    yield "sign_in_sessions", [
        {"started_at": s.created_at, "last_seen_at": s.last_seen_at, "ended_at": s.ended_at,
         "browser": s.browser, "os": s.os, "ip_address": s.ip_address}
        for s in _rows(select(SignInSession).where(SignInSession.contact_id == contact.id)
                       .order_by(SignInSession.id))
    ]  # fmt: skip
    yield "security_log", [
        {"event": e.event, "at": e.created_at, "ip_address": e.ip_address, "browser": e.browser,
         "os": e.os, "details": e.details}
        for e in _rows(select(SecurityEvent).where(SecurityEvent.contact_id == contact.id)
                       .order_by(SecurityEvent.id))
    ]  # fmt: skip
    yield "emails_sent_to_you", [
        {"subject": m.subject, "queued_at": m.created_at, "sent_at": m.sent_at}
        for m in _rows(select(OutboxMessage).where(OutboxMessage.recipient == contact.email)
                       .order_by(OutboxMessage.id))
    ]  # fmt: skip
    yield "knowledge_base_votes", [
        {"article_id": v.article_id, "helpful": v.helpful, "comment": v.comment,
         "language": v.language, "at": v.updated_at}
        for v in _rows(select(KbVote).where(KbVote.contact_id == contact.id).order_by(KbVote.id))
    ]  # fmt: skip


def _write_json(archive: zipfile.ZipFile, contact: Contact, language: str) -> None:
    with archive.open("personal-data.json", "w") as out:
        out.write(b"{")
        for index, (name, value) in enumerate(_sections(contact, language)):
            text = json.dumps(value, default=_json_default, ensure_ascii=False, indent=1)
            out.write(f'{"," if index else ""}\n"{name}": {text}'.encode())
        out.write(b"\n}\n")


def document_ids(contact: Contact) -> list[tuple[type, int]]:
    """(Document or Contract, id) of what the contact's portal permissions open, in order."""
    scope = Scope(customer_id=contact.customer_id)
    found = []
    for kind, module in KIND_MODULES.items():
        if contact.may_use(module):
            query = sent_documents(kind, scope).with_only_columns(Document.id)
            found += [(Document, i) for i in db.session.scalars(query.order_by(Document.id))]
    if contact.may_use("contracts"):
        query = sent_contracts(scope).with_only_columns(Contract.id).order_by(Contract.id)
        found += [(Contract, i) for i in db.session.scalars(query)]
    return found


def _write_pdfs(archive: zipfile.ZipFile, contact: Contact) -> list[str]:
    """Each PDF rendered (or taken from storage), written, and let go before the next."""
    names = []
    for entity, record_id in document_ids(contact):
        record = db.session.get(entity, record_id)
        if entity is Contract:
            name = f"contracts/{contract_filename(record, from_portal=True)}"
            pdf = contract_pdf(record, from_portal=True)
        else:
            name = f"documents/{pdf_filename(record)}"
            pdf = document_pdf(record, from_portal=True, keep=True)
        archive.writestr(name, pdf)
        names.append(name)
        db.session.expunge(record)
    return names


def build_export(contact: Contact) -> tuple[tempfile.SpooledTemporaryFile, list[str]]:
    """The ZIP (rewound, to stream) and the names of the PDFs it holds."""
    language = contact_email(contact)
    spooled = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 (streamed, then closed)
    with zipfile.ZipFile(spooled, "w", zipfile.ZIP_DEFLATED) as archive:
        _write_json(archive, contact, language)
        names = _write_pdfs(archive, contact)
    spooled.seek(0)
    return spooled, names


def stream(spooled) -> Iterator[bytes]:
    """The file in chunks, closed at the end (or when the client goes away)."""
    try:
        while chunk := spooled.read(CHUNK):
            yield chunk
    finally:
        spooled.close()


def export_filename(contact: Contact) -> str:
    return f"personal-data-contact-{contact.id}.zip"
