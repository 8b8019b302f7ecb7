"""Two-step sign-in (TOTP, RFC 6238) for staff members and contacts: enrolment, codes that work
once, single-use recovery codes, and the Settings → Security rule that makes it mandatory."""

import secrets
import time

import pyotp
import segno
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import or_, select, update
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import Contact, RecoveryCode, TwoStep, User
from app.models.types import utcnow
from app.services import ValidationError, security_log
from app.services.branding import company_name
from app.services.customers.activity import log_activity
from app.services.settings import get_settings

RECOVERY_CODES = 10
STEP = 30  # seconds per code, as every authenticator app counts
CODE_FIELD = "code"


def _owner(person) -> dict:
    """The column that points at `person`: {"user_id": id} or {"contact_id": id}."""
    return {"user_id": person.id} if isinstance(person, User) else {"contact_id": person.id}


def record(person) -> TwoStep | None:
    """The person's two-step row if two-step sign-in is on for them."""
    return db.session.scalar(select(TwoStep).filter_by(**_owner(person)))


def is_on(person) -> bool:
    """Whether signing in as `person` asks for a code after the password."""
    return record(person) is not None


def required(person) -> bool:
    """Whether Settings → Security makes two-step sign-in mandatory for this kind of person."""
    settings = get_settings()
    return settings.two_step_staff if isinstance(person, User) else settings.two_step_contacts


def needed(person) -> bool:
    """Whether the password alone does not sign `person` in (a code, or enrolment, comes next)."""
    return is_on(person) or required(person)


def new_secret() -> str:
    """A fresh secret (base32) for an enrolment; it is saved once a first code matches."""
    return pyotp.random_base32()


def provisioning_uri(person, secret: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=person.email, issuer_name=company_name())


def qr_svg(uri: str) -> str:
    """The QR code of `uri` as an inline SVG element, drawn here (nothing is fetched)."""
    return segno.make(uri, error="m").svg_inline(omitsize=True, border=4, dark="#000", light="#fff")


def _accept_code(found: TwoStep, code: str) -> bool:
    """Accept a current code (one step either side) once: a step at or before the last
    accepted one is refused, so a code seen over a shoulder cannot be replayed."""
    code = "".join((code or "").split())
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return False
    totp, now = pyotp.TOTP(found.secret), int(time.time())
    for offset in (-1, 0, 1):  # valid_window=1, step by step so we know which one matched
        step = now // STEP + offset
        if found.last_step is not None and step <= found.last_step:
            continue
        if totp.verify(code, for_time=step * STEP):
            return _claim_step(found, step)
    return False


def _claim_step(found: TwoStep, step: int) -> bool:
    """Record `step` as used, unless a parallel request already used it or a later one: the
    conditional UPDATE lets one of two simultaneous sign-ins with the same code through."""
    if found.id is None:  # being set up: nobody else can see it yet
        found.last_step = step
        return True
    claimed = db.session.execute(
        update(TwoStep)
        .where(TwoStep.id == found.id)
        .where(or_(TwoStep.last_step.is_(None), TwoStep.last_step < step))
        .values(last_step=step)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    set_committed_value(found, "last_step", step)
    return True


def _hash(code: str) -> str:
    return generate_password_hash(_normal(code), method=current_app.config["PASSWORD_HASH_METHOD"])


def _normal(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def _new_recovery_codes(found: TwoStep) -> list[str]:
    """Replace the recovery codes; the plain ones are returned to be shown once."""
    found.recovery_codes.clear()
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _i in range(RECOVERY_CODES)]
    found.recovery_codes.extend(RecoveryCode(code_hash=_hash(code)) for code in codes)
    return codes


def confirm_enrolment(person, secret: str, code: str) -> list[str]:
    """Turn two-step sign-in on with `secret` once `code` from the app matches; the ten
    recovery codes, to be shown once."""
    if is_on(person):
        raise ValidationError(_("Two-step sign-in is already on."), CODE_FIELD)
    found = TwoStep(secret=secret, **_owner(person))
    if not _accept_code(found, code):
        raise ValidationError(_("This code is not right. Enter the code your app shows now."),
                              CODE_FIELD)  # fmt: skip
    db.session.add(found)
    codes = _new_recovery_codes(found)
    db.session.flush()
    security_log.record(person, "totp_enabled")
    return codes


def _use_recovery_code(found: TwoStep, code: str) -> bool:
    """Spend an unused recovery code matching `code`."""
    normal = _normal(code)
    if len(normal) != 12 or not all(ch in "0123456789abcdef" for ch in normal):
        return False  # not shaped like one: no hash is checked
    for stored in found.recovery_codes:
        if stored.used_at is None and check_password_hash(stored.code_hash, normal):
            now = utcnow()
            spent = db.session.execute(  # once, even for two simultaneous sign-ins
                update(RecoveryCode)
                .where(RecoveryCode.id == stored.id, RecoveryCode.used_at.is_(None))
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            )
            if spent.rowcount != 1:
                return False
            set_committed_value(stored, "used_at", now)
            return True
    return False


def check_code(person, code: str) -> None:
    """The second step: a code from the app or an unused recovery code, else ValidationError."""
    found = record(person)
    if found is None:
        raise ValidationError(_("Two-step sign-in is not on for this account."), CODE_FIELD)
    if not (_accept_code(found, code) or _use_recovery_code(found, code)):
        raise ValidationError(_("This code is not right, or was already used."), CODE_FIELD)
    db.session.flush()


def recovery_codes_left(person) -> int:
    found = record(person)
    if found is None:
        return 0
    return sum(1 for code in found.recovery_codes if code.used_at is None)


def _password_matches(person, password: str) -> bool:
    return bool(person.password_hash) and check_password_hash(person.password_hash, password)


def turn_off(person, proof: str) -> None:
    """Turn two-step sign-in off with the current password or a code (app or recovery)."""
    found = record(person)
    if found is None:
        raise ValidationError(_("Two-step sign-in is not on for this account."))
    if required(person):
        raise ValidationError(_("Two-step sign-in is required here: it cannot be turned off."),
                              "proof")  # fmt: skip
    proof = proof or ""
    if not (_password_matches(person, proof) or _accept_code(found, proof)
            or _use_recovery_code(found, proof)):  # fmt: skip
        raise ValidationError(_("Enter your current password or a code from your app."), "proof")
    db.session.delete(found)
    db.session.flush()
    security_log.record(person, "totp_disabled")


def reset_for(person, by: User) -> None:
    """An administrator clears a colleague's (or a contact's) lost second step: they enrol
    again at their next sign-in if it is required, else sign in with the password alone."""
    found = record(person)
    if found is None:
        raise ValidationError(_("Two-step sign-in is not on for this account."))
    db.session.delete(found)
    if isinstance(person, Contact):
        log_activity(person.customer, by, "contact.two_step_reset", subject=person.full_name)
    db.session.flush()
    security_log.record(person, "totp_reset_by_admin", by=by.name)


def staff_with_two_step() -> set[int]:
    """Ids of staff members who have two-step sign-in on (for the staff list)."""
    return set(db.session.scalars(select(TwoStep.user_id).where(TwoStep.user_id.is_not(None))))
