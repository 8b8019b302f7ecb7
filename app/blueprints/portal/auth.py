"""Portal sign-in, sign-out, forgotten and first passwords, and the end of 'view as'."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.blueprints import impersonation
from app.blueprints.auth.pages import forgot_password_page, sign_in_page
from app.blueprints.portal import bp, is_contact
from app.blueprints.posting import finish, saved_form
from app.forms.auth import ResetPasswordForm
from app.htmx import form_status, render, see_other
from app.i18n import remember_language
from app.jobs import later
from app.services.contact_auth import (
    authenticate_contact,
    choose_password,
    valid_contact_token,
)
from app.services.languages import speak_to
from app.throttle import throttle_emails, throttle_sign_in


@bp.route("/login", methods=["GET", "POST"])
@throttle_sign_in("portal-login")
def login():
    return sign_in_page(authenticate_contact, is_contact, home="portal.dashboard", area="portal")


@bp.post("/logout")
def logout():
    # Not a form post: nothing is written, and sign-out is a plain 303 even for htmx, as
    # for staff (auth.logout).
    if impersonation.forget():
        logout_user()
        return redirect(url_for("auth.login"), 303)
    customer = current_user.customer if is_contact() else None
    logout_user()
    if customer is not None:  # the sign-in page stays in the language the contact just used
        speak_to(customer)
    flash(_("You are signed out."), "success")
    response = redirect(url_for("portal.login"), 303)
    if customer is not None and customer.language:
        remember_language(response, customer.language)
    return response


@bp.route("/forgot-password", methods=["GET", "POST"])
@throttle_emails("portal-forgot")
def forgot_password():
    return forgot_password_page(
        later("password_reset_request", "portal"), area="portal", login="portal.login"
    )


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    found = valid_contact_token(token)
    if found is None:
        return render("portal/link_invalid.html", status=404)
    speak_to(found.contact.customer)
    form = ResetPasswordForm()

    def message(contact):
        return _("Your password is set, %(name)s. You can sign in now.", name=contact.first_name)

    done = saved_form(form, lambda: choose_password(token, form.password.data), message,
                      url_for("portal.login"), field="password")  # fmt: skip
    if done:
        return done
    status = form_status(form)
    return render(
        "portal/set_password.html",
        block="form",
        status=status,
        form=form,
        token=token,
        contact=found.contact,
    )


@bp.post("/end-view-as")
def end_impersonation():
    """Staff stop viewing the portal as a contact and return to the customer's page."""
    contact = impersonation.end()
    if contact is None:  # the staff session would no longer be valid: signed out, to sign in
        return see_other(url_for("auth.login"))
    return finish(
        contact, None, url_for("admin.customer_contacts", customer_id=contact.customer_id)
    )
