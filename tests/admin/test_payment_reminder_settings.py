"""Settings → Finance, payment reminders: defaults, saving, bad input refused beside its field
(422, nothing saved); a customer's Advanced options exclude it from reminders."""

import html
import re

import pytest

from app.extensions import db
from app.models import Customer
from app.services.sales.reminder_schedule import offsets, reminder_settings
from tests.factories import make_admin, make_customer

URL = "/admin/settings/finance/reminders"
PAGE = "/admin/settings/finance"
WHOLE = {
    "en": "Enter a whole number of days from 1 to 365, or leave it empty.",
    "fr": "Saisissez un nombre entier de jours de 1 à 365, ou laissez vide.",
    "de": "Geben Sie eine ganze Zahl von Tagen von 1 bis 365 ein oder lassen Sie das Feld leer.",
    "es": "Introduzca un número entero de días de 1 a 365, o déjelo vacío.",
}
DISTINCT = "Each reminder after the due date needs its own number of days."


def _form(**overrides) -> dict:
    data = {
        "payment_reminder_before": "",
        "payment_reminder_after_1": "7",
        "payment_reminder_after_2": "14",
        "payment_reminder_after_3": "30",
    }
    return data | overrides


def _error_beside(page: str, field: str) -> str:
    """The error shown under `field` (its wrapper's <p class="error">), else ''."""
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    return html.unescape(match.group(1)) if match else ""


@pytest.fixture
def admin(client, ctx, login_as):
    login_as(make_admin())


def test_defaults_are_off_before_and_7_14_30_after(client, admin):
    assert offsets() == {"after_1": 7, "after_2": 14, "after_3": 30}
    page = client.get(PAGE).get_data(as_text=True)
    assert "Payment reminders" in page
    (before,) = re.findall(r'<input[^>]*name="payment_reminder_before"[^>]*>', page)
    assert 'value=""' in before or "value=" not in before
    assert re.search(r'name="payment_reminder_after_2"[^>]*value="14"', page)


def test_saving_turns_stages_on_and_off(client, admin):
    data = _form(payment_reminder_before="3", payment_reminder_after_2="")
    response = client.post_form(URL, data, token_from=PAGE)
    assert response.status_code == 303 and response.headers["Location"].endswith(PAGE)
    db.session.expire_all()
    assert reminder_settings() == {
        "payment_reminder_before": 3,
        "payment_reminder_after_1": 7,
        "payment_reminder_after_2": None,
        "payment_reminder_after_3": 30,
    }
    assert offsets() == {"before": -3, "after_1": 7, "after_3": 30}
    page = client.get(PAGE).get_data(as_text=True)
    assert "Payment reminders saved." in page
    assert re.search(r'name="payment_reminder_after_2"[^>]*value=""', page)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
@pytest.mark.parametrize("value", ["0", "366", "-2"])
def test_days_out_of_range_are_refused_beside_the_field(client, ctx, login_as, language, value):
    login_as(make_admin(language=language))
    response = client.post_form(URL, _form(payment_reminder_after_3=value), token_from=PAGE)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert _error_beside(page, "payment_reminder_after_3") == WHOLE[language]
    assert 'name="payment_reminder_after_3"' in page and f'value="{value}"' in page  # kept
    assert reminder_settings()["payment_reminder_after_3"] == 30  # nothing saved


@pytest.mark.parametrize("value", ["1.5", "abc", "7,5", "1e2"])
def test_anything_but_a_whole_number_is_refused(client, admin, value):
    response = client.post_form(URL, _form(payment_reminder_before=value), token_from=PAGE)
    assert response.status_code == 422
    assert _error_beside(response.get_data(as_text=True), "payment_reminder_before")
    assert reminder_settings()["payment_reminder_before"] is None


def test_two_reminders_on_the_same_day_are_refused(client, admin):
    data = _form(payment_reminder_before="7", payment_reminder_after_2="7")
    response = client.post_form(URL, data, token_from=PAGE)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert _error_beside(page, "payment_reminder_after_2") == DISTINCT
    assert _error_beside(page, "payment_reminder_before") == ""  # 7 before and 7 after is fine
    assert reminder_settings()["payment_reminder_before"] is None


def test_a_reload_of_the_refused_form_goes_to_the_finance_page(client, admin):
    response = client.get(URL)
    assert response.status_code == 303 and response.headers["Location"].endswith(PAGE)


def test_the_customer_form_excludes_a_customer_and_includes_it_again(client, admin):
    customer = make_customer(company="Late Payer")
    url = f"/admin/customers/{customer.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Do not send payment reminders" in page
    data = {"company": "Late Payer", "version": str(customer.version)}
    response = client.post_form(url, data | {"skip_payment_reminders": "y"}, token_from=url)
    assert response.status_code == 303
    db.session.expire_all()
    saved = db.session.get(Customer, customer.id)
    assert saved.payment_reminders is False
    (box,) = re.findall(r"<input[^>]*skip_payment_reminders[^>]*>", client.get(url).text)
    assert " checked" in box
    response = client.post_form(url, data | {"version": str(saved.version)}, token_from=url)
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Customer, customer.id).payment_reminders is True


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_text_is_kept_and_refused_in_our_words_with_every_other_error_at_once(
    client, ctx, login_as, language
):
    login_as(make_admin(language=language))
    data = _form(
        payment_reminder_before="abc",
        payment_reminder_after_1="−3",
        payment_reminder_after_2="0",
        payment_reminder_after_3="1,5",
    )
    response = client.post_form(URL, data, token_from=PAGE)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for field in data:
        assert _error_beside(page, field) == WHOLE[language]
    assert "Not a valid integer" not in page
    assert re.search(r'name="payment_reminder_before"[^>]*value="abc"', page)  # kept as typed
    assert reminder_settings()["payment_reminder_after_1"] == 7  # nothing saved


def test_numbers_are_read_in_the_users_language(client, ctx, login_as):
    login_as(make_admin(language="fr"))
    data = _form(payment_reminder_after_3="1 0", payment_reminder_before="2,0")
    response = client.post_form(URL, data, token_from=PAGE)
    assert response.status_code == 422  # "1 0" is no number
    response = client.post_form(URL, _form(payment_reminder_before="3"), token_from=PAGE)
    assert response.status_code == 303
    db.session.expire_all()
    assert reminder_settings()["payment_reminder_before"] == 3


def test_reminders_after_the_due_date_come_in_increasing_order(client, admin):
    data = _form(payment_reminder_after_1="30", payment_reminder_after_2="14",
                 payment_reminder_after_3="7")  # fmt: skip
    response = client.post_form(URL, data, token_from=PAGE)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    later = "Each reminder after the due date comes later than the one before it"
    assert _error_beside(page, "payment_reminder_after_1") == ""
    assert _error_beside(page, "payment_reminder_after_2").startswith(later)
    assert _error_beside(page, "payment_reminder_after_3").startswith(later)
    assert offsets() == {"after_1": 7, "after_2": 14, "after_3": 30}  # nothing saved
    ok = _form(
        payment_reminder_after_1="5", payment_reminder_after_2="", payment_reminder_after_3="9"
    )
    assert client.post_form(URL, ok, token_from=PAGE).status_code == 303
    db.session.expire_all()
    assert offsets() == {"after_1": 5, "after_3": 9}


def test_the_settings_page_says_finance_holds_the_payment_reminders(client, admin):
    page = client.get("/admin/settings/").get_data(as_text=True)
    assert "due days, payment reminders, registration numbers" in page
