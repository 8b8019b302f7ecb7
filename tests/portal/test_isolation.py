"""Every portal URL is scoped to the signed-in contact's customer."""

from tests.access import ACCESS, customer_objects, real_url
from tests.factories import make_contact, make_customer


def test_ids_of_another_customer_are_404(app, client, ctx, login_as):
    """Each portal route with an id, given a real object of another customer, answers 404
    (the same routes answer 200 with the contact's own: see tests/admin/test_access.py)."""
    customer_a, customer_b = make_customer(company="A Corp"), make_customer(company="B Corp")
    contact = make_contact(customer_a)
    customer_objects(customer_a, contact)  # the contact has objects of each kind too
    theirs = customer_objects(customer_b)
    login_as(contact)
    token = client.csrf_token("/clients/")
    rules = [
        r for r in app.url_map.iter_rules() if ACCESS.get(r.endpoint) == "contact" and "<" in r.rule
    ]
    assert len(rules) >= 16
    for rule in rules:
        url = real_url(rule, theirs)
        if "GET" in rule.methods:
            assert client.get(url).status_code == 404, url
        if "POST" in rule.methods:
            assert client.post(url, data={"csrf_token": token, "body": "x"}).status_code == 404, url


def test_pages_without_ids_show_only_the_contacts_own_customer(app, client, ctx, login_as):
    customer_a, customer_b = make_customer(company="A Corp"), make_customer(company="B Corp")
    make_contact(customer_b, first_name="Bob")
    login_as(make_contact(customer_a, first_name="Ann"))
    pages = [
        r.rule
        for r in app.url_map.iter_rules()
        if ACCESS.get(r.endpoint) == "contact" and "GET" in r.methods and "<" not in r.rule
    ]
    assert len(pages) >= 8
    for url in pages:
        response = client.get(url)
        if response.mimetype == "application/pdf":  # the statement's PDF: its text
            from tests.sales.test_pdf import pdf_text

            body = pdf_text(response.data)
        else:
            body = response.get_data(as_text=True)
        assert "B Corp" not in body and "Bob" not in body, url
