"""New customer, field by field: the password box only for "Set it now", the country from the
VAT number's prefix, and a late field check that never undoes what is being typed."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_currency, make_user


def _new_customer_page(browser, live_server, language="en"):
    staff = make_user(language=language)
    make_currency("EUR", is_default=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)
    page.goto(live_server + "/admin/customers/new")
    return context, page, errors


def test_the_password_box_is_there_only_for_set_it_now(browser, live_server, ctx):
    context, page, errors = _new_customer_page(browser, live_server)
    page.get_by_role("tab", name="Primary contact").click()
    password = page.locator("#contact_password")
    expect(page.get_by_label("Send a link to choose one")).to_be_checked()
    expect(password).to_be_hidden()
    page.get_by_label("Set it now").check()
    expect(password).to_be_visible()
    expect(password).to_be_editable()
    password.fill("a long enough passphrase")
    page.get_by_label("Send a link to choose one").check()
    expect(password).to_be_hidden()
    expect(password).to_be_disabled()  # not sent with the form
    assert errors == [], errors
    context.close()


def test_the_vat_prefix_fills_an_empty_country(browser, live_server, ctx):
    context, page, errors = _new_customer_page(browser, live_server, language="de")
    vat, country = page.locator("#vat_number"), page.locator("#country")
    vat.fill("FR40303265045")
    page.locator("#company").click()  # leave the field: it is checked
    expect(country).to_have_value("FR")
    expect(page.locator("#field-vat_number")).to_contain_text("Land laut USt-IdNr.: Frankreich")

    country.select_option("BE")  # a country chosen by the person is never replaced
    vat.fill("DE136695976")
    page.locator("#company").click()
    expect(page.locator("#field-vat_number .help[role=status]")).to_have_count(0)
    expect(country).to_have_value("BE")
    assert errors == [], errors
    context.close()


def _hold_phone_checks(page):
    """Keep every check of the phone field waiting until the test lets it through."""
    held = []

    def hold(route):
        if route.request.method == "POST" and "_validate=phone" in (route.request.post_data or ""):
            held.append(route)
        else:
            route.continue_()

    page.route("**/admin/customers/new", hold)
    # Count the phone field's own answers only: leaving the next field sends its check too,
    # queued behind the held one, and its answer may land right after the phone's.
    page.evaluate(
        "document.body.addEventListener('htmx:afterOnLoad', (e) => { "
        "if (e.detail.requestConfig.parameters._validate === 'phone') "
        "document.body.dataset.answers = (+(document.body.dataset.answers || 0) + 1); })"
    )
    return held


def _release(page, held, answers):
    """Let the oldest held check answer; wait until htmx has handled its answer."""
    for _ in range(500):  # up to 10 s on a loaded machine
        if held:
            break
        page.wait_for_timeout(20)
    assert held, "no check was sent"
    held.pop(0).continue_()
    expect(page.locator("body")).to_have_attribute("data-answers", str(answers))


def test_a_late_check_never_undoes_typing(browser, live_server, ctx):
    context, page, errors = _new_customer_page(browser, live_server, language="fr")
    page.locator("#country").select_option("FR")
    held = _hold_phone_checks(page)
    phone = page.locator("#phone")
    phone.click()
    page.keyboard.type("04 78")
    page.keyboard.press("Tab")  # the check leaves with "04 78" and takes its time
    phone.click()
    page.keyboard.press("End")
    page.keyboard.type(" 00 00 00")  # typed back in while the check is on its way
    _release(page, held, 1)
    expect(phone).to_have_value("04 78 00 00 00")
    expect(phone).to_be_focused()

    page.keyboard.press("Tab")  # leaving again checks the whole number
    _release(page, held, 2)
    expect(phone).to_have_value("04 78 00 00 00")
    expect(page.locator("#phone-error")).to_have_count(0)
    assert errors == [], errors
    context.close()


def test_a_late_check_lands_without_taking_the_caret(browser, live_server, ctx):
    context, page, errors = _new_customer_page(browser, live_server)
    held = _hold_phone_checks(page)
    phone = page.locator("#phone")
    phone.click()
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    phone.click()  # back in the field, nothing typed yet
    page.keyboard.press("End")
    _release(page, held, 1)
    expect(page.locator("#phone-error")).to_be_visible()  # the answer was for this very value
    expect(phone).to_be_focused()
    page.keyboard.type("3")
    expect(phone).to_have_value("123")
    assert errors == [], errors
    context.close()
