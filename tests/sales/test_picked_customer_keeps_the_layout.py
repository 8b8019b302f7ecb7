"""Picking a customer on New invoice / New estimate opens the whole page, not a bare form."""

import pytest

from tests.factories import make_customer, make_user

BOOSTED = {"HX-Request": "true", "HX-Boosted": "true", "HX-Current-URL": "http://localhost/"}


@pytest.mark.parametrize("kind", ["invoice", "estimate"])
def test_a_boosted_pick_answers_the_whole_page(client, ctx, login_as, kind):
    login_as(make_user())
    customer = make_customer(company="Atelier Lumière")
    response = client.get(f"/admin/{kind}s/new?customer={customer.id}", headers=BOOSTED)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="topbar"' in body and 'class="sidebar"' in body  # header and menu
    assert f"<title>New {kind} · Comptoir</title>" in body and f"<h1>New {kind}</h1>" in body
    assert 'id="document-form"' in body
    assert {"HX-Request", "HX-Boosted"} <= set(response.vary)


def test_a_plain_htmx_request_still_gets_its_block(client, ctx, login_as):
    login_as(make_user())
    customer = make_customer(company="Atelier Lumière")
    response = client.get(
        f"/admin/invoices/new?customer={customer.id}", headers={"HX-Request": "true"}
    )
    body = response.get_data(as_text=True)
    assert 'id="document-form"' in body and 'class="sidebar"' not in body
