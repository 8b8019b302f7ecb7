"""The first-run card offers only the currencies some country uses today, named and sorted the
reader's way; an obsolete or test code is refused like an unknown one."""

import re

import pytest

from app.collation import sort_key
from app.extensions import db
from tests.admin.test_first_run_setup import VALID, admin, nothing_saved, post_card  # noqa: F401


def offered(page: str) -> list[tuple[str, str]]:
    select = re.search(r'<select[^>]* name="default_currency".*?</select>', page, re.S).group(0)
    return re.findall(r'<option[^>]* value="([A-Z]{3})"[^>]*>([^<]*)</option>', select)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_only_currencies_in_use_today_are_offered(client, admin, language):  # noqa: F811
    admin.language = language
    db.session.commit()
    page = client.get("/admin/").get_data(as_text=True)
    assert f'<html lang="{language}"' in page
    options = offered(page)
    codes = {code for code, _name in options}
    assert {"EUR", "CHF", "USD", "JPY", "XOF"} <= codes
    assert not codes & {"XTS", "XXX", "XAU", "XAG", "FRF", "DEM", "ESP", "XEU"}
    names = [name for _code, name in options]
    assert names == sorted(names, key=sort_key(language))


@pytest.mark.parametrize("code", ["XTS", "XXX", "XAU", "FRF", "DEM"])
def test_obsolete_and_test_currencies_are_refused(client, admin, code):  # noqa: F811
    response = post_card(client, {**VALID, "default_currency": code})
    assert response.status_code == 422
    assert "This is not an ISO 4217 currency code" in response.get_data(as_text=True)
    assert nothing_saved()
