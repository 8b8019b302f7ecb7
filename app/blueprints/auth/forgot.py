"""The forgotten-password page, the same for staff and contacts."""

from collections.abc import Callable

from flask import Response, flash, redirect, url_for
from flask_babel import gettext as _

from app.extensions import db
from app.forms.auth import ForgotPasswordForm
from app.htmx import form_status, render


def forgot_password_page(request_reset: Callable[[str], None], area: str, login: str) -> Response:
    """Email a reset link through `request_reset`, then back to the `login` endpoint."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        request_reset(form.email.data)
        db.session.commit()
        # The same answer whether or not the address has an account.
        flash(
            _(
                "If an account uses this address, we have emailed it a link to choose a new "
                "password. The link works once, for one hour."
            ),
            "success",
        )
        return redirect(url_for(login), 303)
    return render("auth/forgot.html", block="form", status=form_status(form), form=form, area=area)
