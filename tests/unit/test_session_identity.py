"""A session identity with digits that are not ASCII loads nobody instead of failing."""

import pytest

from app.auth_identity import load_identity
from tests.factories import make_sign_in, make_user


@pytest.mark.parametrize("raw_id", ["²", "٣", "99999999999999999999", "-1", ""])
def test_odd_ids_in_the_session_load_nobody(ctx, raw_id):
    user = make_user()
    identity = make_sign_in(user)
    key = identity.rsplit(":", 1)[1]
    assert load_identity(f"s:{raw_id}:{key}") is None
    assert load_identity(identity) == user
