"""Time zone lists (My profile, Settings → Localization) offer canonical zones only, named by
place in the reader's language with their offset, in the reader's order; a zone saved under an
old alias still shows selected."""

import re

import pytest

from app.collation import sort_key
from app.extensions import db
from tests.factories import make_admin

ALIASES = ["Asia/Calcutta", "US/Pacific", "Factory", "localtime", "Etc/GMT+5", "posix/Europe/Paris"]


def zones(page: str) -> list[tuple[str, str, bool]]:
    select = re.search(r'<select[^>]* name="timezone".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option([^>]*) value="([^"]+)"([^>]*)>([^<]*)</option>', select)
    return [(value, label, "selected" in a + b) for a, value, b, label in options]


@pytest.mark.parametrize("url", ["/admin/profile", "/admin/settings/localization"])
@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_zones_are_named_by_place_in_order(client, ctx, login_as, url, language):
    login_as(make_admin(language=language))
    offered = zones(client.get(url).get_data(as_text=True))
    values = {value for value, _label, _selected in offered}
    assert {"Europe/Paris", "Asia/Kolkata", "America/Los_Angeles", "UTC"} <= values
    assert not values & set(ALIASES)
    assert 300 < len(offered) < 450
    labels = [label for _value, label, _selected in offered]
    assert labels == sorted(labels, key=sort_key(language))
    paris = dict((value, label) for value, label, _selected in offered)["Europe/Paris"]
    assert re.fullmatch(r".+ — .+ \((GMT|UTC)\+01:00\)", paris) and "Europe/" not in paris
    assert dict((value, label) for value, label, _selected in offered)["UTC"] == "UTC"


def test_a_zone_saved_under_an_alias_stays_selected(client, ctx, login_as):
    user = make_admin(language="en")
    user.timezone = "Asia/Calcutta"
    db.session.commit()
    login_as(user)
    offered = zones(client.get("/admin/profile").get_data(as_text=True))
    selected = [(value, label) for value, label, chosen in offered if chosen]
    assert selected == [("Asia/Calcutta", selected[0][1])] and "Kolkata" in selected[0][1]
