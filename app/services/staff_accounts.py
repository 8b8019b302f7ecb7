"""Settings → Staff: administrators invite, edit, deactivate and reactivate staff members.

There is always at least one active administrator: the change that would remove the last one
is refused, also when two administrators demote each other at the same moment (see
`_guarded_update`)."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select, update
from sqlalchemy.orm import aliased

from app.extensions import db
from app.i18n import shipped_languages
from app.links import external_url, with_language
from app.models import PasswordToken, Role, User
from app.models.types import utcnow
from app.parsing import parse_id
from app.services import Collector, ValidationError
from app.services.branding import company_name
from app.services.languages import staff_email
from app.services.mail.files import queue_templated
from app.services.security_log import record
from app.services.sessions import end_all_sessions
from app.services.staff import find_staff, normalize_email, request_password_reset
from app.services.tokens import find_token, issue_token, retire_links, set_password_by_link

NAME_MAX = 120  # as stored


def is_invited(user: User) -> bool:
    """Invited and not yet accepted: the account has no password, so nobody can sign in to it."""
    return not user.password_hash


def _role(errors: Collector, data: dict, user: User | None, by: User | None) -> Role | None:
    """The chosen role; only an administrator gives or takes the Administrator role. The row
    is share-locked (PostgreSQL) so that a role deleted at the same moment is either still
    there for the save or found gone here, never a foreign-key error at the commit."""
    chosen = select(Role).where(Role.id == (parse_id(data.get("role")) or 0))
    role = db.session.scalar(chosen.with_for_update(key_share=True))
    if role is None:
        errors.add("role", _("Choose a role from the list."))
        return None
    was_admin = user is not None and user.is_admin
    if was_admin != role.is_administrator and by is not None and not by.is_admin:
        errors.add("role", _("Only an administrator can give or take the Administrator role."))
    return role


def _details(data: dict, user: User | None, by: User | None = None) -> tuple[Collector, dict]:
    """Name, email, language and role checked (errors collected); the email must be nobody
    else's."""
    errors = Collector()
    name = errors.text("name", data.get("name"), NAME_MAX, _("Enter the name."))
    email = errors.check(normalize_email, data.get("email"), field="email")
    other = find_staff(email) if email else None
    if other is not None and (user is None or other.id != user.id):
        errors.add("email", _("A staff member with this email already exists."))
    language = data.get("language") or None
    if language is not None and language not in shipped_languages():
        errors.add("language", _("Choose a language from the list."))
    role = _role(errors, data, user, by)
    return errors, {"name": name, "email": email, "language": language, "role": role}


def check_details(data: dict, user: User | None = None, by: User | None = None) -> None:
    """The rules on name, email, language and role alone (every problem of a refused form at
    once)."""
    _details(data, user, by)[0].raise_if_any()


def invite_staff(data: dict, invited_by: User) -> User:
    """Add a staff member without a password and email them a link to choose one."""
    errors, details = _details(data, None, invited_by)
    errors.raise_if_any()
    user = User(**details, active=True)
    db.session.add(user)
    db.session.flush()
    send_invitation(user, invited_by)
    return user


def send_invitation(user: User, invited_by: User) -> None:
    """Email the invitation (again): a single-use link, valid for INVITATION_MAX_AGE, in the
    invitee's language; the pages it opens speak that language."""
    if not is_invited(user):
        raise ValidationError(_("%(name)s has already accepted the invitation.", name=user.name))
    if not user.active:
        raise ValidationError(_("Reactivate %(name)s first.", name=user.name))
    max_age = current_app.config["INVITATION_MAX_AGE"]
    language = staff_email(user)
    link = with_language(external_url("auth.accept_invitation", token=issue_token(user, max_age)),
                         language)  # fmt: skip
    queue_templated(
        user.email,
        _l("Your account at %(company)s", company=company_name()),
        "invitation",
        language,
        name=user.name,
        inviter=invited_by.name,
        link=link,
        days=max_age // 86400,
    )


def valid_invitation(raw: str) -> PasswordToken | None:
    """The unused, unexpired token behind an invitation link of someone still invited."""
    token = find_token(raw, User)
    return token if token is not None and is_invited(token.user) else None


def accept_invitation(raw: str, password: str) -> User:
    """Set the invitee's first password (they are signed in with it: their first sign-in); the
    link (and any other of theirs) stops working."""
    if valid_invitation(raw) is None:
        raise ValidationError(_("This link is invalid or has expired."))
    user = set_password_by_link(raw, password, User, User.set_password)
    user.last_login_at = utcnow()
    return user


def send_reset_link(user: User, by: User | None = None) -> None:
    """An administrator sends a colleague the usual password reset email (their language),
    logged on the colleague's security log."""
    if not user.active:
        raise ValidationError(_("Reactivate %(name)s first.", name=user.name))
    if is_invited(user):
        raise ValidationError(_("%(name)s has not accepted the invitation yet.", name=user.name))
    request_password_reset(user.email)
    if by is not None:
        record(user, "reset_link_sent", by=by.name)


def _last_admin_message() -> str:
    return _("There must be at least one active administrator: make someone else one first.")


def _guarded_update(user: User, role: Role, active: bool) -> None:
    """Set `user`'s role and active flag, refusing (ValidationError on `field`) a change that
    leaves no active administrator.

    PostgreSQL: the active administrators' rows are locked first (in id order), so of two
    administrators demoting each other at once the second waits, then sees the first change.
    SQLite: this UPDATE is the transaction's first write, so it waits for the other writer's
    commit and its condition reads the committed rows. A deactivation also ends every session
    and remember-me cookie of the account and retires its unused emailed links at once."""
    still_admin = role.is_administrator and active
    values = {"role_id": role.id, "active": active}
    deactivating = user.active and not active
    # The role may have been deleted since it was chosen (SQLite: this condition reads the
    # committed rows; PostgreSQL: `_role` share-locked it).
    query = update(User).where(User.id == user.id, exists().where(Role.id == role.id))
    if not still_admin:
        db.session.execute(
            select(User.id).where(User.is_admin, User.active).order_by(User.id).with_for_update()
        ).all()
        other = aliased(User)
        query = query.where(
            exists().where(other.id != user.id, other.is_admin, other.active)
            | ~(User.is_admin & User.active)
        )
    changed = db.session.execute(
        query.values(**values).execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        if db.session.scalar(select(Role.id).where(Role.id == role.id)) is None:
            raise ValidationError(_("Choose a role from the list."), "role")
        raise ValidationError(_last_admin_message(), "role" if active else "active")
    db.session.refresh(user)
    if deactivating:
        end_all_sessions(user)
        retire_links(user)


def update_staff(user: User, data: dict, by: User | None = None) -> User:
    """Save a staff member's name, email, language, role and active flag (`by`: who changes
    it; only an administrator makes or unmakes one)."""
    errors, details = _details(data, user, by)
    errors.raise_if_any()
    if user.is_admin and by is not None and not by.is_admin:
        raise ValidationError(_("Only an administrator can change an administrator's account."))
    _guarded_update(user, details["role"], bool(data.get("active")))
    user.name, user.email, user.language = details["name"], details["email"], details["language"]
    db.session.flush()
    return user


def set_active(user: User, active: bool) -> User:
    """Deactivate (sessions end, sign-in fails as for a wrong password) or reactivate."""
    _guarded_update(user, user.role, active)
    return user
