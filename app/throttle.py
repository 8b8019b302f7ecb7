"""Throttling of sign-in forms: failures per account and per client address."""

from flask import current_app, request

from app.extensions import limiter


def _account_key() -> str:
    """Throttle key per account: the email typed into the form."""
    return "account:" + (request.form.get("email") or "").strip().lower()


def _failed(response) -> bool:
    """Only failed attempts (the form shown again) count against the limits."""
    return response.status_code == 422


def throttle_sign_in(scope: str):
    """Limit failed POSTs of a sign-in form, per account and per address, under `scope`."""
    per_account = limiter.limit(
        lambda: current_app.config["LOGIN_LIMIT_ACCOUNT"],
        key_func=_account_key,
        methods=["POST"],
        deduct_when=_failed,
        scope=f"{scope}-account",
    )
    per_address = limiter.limit(
        lambda: current_app.config["LOGIN_LIMIT_ADDRESS"],
        methods=["POST"],
        deduct_when=_failed,
        scope=f"{scope}-address",
    )
    return lambda view: per_account(per_address(view))


def throttle_emails(scope: str):
    """Limit how many 'email me a link' requests one address may send."""
    return limiter.limit(
        lambda: current_app.config["LOGIN_LIMIT_ADDRESS"], methods=["POST"], scope=scope
    )
