"""A list asked for by a portal contact holds only their customer's rows; staff see all."""

from app.extensions import db
from app.models import Project, Ticket
from app.services.contracts.queries import ContractFilters, contracts_query
from app.services.customers.queries import CustomerFilters, customers_query
from app.services.projects.queries import ProjectFilters, projects_query
from app.services.sales.queries import DocumentFilters, documents_query
from app.services.scope import scope_of
from app.services.tickets.queries import TicketFilters, tickets_query
from tests.factories import make_admin, make_contact, make_contract, make_customer, make_document


def test_a_contact_scope_narrows_every_list_to_their_customer(ctx):
    ours, theirs = make_customer(company="Ours"), make_customer(company="Theirs")
    contact = make_contact(ours)
    for customer in (ours, theirs):
        make_document(customer, status="unpaid")
        make_contract(customer)
        db.session.add(Ticket(customer=customer, contact=contact, subject="Help"))
        db.session.add(Project(customer=customer, name="Site"))
    db.session.commit()
    queries = (
        customers_query(CustomerFilters(), scope_of(contact)),
        documents_query(DocumentFilters(kind="invoice"), scope_of(contact)),
        contracts_query(ContractFilters(), scope_of(contact)),
        tickets_query(TicketFilters(), scope_of(contact)),
        projects_query(ProjectFilters(), scope_of(contact)),
    )
    for query in queries:
        rows = db.session.scalars(query).all()
        owners = {getattr(row, "customer_id", getattr(row, "id", None)) for row in rows}
        assert owners == {ours.id}, query
    staff = scope_of(make_admin())
    assert len(db.session.scalars(tickets_query(TicketFilters(), staff)).all()) == 2
    assert len(db.session.scalars(customers_query(CustomerFilters(), staff)).all()) == 2
