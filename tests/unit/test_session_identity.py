"""A session identity with digits that are not ASCII loads nobody instead of failing."""

import pytest

from app.auth_identity import load_identity
from tests.factories import make_user


@pytest.mark.parametrize("raw_id", ["²", "٣", "99999999999999999999", "-1", ""])
def test_odd_ids_in_the_session_load_nobody(ctx, raw_id):
    user = make_user()
    assert load_identity(f"s:{raw_id}:{user.session_token}") is None
    assert load_identity(f"s:{user.id}:{user.session_token}") == user
