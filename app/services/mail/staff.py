"""Emails to staff: who hears of something (its owner, else the administrators), and sending one
template to each of them in their own language through the outbox."""

from collections.abc import Callable

from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.links import links_in_language
from app.models import User
from app.services.languages import staff_email
from app.services.mail.outbox import queue_email
from app.services.mail.render import render_email


def active_admins() -> list[User]:
    return list(db.session.scalars(select(User).where(User.is_admin, User.active)))


def owner_else_admins(owner: User | None, admins: list[User] | None = None) -> list[User]:
    """The owner (author, assignee) if still active; else every active administrator (`admins`
    when the caller has read them already)."""
    if owner is not None and owner.active:
        return [owner]
    return active_admins() if admins is None else admins


def email_staff(
    users: list[User], key: str, values: dict | Callable[[User], dict], customer_id: int | None
) -> int:
    """Queue template `key` to each user in their language; `values` may be a function of the
    user, called in the user's locale (for dates and labels). Returns how many were queued."""
    queued = 0
    for user in users:
        language = staff_email(user)
        with force_locale(language):
            merge = values(user) if callable(values) else values
        if user.language:  # signed out, the sign-in page of a link speaks their language too
            merge = links_in_language(merge, language)
        rendered = render_email(
            key, language, {"staff_firstname": user.name.split(" ")[0], **merge}
        )
        if rendered is not None:
            queue_email(user.email, rendered.subject, rendered.html, rendered.text, kind=key,
                        customer_id=customer_id)  # fmt: skip
            queued += 1
    return queued
