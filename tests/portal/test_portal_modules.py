"""Portal modules follow each contact's permissions: absent from the page and 403 by URL."""

import pytest

from app.models import PORTAL_MODULES
from tests.factories import make_contact, make_customer, make_sign_in

URLS = {
    "invoices": "/clients/invoices",
    "estimates": "/clients/estimates",
    "contracts": "/clients/contracts",
    "proposals": "/clients/proposals",
    "support": "/clients/tickets",
    "projects": "/clients/projects",
    "files": "/clients/files",
}


@pytest.mark.parametrize("module", PORTAL_MODULES)
def test_a_module_switched_off_is_absent_and_forbidden(client, ctx, login_as, module):
    contact = make_contact(make_customer(), **{f"perm_{module}": False})
    login_as(contact)
    page = client.get("/clients/").get_data(as_text=True)
    assert f'href="{URLS[module]}"' not in page
    assert f'data-module="{module}"' not in page
    assert client.get(URLS[module]).status_code == 403
    for other in PORTAL_MODULES:
        if other != module:
            assert f'href="{URLS[other]}"' in page, other
            assert client.get(URLS[other]).status_code == 200, other


@pytest.mark.parametrize("module", PORTAL_MODULES)
def test_a_module_switched_on_has_a_card_a_menu_item_and_a_page(client, ctx, login_as, module):
    contact = make_contact(make_customer(company="Acme"))
    login_as(contact)
    page = client.get("/clients/").get_data(as_text=True)
    assert f'data-module="{module}"' in page
    assert page.count(f'href="{URLS[module]}"') == 2  # menu item and card
    assert client.get(URLS[module]).status_code == 200


def test_permissions_are_per_contact(client, ctx, login_as, app):
    customer = make_customer()
    with_support = make_contact(customer)
    without = make_contact(customer, perm_support=False)
    login_as(with_support)
    assert client.get("/clients/tickets").status_code == 200
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = make_sign_in(without)
    assert other.get("/clients/tickets").status_code == 403


def test_no_module_at_all_says_so(client, ctx, login_as):
    contact = make_contact(make_customer(), **{f"perm_{m}": False for m in PORTAL_MODULES})
    login_as(contact)
    assert "No module of the portal is open to you yet." in client.get("/clients/").get_data(
        as_text=True
    )


def test_error_pages_keep_contacts_in_the_portal(client, ctx, login_as):
    login_as(make_contact(make_customer(), perm_support=False))
    page = client.get("/clients/tickets").get_data(as_text=True)
    assert 'class="sidebar"' in page and 'href="/clients/"' in page
