"""Sign-in, sign-out and forgotten-password pages, the same for staff and contacts."""

from collections.abc import Callable

from flask import Blueprint, Response, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints import impersonation
from app.blueprints.auth import second_step
from app.blueprints.posting import saved_form
from app.extensions import db
from app.forms.auth import ForgotPasswordForm, LoginForm
from app.htmx import form_status, render
from app.i18n import remember_language
from app.security import safe_next_path
from app.services import ValidationError, sessions, two_step
from app.services.attempts import TooManyAttempts
from app.services.languages import screen, signed_out_language, speak
from app.throttle import throttle_codes, throttle_emails, throttle_sign_in


def sign_in_page(
    authenticate: Callable[[str, str], object | None],
    signed_in: Callable[[], bool],
    home: str,
    area: str,
) -> Response:
    """Check the credentials with `authenticate`, then go to `next` or the `home` endpoint."""
    home_url = url_for(home)
    if signed_in():
        return redirect(safe_next_path(request.args.get("next"), home_url))
    form = LoginForm(next=request.args.get("next", ""))

    locked: list[TooManyAttempts] = []

    def sign_in():
        try:
            person = authenticate(form.email.data, form.password.data)
        except TooManyAttempts as exc:  # the account waits: 429, and when to come back
            locked.append(exc)
            raise
        if person is None:
            raise ValidationError(_("Wrong email or password."), "password")
        impersonation.forget()  # a fresh sign-in ends any 'view portal as'
        if two_step.needed(person):  # not signed in yet: a code (or enrolment) comes first
            return second_step.hold(person, form.remember.data, form.next.data, area)
        sessions.sign_in(person, remember=form.remember.data)
        return None

    done = saved_form(form, sign_in, None,
                      lambda to: to or safe_next_path(form.next.data, home_url))  # fmt: skip
    if done:
        return done
    status = 429 if locked else form_status(form)
    response = render("auth/login.html", block="form", status=status, form=form, area=area)
    if locked:
        response.headers["Retry-After"] = str(locked[0].retry_after)
    return response


def forgot_password_page(
    request_reset: Callable[[str, str], None], area: str, login: str
) -> Response:
    """Email a reset link through `request_reset(email, language of this page)`, then back to
    the `login` endpoint."""
    form = ForgotPasswordForm()
    # The same answer whether or not the address has an account.
    message = _(
        "If an account uses this address, we have emailed it a link to choose a new "
        "password. The link works once, for one hour."
    )

    def ask_for_link():
        try:
            request_reset(form.email.data, screen())
        except Exception:  # the queue is down: the same answer, and the person may ask again
            current_app.logger.exception("Password reset request not enqueued")

    done = saved_form(form, ask_for_link, message, url_for(login))
    return done or render(
        "auth/forgot.html", block="form", status=form_status(form), form=form, area=area
    )


def sign_out(login: str) -> Response:
    """Sign out whoever is signed in, then the `login` endpoint's page, in the language
    app/services/languages.py keeps for it (also in the cookie the sign-in page reads)."""
    # Not a form post: the session ends on the server (and in the log), and sign-out is a
    # plain 303 even for htmx (the browser leaves the signed-in pages whatever asked).
    if impersonation.forget():  # staff viewing the portal as a contact: to the staff sign-in
        sessions.sign_out()
        db.session.commit()
        return redirect(url_for("auth.login"), 303)
    language = signed_out_language(current_user._get_current_object())
    sessions.sign_out()
    db.session.commit()
    if language:
        speak(language)  # the message below speaks it too
    flash(_("You are signed out."), "success")
    response = redirect(url_for(login), 303)
    if language:
        remember_language(response, language)
    return response


def sign_in_routes(
    bp: Blueprint,
    *,
    authenticate: Callable[[str, str], object | None],
    signed_in: Callable[[], bool],
    request_reset: Callable[[str, str], None],
    home: str,
    area: str,
    throttle: str,
) -> None:
    """The area's endpoints login, login_code (the second step), logout and forgot_password on
    `bp`; failed sign-ins, failed codes and reset emails are throttled under `<throttle>-login`,
    `<throttle>-code` and `<throttle>-forgot`."""
    login_endpoint = f"{bp.name}.login"

    def login():
        return sign_in_page(authenticate, signed_in, home=home, area=area)

    def login_code():
        return second_step.second_step_page(home, area=area, login=login_endpoint)

    def logout():
        return sign_out(login_endpoint)

    def forgot_password():
        return forgot_password_page(request_reset, area=area, login=login_endpoint)

    # flask-limiter tells views apart by name
    for view in (login, login_code, logout, forgot_password):
        view.__name__ = view.__qualname__ = f"{bp.name}_{view.__name__}"
    bp.add_url_rule("/login", "login", throttle_sign_in(f"{throttle}-login")(login),
                    methods=["GET", "POST"])  # fmt: skip
    code_throttle = throttle_codes(f"{throttle}-code", second_step.pending_key)
    bp.add_url_rule("/login/code", "login_code", code_throttle(login_code),
                    methods=["GET", "POST"])  # fmt: skip
    bp.add_url_rule("/logout", "logout", logout, methods=["POST"])
    bp.add_url_rule("/forgot-password", "forgot_password",
                    throttle_emails(f"{throttle}-forgot")(forgot_password),
                    methods=["GET", "POST"])  # fmt: skip
