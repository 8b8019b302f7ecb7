"""Staff sign-in views: thin wrappers around app.services.staff."""

from flask import url_for
from flask_babel import gettext as _

from app.blueprints.admin import is_staff
from app.blueprints.auth import bp
from app.blueprints.auth.pages import sign_in_routes
from app.blueprints.posting import saved_form
from app.forms.auth import ResetPasswordForm
from app.htmx import form_status, render
from app.jobs import later
from app.services import staff

sign_in_routes(bp, authenticate=staff.authenticate, signed_in=is_staff,
               request_reset=later("password_reset_request", "staff"), home="admin.dashboard",
               area="auth", throttle="staff")  # fmt: skip


@bp.route("/reset-password/<token>", methods=["GET", "POST"], endpoint="reset_password")
def reset_password_view(token: str):
    if staff.valid_reset_token(token) is None:
        return render("auth/reset_invalid.html", status=404)
    form = ResetPasswordForm()
    done = saved_form(form, lambda: staff.reset_password(token, form.password.data),
                      _("Your password has been changed. Please sign in."), url_for("auth.login"),
                      field="password")  # fmt: skip
    return done or render("auth/reset.html", block="form", status=form_status(form), form=form,
                          token=token)  # fmt: skip
