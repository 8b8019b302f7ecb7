"""The invoice, estimate and proposal lists' custom filters (a choice, a number range read in
the reader's language, words starting with) and columns, on both databases; with a custom
filter the invoice list counts its pages and adds up its totals from the filtered invoices,
not from the tallies of every invoice."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from app.extensions import db
from app.models import CustomFieldDefinition, Document
from app.services.sales.service import ItemInput
from tests.custom_fields.test_customer_list_custom_fields import put
from tests.factories import (
    make_admin,
    make_currency,
    make_custom_field,
    make_customer,
    make_document,
)

PATHS = {"invoice": "/admin/invoices", "estimate": "/admin/estimates",
         "proposal": "/admin/proposals"}  # fmt: skip
SENT = {"invoice": "unpaid", "estimate": "sent", "proposal": "sent"}


def documents(kind: str) -> dict:
    """Three documents of `kind` with a region (a choice), hours (a number) and a site (text)."""
    make_currency("EUR", is_default=True)
    region = make_custom_field("region", "choice", entity=kind, labels={"en": "Region"},
                               choices=[("north", "North"), ("south", "South")])  # fmt: skip
    hours = make_custom_field("hours", "number", entity=kind,
                              labels={"en": "Hours", "fr": "Heures"})  # fmt: skip
    site = make_custom_field("site", "text", entity=kind, labels={"en": "Site"})
    customer = make_customer()
    made = {}
    for name, (area, number, place, price) in {
        "a": ("north", "12.5", "Lyon-Part-Dieu", "123.45"),
        "b": ("south", "1500", "Marseille", "10"),
        "c": ("south", "40", "Lille", "20"),
    }.items():
        line = ItemInput("Work", Decimal(1), Decimal(price))
        document = make_document(customer, kind=kind, status=SENT[kind], lines=[line])
        put(region, document, kind, value_text=area)
        put(hours, document, kind, value_number=Decimal(number))
        put(site, document, kind, value_text=place)
        made[name] = document
    return made


@pytest.mark.parametrize("kind", PATHS)
def test_each_list_filters_by_a_choice_a_number_range_and_a_word_and_shows_a_column(
    kind, client, ctx, login_as
):
    made = documents(kind)
    login_as(make_admin(language="fr"))

    def listed(**params):
        response = client.get(PATHS[kind], query_string=params)
        assert response.status_code == 200
        page = response.text
        return sorted(n for n, d in made.items() if f">{d.number}</a>" in page), page

    everything, page = listed()
    assert everything == ["a", "b", "c"]
    assert 'name="cf_region"' in page and 'name="cf_hours_min"' in page and "Heures" in page
    assert listed(cf_region="north")[0] == ["a"]
    assert listed(cf_region="east")[0] == ["a", "b", "c"]  # not a choice: ignored
    assert listed(cf_hours_min="40")[0] == ["b", "c"]
    assert listed(cf_hours_max="12,5")[0] == ["a"]  # French decimal comma
    assert listed(cf_hours_min="40", cf_hours_max="100")[0] == ["c"]
    assert listed(cf_hours_max="abc")[0] == ["a", "b", "c"]  # unreadable: ignored
    assert listed(cf_hours_min="1.2.3")[0] == ["a", "b", "c"]
    assert listed(cf_site="part")[0] == ["a"]  # a word of "Lyon-Part-Dieu"
    assert listed(cf_site="l")[0] == ["a", "c"]
    assert listed(cf_site="lyon dieu", cf_region="north")[0] == ["a"]
    assert listed(cf_site="art")[0] == []  # words starting with, not containing
    kept = listed(cf_region="south", cf_hours_min="40")[1]
    assert '<option selected value="south">' in kept or 'value="south" selected' in kept
    assert 'value="40"' in kept
    shown = listed(col="hours")[1]
    assert '<th scope="col">Heures</th>' in shown
    assert '<td data-label="Heures">1\u202f500</td>' in shown
    assert '<th scope="col">Heures</th>' not in page  # only when ticked


def test_with_a_custom_filter_the_invoice_list_counts_and_adds_up_the_filtered_invoices(
    client, ctx, login_as
):
    made = documents("invoice")
    customer = made["a"].customer
    # 101 more invoices of 1 EUR, written at once (the tallies count them): two pages in all.
    db.session.add_all(
        Document(kind="invoice", status="unpaid", customer_id=customer.id, number=f"X-{n:04d}",
                 issue_date=date(2026, 10, 1), currency_code="EUR", currency_decimals=2,
                 language="en", client_company="Bulk SA", total=Decimal(1),
                 amount_paid=Decimal(0))
        for n in range(101)
    )  # fmt: skip
    db.session.commit()
    login_as(make_admin())
    everything = client.get(PATHS["invoice"]).text
    assert "Page 1 of 2" in everything
    assert "<strong>€254.45</strong>" in everything  # 123.45 + 10 + 20 + 101
    north = client.get(PATHS["invoice"], query_string={"cf_region": "north"}).text
    assert "Page 1 of" not in north and "X-0001" not in north
    assert "<strong>€123.45</strong>" in north and "€254.45" not in north
    south = client.get(PATHS["invoice"], query_string={"cf_region": "south", "status": "due"})
    assert "<strong>€30.00</strong>" in south.text
    none = client.get(PATHS["invoice"], query_string={"cf_hours_min": "100000"}).text
    assert "in total" not in none and made["a"].number not in none


def test_a_filtered_list_with_a_column_runs_the_same_queries_for_1_and_20_rows(
    app, client, ctx, login_as
):
    made = documents("invoice")
    login_as(make_admin())
    url = f"{PATHS['invoice']}?cf_region=south&cf_hours_min=1&cf_site=l&col=hours&col=region"
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    def queries() -> tuple[int, str]:
        client.get(url)  # the first request warms what is cached
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            statements.clear()
            page = client.get(url).text
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        return len(statements), page

    one, page = queries()  # "c" (Lille) alone
    assert page.count('<td data-label="Hours">') == 1
    fields = {f.key: f for f in db.session.scalars(select(CustomFieldDefinition))}
    for n in range(19):
        document = make_document(made["c"].customer, status="unpaid")
        put(fields["region"], document, "invoice", value_text="south")
        put(fields["hours"], document, "invoice", value_number=Decimal(n + 1))
        put(fields["site"], document, "invoice", value_text=f"Lens {n}")
    many, page = queries()
    assert page.count('<td data-label="Hours">') == 20
    assert one == many


@pytest.mark.parametrize("odd", ["1e400", "NaN", "-Infinity", "9" * 40, "\x00", "1,2,3", "٣", "-"])
def test_odd_filter_values_are_ignored_or_read_never_a_server_error(odd, client, ctx, login_as):
    made = documents("estimate")
    login_as(make_admin())
    for params in ({"cf_hours_min": odd}, {"cf_hours_max": odd}, {"cf_site": odd},
                   {"cf_region": odd}, {"col": odd}):  # fmt: skip
        response = client.get(PATHS["estimate"], query_string=params)
        # A NUL byte is refused for every request (app/security.py); the rest is read or ignored.
        assert response.status_code == (400 if "\x00" in odd else 200), params
        ignored = "cf_region" in params or "col" in params  # not a choice nor a column
        if ignored and odd != "\x00":
            assert all(d.number in response.text for d in made.values()), params
