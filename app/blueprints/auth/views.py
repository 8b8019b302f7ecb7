"""Staff sign-in views: thin wrappers around app.services.staff."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import logout_user

from app.blueprints.admin import is_staff
from app.blueprints.auth import bp
from app.blueprints.auth.pages import forgot_password_page, sign_in_page
from app.blueprints.posting import saved_form
from app.forms.auth import ResetPasswordForm
from app.htmx import form_status, render
from app.jobs import later
from app.services.staff import (
    authenticate,
    reset_password,
    valid_reset_token,
)
from app.throttle import throttle_emails, throttle_sign_in


@bp.route("/login", methods=["GET", "POST"])
@throttle_sign_in("staff-login")
def login():
    return sign_in_page(authenticate, is_staff, home="admin.dashboard", area="auth")


@bp.post("/logout")
def logout():
    # Not a form post: nothing is written, and sign-out is a plain 303 even for htmx (the
    # browser leaves the signed-in pages whatever asked).
    logout_user()
    flash(_("You are signed out."), "success")
    return redirect(url_for("auth.login"), 303)


@bp.route("/forgot-password", methods=["GET", "POST"])
@throttle_emails("staff-forgot")
def forgot_password():
    return forgot_password_page(
        later("password_reset_request", "staff"), area="auth", login="auth.login"
    )


@bp.route("/reset-password/<token>", methods=["GET", "POST"], endpoint="reset_password")
def reset_password_view(token: str):
    if valid_reset_token(token) is None:
        return render("auth/reset_invalid.html", status=404)
    form = ResetPasswordForm()
    done = saved_form(form, lambda: reset_password(token, form.password.data),
                      _("Your password has been changed. Please sign in."), url_for("auth.login"),
                      field="password")  # fmt: skip
    return done or render("auth/reset.html", block="form", status=form_status(form), form=form,
                          token=token)  # fmt: skip
