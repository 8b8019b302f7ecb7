"""Signing in from the French sign-in page opens a French dashboard for a staff member who chose
no language; one who chose a language keeps theirs."""

import pytest

from tests.factories import PASSWORD, make_user

WORDS = {
    "fr": ("Tableau de bord", "Se déconnecter"),
    "de": ("Kunden", "Abmelden"),
    "es": ("Panel", "Cerrar sesión"),
    "en": ("Dashboard", "Sign out"),
}


def choose_on_sign_in_page(client, language):
    """The sign-in page's language switch, as a visitor uses it."""
    token = client.csrf_token("/admin/login")
    client.post(
        "/language", data={"csrf_token": token, "language": language, "next": "/admin/login"}
    )
    page = client.get("/admin/login").get_data(as_text=True)
    assert f'<html lang="{language}"' in page


def sign_in(client, user, **kwargs):
    response = client.post_form(
        "/admin/login", {"email": user.email, "password": PASSWORD}, **kwargs
    )
    assert response.status_code == 303
    return client.get(response.headers["Location"], **kwargs).get_data(as_text=True)


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_the_sign_in_pages_language_is_kept_without_one_of_ones_own(client, ctx, language):
    user = make_user(language=None)
    choose_on_sign_in_page(client, language)
    page = sign_in(client, user)
    assert f'<html lang="{language}"' in page
    for word in WORDS[language]:
        assert word in page, (language, word)
    # Still so on the next pages.
    assert f'<html lang="{language}"' in client.get("/admin/customers/").get_data(as_text=True)


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_the_browsers_language_is_kept_too(client, ctx, language):
    user = make_user(language=None)
    headers = {"Accept-Language": f"{language},en;q=0.5"}
    assert f'<html lang="{language}"' in client.get("/admin/login", headers=headers).get_data(
        as_text=True
    )
    page = sign_in(client, user, headers=headers)
    assert f'<html lang="{language}"' in page


@pytest.mark.parametrize(("page_language", "own"), [("fr", "de"), ("de", "es"), ("es", "en")])
def test_a_members_own_language_wins(client, ctx, page_language, own):
    user = make_user(language=own)
    choose_on_sign_in_page(client, page_language)
    page = sign_in(client, user)
    assert f'<html lang="{own}"' in page
    for word in WORDS[own]:
        assert word in page, (own, word)


def test_without_any_hint_the_system_default_speaks(client, ctx):
    page = sign_in(client, make_user(language=None))
    assert '<html lang="en"' in page and "Sign out" in page
