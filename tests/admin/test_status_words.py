"""One English word, two meanings: a status keeps its word, the verb or column gets its own."""

import csv
import io
import json

import pytest

from app.extensions import db
from app.models import Ticket
from tests.factories import make_contact, make_customer, make_document, make_user

# language: (verb Open, ticket status Open, column Paid, invoice status Paid, answer buttons)
WORDS = {
    "en": ("Open", "Open", "Paid", "Paid", ("Accepted", "Declined")),
    "fr": ("Ouvrir", "Ouvert", "Payé", "Payée", ("Acceptation", "Refus")),
    "de": ("Öffnen", "Offen", "Bezahlt", "Bezahlt", ("Angenommen", "Abgelehnt")),
    "es": ("Abrir", "Abierto", "Pagado", "Pagada", ("Aceptación", "Rechazo")),
}
LANGUAGES = list(WORDS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_quick_create_offers_to_open_the_customer_not_an_open_status(client, ctx, login_as,
                                                                      language):  # fmt: skip
    verb, status, *_ = WORDS[language]
    login_as(make_user(language=language))
    url = "/admin/customers/quick"
    response = client.post_form(
        url, {"company": "Rapide SARL"}, token_from=url, headers={"HX-Request": "true"}
    )
    assert json.loads(response.headers["HX-Trigger"])["showToast"]["label"] == verb
    customer = make_customer()
    db.session.add(Ticket(customer_id=customer.id, contact=make_contact(customer), subject="Aide"))
    db.session.commit()
    tickets = client.get("/admin/tickets").get_data(as_text=True)
    assert f'<span class="badge status-open">{status}</span>' in tickets


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_paid_column_is_an_amount_not_an_invoices_status(client, ctx, login_as, language):
    *_, column, status, _answers = WORDS[language]
    login_as(make_user(language=language))
    make_document(make_customer(), status="paid")
    report = client.get("/admin/reports/customer-groups").get_data(as_text=True)
    assert f">{column}</a></th>" in report and f'data-label="{column}"' in report
    if column != status:
        assert status not in report
    top = client.get("/admin/reports/customers").get_data(as_text=True)
    assert f'<th scope="col" class="num">{column}</th>' in top
    export = client.get("/admin/reports/customer-groups.csv").get_data(as_text=True)
    delimiter = "," if language == "en" else ";"
    header = next(csv.reader(io.StringIO(export.lstrip("\ufeff")), delimiter=delimiter))
    assert header[5] == column
    invoices = client.get("/admin/invoices").get_data(as_text=True)
    assert f'<span class="badge doc-paid">{status}</span>' in invoices


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_customers_answer_buttons_are_not_status_words(client, ctx, login_as, language):
    """Recording the customer's answer on a sent estimate: words that fit any document."""
    accept, decline = WORDS[language][4]
    login_as(make_user(language=language))
    estimate = make_document(make_customer(), kind="estimate", status="sent")
    page = client.get(f"/admin/estimates/{estimate.id}").get_data(as_text=True)
    assert f'value="accept" class="button">{accept}</button>' in page
    assert f'value="decline" class="button">{decline}</button>' in page


def test_a_project_status_agrees_with_project_not_with_ticket(client, ctx, login_as):
    """Polish: a project (masculine) is "Wstrzymany", a ticket (neuter) "Wstrzymane"."""
    from tests.factories import make_project

    login_as(make_user(language="pl"))
    customer = make_customer()
    make_project(customer, status="on_hold")
    ticket = Ticket(customer_id=customer.id, contact=make_contact(customer), subject="Pomoc",
                    status="on_hold")  # fmt: skip
    db.session.add(ticket)
    db.session.commit()
    projects = client.get("/admin/projects").get_data(as_text=True)
    assert '<span class="badge project-status-on_hold">Wstrzymany</span>' in projects
    tickets = client.get("/admin/tickets").get_data(as_text=True)
    assert ">Wstrzymane</span>" in tickets
