"""*Copy* on an invoice, estimate or proposal: a new draft with the same customer, lines,
discount, notes, terms, currency and language, dated today, opened at once."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ActivityLog, Document
from app.services.sales.service import ItemInput
from tests.factories import make_admin, make_currency, make_customer, make_document

LINES = [
    ItemInput("Design", Decimal("2"), Decimal("450"), unit="day", long_description="Two pages"),
    ItemInput("Hosting", Decimal("12"), Decimal("9.5")),
]
COPY = {"en": "Copy", "fr": "Copier", "de": "Kopieren", "es": "Copiar"}


@pytest.fixture
def admin(client, ctx, login_as):
    user = make_admin()
    login_as(user)
    return user


@pytest.mark.parametrize(
    ("kind", "status", "number"),
    [("invoice", "paid", None), ("estimate", "accepted", "EST-000002"),
     ("proposal", "declined", "PRO-000002")],
)  # fmt: skip
def test_copy_makes_a_draft_with_the_same_lines(client, admin, kind, status, number):
    make_currency("USD", symbol="$")
    customer = make_customer(company="Atelier Lumière", language="fr")
    source = make_document(
        customer, kind=kind, status=status, lines=LINES, language="de", discount_type="percent",
        discount_value=Decimal("10"), notes="Danke", terms="IBAN DE89 3704", body="<p>Hi</p>",
    )  # fmt: skip
    source.currency_code = "USD"
    db.session.commit()
    url = f"/admin/{kind}s/{source.id}"
    response = client.post_form(f"{url}/copy", token_from=url)
    copy = db.session.scalars(select(Document).where(Document.id != source.id)).one()
    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/{kind}s/{copy.id}"
    assert (copy.kind, copy.status, copy.number) == (kind, "draft", number)
    assert copy.customer_id == customer.id and copy.issue_date == date.today()

    def lines(document):
        return [(i.description, i.quantity, i.rate, i.unit, i.long_description)
                for i in document.items]  # fmt: skip

    assert lines(copy) == lines(source) and len(lines(copy)) == 2
    assert (copy.discount_type, copy.discount_value) == ("percent", Decimal("10"))
    assert (copy.notes, copy.terms, copy.language) == ("Danke", "IBAN DE89 3704", "de")
    assert copy.currency_code == "USD" and copy.total == source.total
    assert (copy.body == "<p>Hi</p>") == (kind == "proposal")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "A copy was made" in page and "Design" in page
    actions = db.session.scalars(select(ActivityLog.action)).all()
    assert "document.copied" in actions


def test_copy_takes_the_customers_details_as_they_are_now(client, admin):
    customer = make_customer(company="Old Name")
    source = make_document(customer, status="unpaid")
    customer.company = "New Name"
    db.session.commit()
    url = f"/admin/invoices/{source.id}"
    client.post_form(f"{url}/copy", token_from=url)
    copy = db.session.scalars(select(Document).where(Document.id != source.id)).one()
    assert copy.client_company == "New Name" and source.client_company == "Old Name"


@pytest.mark.parametrize("language", COPY)
def test_every_document_page_offers_copy(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    for kind in ("invoice", "estimate", "proposal"):
        document = make_document(kind=kind)
        page = client.get(f"/admin/{kind}s/{document.id}").get_data(as_text=True)
        assert f'action="/admin/{kind}s/{document.id}/copy"' in page and COPY[language] in page


def test_copy_of_another_kinds_id_is_not_found(client, admin):
    estimate = make_document(kind="estimate")
    response = client.post_form(f"/admin/invoices/{estimate.id}/copy", token_from="/admin/")
    assert response.status_code == 404
    assert len(db.session.scalars(select(Document)).all()) == 1
