"""Check 10: the search terms carry their customer's company key. The terms table keeps a copy
of it so that a page in name order reads a word's customers in that order (issue 21); a copy
that drifted would put a customer out of place in searches, or past the page that shows it."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer, CustomerSearchTerm
from app.services.integrity.registry import Problem, check, customer


@check("search_terms", "Search terms carry their customer's company key", order=90)
def search_terms() -> list[Problem]:
    query = (
        select(Customer.id, Customer.company, Customer.company_key, func.count(),
               func.min(CustomerSearchTerm.company_key))
        .join(CustomerSearchTerm, CustomerSearchTerm.customer_id == Customer.id)
        .where(CustomerSearchTerm.company_key != Customer.company_key)
        .group_by(Customer.id, Customer.company, Customer.company_key)
        .order_by(Customer.id)
    )  # fmt: skip
    return [
        Problem(
            f"search terms of customer id {customer_id}",
            f"{count} term(s) carry another company key than the customer's "
            "(fix: flask --app wsgi search rebuild)",
            customer=customer(company, customer_id),
            expected=repr(key),
            found=repr(found),
        )
        for customer_id, company, key, count, found in db.session.execute(query)
    ]
