"""New customer: a VAT number's country prefix picks the country when none is chosen, its
message never speaks of a chosen country that is not there, and a password typed while "Send a
link" is chosen is ignored."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Customer
from tests.factories import make_user
from tests.factories import new_customer_form as form_data

URL = "/admin/customers/new"
HX = {"HX-Request": "true"}


def post(client, data, **kwargs):
    return client.post_form(URL, data, token_from=URL, **kwargs)


@pytest.fixture
def staff(client, ctx, login_as):
    return login_as(make_user())


@pytest.mark.parametrize(
    "vat,country",
    [("FR40303265045", "FR"), ("DE 136 695 976", "DE"), ("EL094259216", "GR"),
     ("IT00743110157", "IT"), ("ESA28015865", "ES")],
)  # fmt: skip
def test_the_vat_prefix_picks_the_country_on_save(client, staff, vat, country):
    data = form_data(vat_number=vat, country="", phone="", contact_phone="")
    response = post(client, data)
    assert response.status_code == 303, response.get_data(as_text=True)[:1500]
    customer = db.session.scalars(select(Customer)).one()
    assert customer.country == country


def test_a_chosen_country_stays(client, staff):
    response = post(client, form_data(vat_number="DE136695976", country="AT", phone=""))
    assert response.status_code == 303
    assert db.session.scalars(select(Customer)).one().country == "AT"


def test_the_prefix_lets_the_phone_be_read_in_that_country(client, staff):
    post(client, form_data(vat_number="FR40303265045", country="", phone="01 42 68 53 00"))
    assert db.session.scalars(select(Customer)).one().phone == "+33142685300"


WORDS = {
    "en": ("Country from the VAT number: France", "not valid for its prefix FR (France)"),
    "fr": (
        "Pays d'après le numéro de TVA\u00a0: France",
        "pas valide pour son préfixe FR (France)",
    ),
    "de": ("Land laut USt-IdNr.: Frankreich", "für ihr Präfix FR (Frankreich) ungültig"),
    "es": ("País según el NIF-IVA: Francia", "no es válido para su prefijo FR (Francia)"),
}


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_check_on_leaving_the_field_names_the_country(client, ctx, login_as, language):
    login_as(make_user(language=language))
    named, invalid = WORDS[language]
    data = form_data(vat_number="FR40303265045", country="", _validate="vat_number")
    body = post(client, data, headers=HX).get_data(as_text=True)
    assert named in body and 'data-fill="country" data-fill-value="FR"' in body
    assert "vat_number-error" not in body
    bad = form_data(vat_number="FR00000000001", country="", _validate="vat_number")
    body = post(client, bad, headers=HX).get_data(as_text=True)
    assert invalid in body and "data-fill" not in body  # a wrong number picks nothing
    assert "chosen country" not in body and "pays choisi" not in body
    chosen = form_data(vat_number="FR40303265045", country="BE", _validate="vat_number")
    assert "data-fill" not in post(client, chosen, headers=HX).get_data(as_text=True)


def test_a_refused_form_shows_the_country_the_save_will_take(client, staff):
    body = post(client, form_data(company="", country="")).get_data(as_text=True)
    assert '<option selected value="FR">' in body


def test_without_a_country_or_prefix_the_message_names_no_country(client, staff):
    body = post(client, form_data(vat_number="12", country="")).get_data(as_text=True)
    assert "A VAT number has 4 to 20 letters and digits." in body
    assert "chosen country" not in body


def test_a_password_typed_before_choosing_send_a_link_is_not_kept(client, staff, inbox):
    data = form_data(password_choice="link", contact_password="x")  # too short if it counted
    assert post(client, data).status_code == 303
    contact = db.session.scalars(select(Customer)).one().contacts[0]
    assert contact.password_hash is None
    assert "mot de passe" in inbox.only()["Subject"]  # the link was sent instead
