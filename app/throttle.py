"""Throttling: sign-in failures per client address, support posts per contact.
Counts live in RATELIMIT_STORAGE_URI, which every app server shares."""

from flask import current_app, request
from flask_login import current_user

from app.extensions import limiter


def _failed(response) -> bool:
    """Only failed attempts (the form shown again) count against the limits."""
    return response.status_code == 422


def throttle_sign_in(scope: str):
    """Limit failed POSTs of a sign-in form per address, under `scope`. The per-account lock is
    counted atomically in the database (app/services/attempts.py)."""
    per_address = limiter.limit(
        lambda: current_app.config["LOGIN_LIMIT_ADDRESS"],
        methods=["POST"],
        deduct_when=_failed,
        scope=f"{scope}-address",
    )
    return per_address


def throttle_codes(scope: str, account_key):
    """Limit failed second-step codes as failed passwords are: per account (`account_key`
    names the person waiting for their second step) and per address."""
    per_account = limiter.limit(
        lambda: current_app.config["LOGIN_LIMIT_ACCOUNT"],
        key_func=account_key,
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


def _contact_key() -> str:
    """Throttle key per signed-in person (the client address for anyone else)."""
    person_id = getattr(current_user, "id", None)
    return (
        f"person:{current_user.kind}:{person_id}" if person_id else f"address:{request.remote_addr}"
    )


def _saved(response) -> bool:
    """Only posts that saved something (a redirect) count."""
    return response.status_code in {200, 302, 303} and request.method == "POST"


def throttle_support_posts():
    """One limit shared by opening tickets and replying to them, per contact."""
    return limiter.shared_limit(
        lambda: current_app.config["SUPPORT_POST_LIMIT"],
        scope="support-posts",
        key_func=_contact_key,
        methods=["POST"],
        deduct_when=_saved,
    )


def throttle_kb_votes():
    """Knowledge base answers per contact (per address for visitors), portal and public alike."""
    return limiter.shared_limit(
        lambda: current_app.config["KB_VOTE_LIMIT"],
        scope="kb-votes",
        key_func=_contact_key,
        methods=["POST"],
    )
