"""Replacing a person's name, email and phone in the text of every row that may quote them, for
an erasure: one regular expression over the words to take out, each replaced by its placeholder
(the name by "Erased contact #12", the email by "erased-12@invalid")."""

import html
import json
import re
from collections.abc import Iterable

from sqlalchemy import and_, or_, select

from app.extensions import db
from app.models import (
    ActivityLog,
    Contract,
    CustomerFile,
    CustomerNote,
    CustomFieldValue,
    Document,
    DocumentItem,
    KbVote,
    NoteVersion,
    OutboxMessage,
    PrivacyRequest,
    Project,
    RecurringInvoice,
    RecurringItem,
    Reminder,
    Task,
    TaskComment,
    Ticket,
    TicketAttachment,
    TicketReply,
)
from app.services.custom_fields.terms import index_record

BATCH = 500
SHORTEST = 3  # a needle shorter than this (a one-letter name) would replace too much


class Scrubber:
    """The words of one erasure and what replaces each (case ignored, HTML-escaped forms too)."""

    def __init__(self, replacements: dict[str, str]):
        self.replacements: dict[str, str] = {}
        for needle, placeholder in replacements.items():
            needle = (needle or "").strip()
            if len(needle) >= SHORTEST:
                for form in {needle, html.escape(needle), html.escape(needle, quote=False)}:
                    self.replacements[form.casefold()] = placeholder
        needles = sorted(self.replacements, key=len, reverse=True)  # the longest first
        self.pattern = (
            re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE) if needles else None
        )

    def text(self, value):
        """`value` (a text, or JSON: dicts, lists) with every needle replaced."""
        if self.pattern is None or value is None:
            return value
        if isinstance(value, str):
            return self.pattern.sub(lambda m: self.replacements[m.group(0).casefold()], value)
        if isinstance(value, dict | list):
            scrubbed = self.text(json.dumps(value, ensure_ascii=False))
            return json.loads(scrubbed)
        return value

    def rows(self, entity, columns: Iterable[str], condition) -> int:
        """Scrub `columns` of the rows of `entity` matching `condition`; how many changed."""
        changed = 0
        ids = list(db.session.scalars(select(entity.id).where(condition).order_by(entity.id)))
        for start in range(0, len(ids), BATCH):
            batch = select(entity).where(entity.id.in_(ids[start : start + BATCH]))
            for row in db.session.scalars(batch):
                for column in columns:
                    before = getattr(row, column)
                    after = self.text(before)
                    if after != before:
                        setattr(row, column, after)
                        changed += 1
            db.session.flush()
        return changed


def kept_documents(customer_id: int):
    """SQL: the customer's documents the law keeps as they are (issued invoices and credit
    notes, 10 years in France; accepted estimates and proposals, the signed record)."""
    return and_(
        Document.customer_id == customer_id,
        or_(
            and_(Document.kind.in_(("invoice", "credit")), Document.number.is_not(None)),
            and_(Document.kind.in_(("estimate", "proposal")), Document.status == "accepted"),
        ),
    )


def kept_contracts(customer_id: int):
    return and_(Contract.customer_id == customer_id, Contract.status == "signed")


DOCUMENT_TEXTS = ("client_company", "notes", "body", "terms", "billing_street", "billing_city",
                  "shipping_street", "shipping_city")  # fmt: skip


def scrub_customer_rows(scrubber: Scrubber, customer_id: int, contact_ids: list[int]) -> None:
    """Every row of the customer (and its contacts) that may quote the person, except the legally
    kept documents and signed contracts, which stay as they were."""
    mine = select(Ticket.id).where(Ticket.customer_id == customer_id)
    tasks = select(Task.id).where(Task.customer_id == customer_id)
    notes = select(CustomerNote.id).where(CustomerNote.customer_id == customer_id)
    kept = select(Document.id).where(kept_documents(customer_id))
    documents = and_(Document.customer_id == customer_id, Document.id.not_in(kept))
    profiles = select(RecurringInvoice.id).where(RecurringInvoice.customer_id == customer_id)
    emails = or_(OutboxMessage.customer_id == customer_id,
                 OutboxMessage.recipient.in_(list(scrubber.replacements)))  # fmt: skip
    for entity, columns, condition in (
        (ActivityLog, ("subject", "changes"), ActivityLog.customer_id == customer_id),
        (Ticket, ("subject",), Ticket.customer_id == customer_id),
        (TicketReply, ("body",), TicketReply.ticket_id.in_(mine)),
        (TicketAttachment, ("filename",), TicketAttachment.reply_id.in_(
            select(TicketReply.id).where(TicketReply.ticket_id.in_(mine)))),
        (Task, ("name",), Task.customer_id == customer_id),
        (TaskComment, ("body",), TaskComment.task_id.in_(tasks)),
        (Project, ("name", "description"), Project.customer_id == customer_id),
        (CustomerNote, ("body",), CustomerNote.customer_id == customer_id),
        (NoteVersion, ("body",), NoteVersion.note_id.in_(notes)),
        (CustomerFile, ("filename", "description"), CustomerFile.customer_id == customer_id),
        (OutboxMessage, ("recipient", "subject", "body_text", "body_html", "last_error"), emails),
        (Reminder, ("description",), Reminder.customer_id == customer_id),
        (Contract, ("subject", "content"),
         and_(Contract.customer_id == customer_id, Contract.status != "signed")),
        (Document, DOCUMENT_TEXTS, documents),
        (DocumentItem, ("description", "long_description"),
         DocumentItem.document_id.in_(select(Document.id).where(documents))),
        (RecurringInvoice, ("notes", "terms"), RecurringInvoice.customer_id == customer_id),
        (RecurringItem, ("description", "long_description"),
         RecurringItem.profile_id.in_(profiles)),
        (KbVote, ("comment",), KbVote.contact_id.in_(contact_ids)),
        (PrivacyRequest, ("reason",), PrivacyRequest.customer_id == customer_id),
    ):  # fmt: skip
        scrubber.rows(entity, columns, condition)
    _scrub_customer_fields(scrubber, customer_id)


def _scrub_customer_fields(scrubber: Scrubber, customer_id: int) -> None:
    """The customer's own text custom fields, and their words in the list filters' index."""
    values = and_(CustomFieldValue.entity_type == "customer",
                  CustomFieldValue.record_id == customer_id)  # fmt: skip
    if scrubber.rows(CustomFieldValue, ("value_text",), values):
        for field_id in set(db.session.scalars(select(CustomFieldValue.field_id).where(values))):
            index_record(field_id, customer_id)
