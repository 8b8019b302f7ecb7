"""One English word, two meanings: a status keeps its word, the verb or column gets its own."""

import json

from app.extensions import db
from app.models import Ticket
from tests.factories import make_contact, make_customer, make_document, make_user


def test_quick_create_offers_to_open_the_customer_not_an_open_status(client, ctx, login_as):
    login_as(make_user(language="fr"))
    url = "/admin/customers/quick"
    response = client.post_form(
        url, {"company": "Rapide SARL"}, token_from=url, headers={"HX-Request": "true"}
    )
    assert json.loads(response.headers["HX-Trigger"])["showToast"]["label"] == "Ouvrir"
    customer = make_customer()
    db.session.add(Ticket(customer_id=customer.id, contact=make_contact(customer), subject="Aide"))
    db.session.commit()
    tickets = client.get("/admin/tickets").get_data(as_text=True)
    assert '<span class="badge status-open">Ouvert</span>' in tickets


def test_the_paid_column_is_an_amount_not_an_invoices_status(client, ctx, login_as):
    login_as(make_user(language="fr"))
    make_document(make_customer(), status="paid")
    report = client.get("/admin/reports/customer-groups").get_data(as_text=True)
    assert ">Payé</a></th>" in report and 'data-label="Payé"' in report
    assert "Payée" not in report
    top = client.get("/admin/reports/customers").get_data(as_text=True)
    assert '<th scope="col" class="num">Payé</th>' in top
    csv = client.get("/admin/reports/customer-groups.csv").get_data(as_text=True)
    assert ",Payé," in csv.splitlines()[0]
    invoices = client.get("/admin/invoices").get_data(as_text=True)
    assert '<span class="badge doc-paid">Payée</span>' in invoices
