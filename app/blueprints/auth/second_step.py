"""The second step of signing in (both areas): after a correct password, a person with two-step
sign-in on gives a code here before the session is signed in; one who must have it and has not
set it up enrols here first. Until then the session only holds a short-lived pending marker."""

import time

from flask import session, url_for

from app.blueprints.posting import saved_form
from app.extensions import db
from app.forms.two_step import CodeForm
from app.htmx import form_status, render, see_other
from app.models import Contact, User
from app.parsing import parse_id
from app.security import safe_next_path
from app.services import sessions, two_step

PENDING = "two_step_pending"
SHOWN_ONCE = "two_step_codes"  # recovery codes on their way to the page that shows them once
ENROLLING = "two_step_enrolling"
PENDING_SECONDS = 300


def _who(person) -> str:
    """'staff:<id>' or 'contact:<id>': whom a marker in the session is about."""
    return f"{person.kind}:{person.id}"


def hold(person, remember: bool, next_path: str, area: str) -> str:
    """Keep `person` waiting for their second step; the address of the code page."""
    session[PENDING] = {
        "who": _who(person),
        "token": person.session_token,  # a password changed meanwhile voids the marker
        "until": int(time.time()) + PENDING_SECONDS,
        "remember": bool(remember),
        "next": next_path or "",
        "area": area,  # the other area's code page knows nobody waiting
    }
    return url_for(f"{area}.login_code")


def pending_person(area: str):
    """The person waiting for their second step in `area`, if the marker is fresh and still
    theirs (the session token it holds changes with their password)."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or pending.get("area") != area:
        return None
    if int(pending.get("until") or 0) < time.time():
        return None
    kind, _, raw_id = str(pending.get("who") or "").partition(":")
    model, person_id = {"staff": User, "contact": Contact}.get(kind), parse_id(raw_id)
    person = db.session.get(model, person_id) if model and person_id else None
    if person is None or not pending.get("token") or person.session_token != pending["token"]:
        return None
    return person if person.is_active else None


def pending_key() -> str:
    """Throttle key: the waiting person (kind and id, not the token), else nobody."""
    pending = session.get(PENDING)
    return "pending:" + (str(pending.get("who") or "") if isinstance(pending, dict) else "")


def enrolment_secret(person) -> str:
    """The secret `person` is enrolling with: kept in their session while they try codes (so
    the page can be reloaded), saved only once a code matches."""
    who = _who(person)
    kept = session.get(ENROLLING)
    if isinstance(kept, dict) and kept.get("who") == who and kept.get("secret"):
        return kept["secret"]
    secret = two_step.new_secret()
    session[ENROLLING] = {"who": who, "secret": secret}
    return secret


def enrol(person, code: str) -> None:
    """Turn two-step sign-in on with the secret shown; the next page shows the recovery codes."""
    codes = two_step.confirm_enrolment(person, enrolment_secret(person), code)
    session.pop(ENROLLING, None)
    session[SHOWN_ONCE] = codes


def enrolment_context(person) -> dict:
    """What an enrolment form shows: the QR code (inline SVG) and the secret as text."""
    secret = enrolment_secret(person)
    return {"secret": secret, "qr": two_step.qr_svg(two_step.provisioning_uri(person, secret))}


def take_codes_for_display() -> list[str]:
    """The recovery codes just made, once (a reload shows none)."""
    return session.pop(SHOWN_ONCE, None) or []


def second_step_page(home: str, area: str, login: str):
    """Ask the waiting person for a code (or enrol them when their firm requires it)."""
    person = pending_person(area)
    if person is None:
        return see_other(url_for(login))
    pending = session[PENDING]
    enrolling = not two_step.is_on(person)
    form = CodeForm()

    def check():
        if enrolling:
            enrol(person, form.code.data)
        else:
            two_step.check_code(person, form.code.data)
        session.pop(PENDING, None)
        sessions.sign_in(person, remember=pending.get("remember", False))
        if enrolling:
            return url_for(f"{home.partition('.')[0]}.two_step_codes")
        return safe_next_path(pending.get("next"), url_for(home))

    done = saved_form(form, check, None, lambda to: to, field="code")
    if done:
        return done
    extra = enrolment_context(person) if enrolling else {}
    return render("auth/login_code.html", block="form", status=form_status(form), form=form,
                  area=area, enrolling=enrolling, **extra)  # fmt: skip
