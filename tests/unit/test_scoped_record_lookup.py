"""A record is looked up through the asking person's scope: a contact cannot load another
customer's record (404), staff can."""

import pytest
from werkzeug.exceptions import NotFound

from app.models import Contract, Customer, Document, Project, Ticket, TicketAttachment
from app.services.scope import scope_of
from app.services.tickets.queries import find_ticket_attachment
from tests.factories import (
    make_contact,
    make_contract,
    make_customer,
    make_document,
    make_project,
    make_ticket,
    make_user,
)


def records(customer):
    """One record of each scoped kind, all belonging to `customer`."""
    return {
        Customer: customer,
        Contract: make_contract(customer),
        Document: make_document(customer),
        Project: make_project(customer),
        Ticket: make_ticket(make_contact(customer)),
    }


def test_a_contact_loads_only_its_own_customers_records(ctx):
    own, other = make_customer(company="Own"), make_customer(company="Other")
    scope = scope_of(make_contact(own))
    for entity, record in records(other).items():
        assert scope.get(entity, record.id) is None, entity
        with pytest.raises(NotFound):
            scope.get_or_404(entity, record.id)
    for entity, record in records(own).items():
        assert scope.get_or_404(entity, record.id) is record, entity


def test_staff_load_every_customers_records(ctx):
    scope = scope_of(make_user())
    for entity, record in records(make_customer(company="Any")).items():
        assert scope.get_or_404(entity, record.id) is record, entity


def test_ticket_files_follow_the_scope_and_hide_internal_notes_from_contacts(ctx):
    own, other = make_customer(company="Own"), make_customer(company="Other")
    contact = make_contact(own)
    ticket = make_ticket(contact, attachment=b"hello")
    attachment = ticket.replies[0].attachments[0]
    assert find_ticket_attachment(ticket.id, attachment.id, scope_of(contact)) is attachment
    assert find_ticket_attachment(ticket.id, attachment.id, scope_of(make_contact(other))) is None
    assert find_ticket_attachment(ticket.id + 1, attachment.id, scope_of(make_user())) is None
    ticket.replies[0].internal = True
    assert find_ticket_attachment(ticket.id, attachment.id, scope_of(contact)) is None
    found = find_ticket_attachment(ticket.id, attachment.id, scope_of(make_user()))
    assert isinstance(found, TicketAttachment) and found is attachment


def test_settings_rows_are_for_staff_only(ctx):
    from decimal import Decimal

    from app.models import TaxRate
    from app.services.sales.taxes import save_tax

    tax = save_tax(None, "VAT", Decimal("20"))
    assert scope_of(make_user()).get_or_404(TaxRate, tax.id) is tax
    assert scope_of(make_contact(make_customer())).get(TaxRate, tax.id) is None
