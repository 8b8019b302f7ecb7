"""check-data finds search terms whose copy of the company key drifted from their customer's
(a page in name order would show that customer out of place), names the customer, and
`flask search rebuild` writes every customer's terms again."""

from sqlalchemy import select, text

from app.extensions import db
from app.models import Customer, CustomerSearchTerm
from tests.factories import make_user
from tests.factories import new_customer_form as form_data

URL = "/admin/customers/new"


def terms() -> list[tuple]:
    query = select(CustomerSearchTerm.customer_id, CustomerSearchTerm.term,
                   CustomerSearchTerm.company_key).order_by(CustomerSearchTerm.customer_id,
                                                            CustomerSearchTerm.term)  # fmt: skip
    return [tuple(row) for row in db.session.execute(query)]


def run(app, *args):
    db.session.commit()
    result = app.test_cli_runner().invoke(args=list(args))
    return result.exit_code, result.output


def test_drifted_company_keys_are_reported_then_rebuilt(app, client, ctx, login_as):
    login_as(make_user())
    for company, vat in (("Boulangerie Martin SARL", "FR40303265045"), ("Zoë & Fils", "")):
        data = form_data(company=company, vat_number=vat, contact_email=f"{company[:3]}@x.fr")
        assert client.post_form(URL, data, token_from=URL).status_code in (200, 303)
    martin, zoe = db.session.scalars(select(Customer).order_by(Customer.id)).all()
    good = terms()
    assert {key for _, _, key in good} == {"boulangerie martin", "zoe fils"}
    assert run(app, "check-data", "--only", "search_terms")[0] == 0

    db.session.execute(text("UPDATE customer_search_terms SET company_key = 'aaa' "
                            "WHERE customer_id = :id"), {"id": zoe.id})  # fmt: skip
    code, output = run(app, "check-data", "--only", "search_terms")
    assert code == 1
    assert f"search terms of customer id {zoe.id}" in output
    assert f"Zoë & Fils (id {zoe.id})" in output and "flask --app wsgi search rebuild" in output
    assert f"customer id {martin.id}" not in output

    code, output = run(app, "search", "rebuild", "--batch", "1")
    assert code == 0 and "2 customer(s) reindexed." in output
    db.session.expire_all()
    assert terms() == good
    assert run(app, "check-data", "--only", "search_terms")[0] == 0
