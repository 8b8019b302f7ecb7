"""On a phone (390 px) the firm's logo shows whole in the top bar, beside the menu, the quick
create button and the user's initial."""

import io

import pytest
from PIL import Image

from app.extensions import db
from app.services.settings import save_settings, store_logo
from tests.browser.conftest import sign_in
from tests.factories import make_admin


def wide_logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (276, 96), (20, 90, 160)).save(out, "PNG")  # shown 92×32
    return out.getvalue()


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_logo_is_whole_in_the_phone_header(browser, live_server, ctx, language):
    save_settings({"company_name": "Atelier Lumière"})
    store_logo(wide_logo())
    db.session.commit()
    admin = make_admin(language=language, name="Élodie Roux")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server + "/admin/login", admin.email)
    logo = page.locator(".topbar .brand-logo")
    logo.wait_for()
    box = logo.bounding_box()
    brand = page.locator(".topbar .brand").bounding_box()
    user = page.locator(".topbar .user-menu").bounding_box()
    natural = logo.evaluate("img => img.naturalWidth / img.naturalHeight")
    assert box["height"] >= 24 and abs(box["width"] / box["height"] - natural) < 0.35  # whole
    assert brand["x"] <= box["x"] and box["x"] + box["width"] <= brand["x"] + brand["width"] + 0.5
    beside = box["x"] + box["width"] <= user["x"]
    below = user["y"] >= box["y"] + box["height"]  # a long "Sign out" goes to a second row
    assert beside or below  # never over the logo
    assert box["x"] >= 0 and user["x"] + user["width"] <= 390  # everything on the screen
    context.close()
