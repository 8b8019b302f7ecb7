"""A statement PDF, an emailed statement or a report export asked for with dates that cannot
be used is refused with a short page saying why (422): never the default period in its place."""

from datetime import date

import pytest

from tests.factories import make_admin, make_contact, make_customer
from tests.sales.statement_factories import issued

BACKWARDS = {"from": "2026-12-01", "to": "2026-01-01"}
BACKWARDS_SAYS = {
    "en": "The end of the period may not come before its start.",
    "fr": "La fin de la période ne peut pas précéder son début.",
}
REPORTS = [
    "/admin/reports/sales-journal.csv",
    "/admin/reports/sales-journal.xlsx",
    "/admin/reports/vat-summary.csv",
    "/admin/reports/vat-summary.xlsx",
]


def _customer():
    customer = make_customer(company="Boulangerie Martin")
    issued(customer, 900, date(2026, 3, 2), date(2026, 4, 1))
    return customer


def _refused(response, says: str) -> None:
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert says in page, page


@pytest.mark.parametrize("url", REPORTS)
def test_report_exports_refuse_bad_dates(client, ctx, login_as, url):
    login_as(make_admin())
    _customer()
    _refused(client.get(url, query_string=BACKWARDS), BACKWARDS_SAYS["en"])
    _refused(client.get(url, query_string={"from": "abc"}), "This period cannot be used")
    assert (
        client.get(url, query_string={"from": "2026-03-01", "to": "2026-03-31"}).status_code == 200
    )


def test_the_statement_pdf_refuses_bad_dates_in_the_users_language(client, ctx, login_as):
    login_as(make_admin(language="fr"))
    customer = _customer()
    url = f"/admin/customers/{customer.id}/statement/pdf"
    _refused(client.get(url, query_string=BACKWARDS), BACKWARDS_SAYS["fr"])
    _refused(client.get(url, query_string={"from": "2026-02-30"}), "période")
    ok = client.get(url, query_string={"from": "2026-03-01", "to": "2026-03-31"})
    assert ok.status_code == 200 and ok.mimetype == "application/pdf"


def test_the_portal_statement_pdf_refuses_bad_dates(client, ctx, login_as):
    login_as(make_contact(_customer()))
    _refused(client.get("/clients/statement/pdf", query_string=BACKWARDS), BACKWARDS_SAYS["en"])


def test_an_emailed_statement_with_bad_dates_sends_nothing(client, ctx, login_as, inbox):
    login_as(make_admin())
    customer = _customer()
    make_contact(customer, email="lee@example.com")
    url = f"/admin/customers/{customer.id}/statement/send"
    for period in (BACKWARDS, {"from": "abc", "to": "2026-03-31"}):
        response = client.post_form(url, period, token_from="/admin/", follow_redirects=True)
        assert "This period cannot be used: choose it again." in response.get_data(as_text=True)
    assert inbox.messages == []
