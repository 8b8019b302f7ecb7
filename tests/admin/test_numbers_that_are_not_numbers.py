"""NaN, a signalling NaN and infinities are refused beside the field, as any non-number is."""

import pytest

from app.extensions import db
from app.models import TaxRate
from tests.factories import make_admin


@pytest.mark.parametrize("odd", ["sNaN", "NaN", "-Infinity", "Infinity"])
def test_a_tax_rate_of_nan_is_not_a_number(client, ctx, login_as, odd):
    login_as(make_admin())
    url = "/admin/settings/taxes"
    response = client.post_form(url, {"name": "VAT", "percent": odd}, token_from=url)
    assert response.status_code == 422
    assert "Enter a number, such as 1,800.50." in response.get_data(as_text=True)
    assert db.session.query(TaxRate).count() == 0
