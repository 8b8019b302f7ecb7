"""Staff sign-in views: thin wrappers around app.services.staff."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints import impersonation
from app.blueprints.admin import is_staff
from app.blueprints.auth import bp
from app.blueprints.auth.pages import sign_in_routes
from app.blueprints.posting import confirmed_action, saved_form
from app.forms.auth import ResetPasswordForm
from app.htmx import form_status, render
from app.i18n import remember_language, shipped_languages
from app.jobs import later
from app.services import sessions, staff, staff_accounts, staff_profile
from app.services.languages import speak

sign_in_routes(bp, authenticate=staff.authenticate, signed_in=is_staff,
               request_reset=later("password_reset_request", "staff"), home="admin.dashboard",
               area="auth", throttle="staff")  # fmt: skip


@bp.route("/reset-password/<token>", methods=["GET", "POST"], endpoint="reset_password")
def reset_password_view(token: str):
    found = staff.valid_reset_token(token)
    if found is None:
        return render("auth/reset_invalid.html", status=404)
    language = found.user.language
    if language:  # this page, and the sign-in page after it, speak the staff member's language
        speak(language)
    form = ResetPasswordForm()
    done = saved_form(form, lambda: staff.reset_password(token, form.password.data),
                      _("Your password has been changed. Please sign in."), url_for("auth.login"),
                      field="password")  # fmt: skip
    if done and language in shipped_languages():
        remember_language(done, language)
    return done or render("auth/reset.html", block="form", status=form_status(form), form=form,
                          token=token)  # fmt: skip


@bp.route("/confirm-email/<token>", methods=["GET", "POST"], endpoint="confirm_email")
def confirm_email_view(token: str):
    """The link emailed to a staff member's new address: a button confirms it (a mail scanner
    opening the link changes nothing)."""
    found = staff_profile.pending_email_change(token)
    if found is None:
        return render("auth/email_link_invalid.html", status=404)
    user, new_email = found
    if user.language:
        speak(user.language)
    to = (
        url_for("admin.profile")
        if is_staff() and current_user.id == user.id
        else url_for("auth.login")
    )
    return confirmed_action(
        lambda: render("auth/confirm_email.html", token=token, new_email=new_email),
        lambda: staff_profile.confirm_email_change(token),
        _("Your email address is now %(email)s.", email=new_email),
        to,
    )


@bp.route("/invitation/<token>", methods=["GET", "POST"], endpoint="accept_invitation")
def accept_invitation_view(token: str):
    """The link of an invitation (Settings → Staff): choose a password, then the dashboard."""
    found = staff_accounts.valid_invitation(token)
    if found is None:
        return render("auth/invitation_invalid.html", status=404)
    language = found.user.language
    if language:
        speak(language)
    form = ResetPasswordForm()

    def accept():
        user = staff_accounts.accept_invitation(token, form.password.data)
        impersonation.forget()
        sessions.sign_in(user)

    done = saved_form(form, accept, _("Welcome! Your password is saved."),
                      url_for("admin.dashboard"), field="password")  # fmt: skip
    if done and language in shipped_languages():
        remember_language(done, language)
    return done or render("auth/invitation.html", block="form", status=form_status(form),
                          form=form, token=token, name=found.user.name)  # fmt: skip
