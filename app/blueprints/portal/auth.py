"""Portal sign-in, sign-out, forgotten and first passwords, and the end of 'view as'."""

from flask import flash, g, redirect, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth_identity import load_identity
from app.blueprints.auth.pages import forgot_password_page, sign_in_page
from app.blueprints.portal import IMPERSONATOR, bp, is_contact
from app.extensions import db
from app.forms.auth import ResetPasswordForm
from app.htmx import form_status, render
from app.i18n import remember_language
from app.jobs import later
from app.models import Contact, User
from app.services import ValidationError
from app.services.contact_auth import (
    authenticate_contact,
    choose_password,
    valid_contact_token,
)
from app.services.customers.activity import log_activity
from app.throttle import throttle_emails, throttle_sign_in


@bp.route("/login", methods=["GET", "POST"])
@throttle_sign_in("portal-login")
def login():
    return sign_in_page(authenticate_contact, is_contact, home="portal.dashboard", area="portal")


@bp.post("/logout")
def logout():
    if session.pop(IMPERSONATOR, None):
        logout_user()
        return redirect(url_for("auth.login"), 303)
    person = current_user._get_current_object()
    language = person.customer.language if is_contact() else None
    logout_user()
    # The sign-in page stays in the language the contact just used.
    g.locale_hint = language
    flash(_("You are signed out."), "success")
    response = redirect(url_for("portal.login"), 303)
    if language:
        remember_language(response, language)
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
    g.locale_hint = found.contact.customer.language  # the page speaks the customer's language
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            contact = choose_password(token, form.password.data)
        except ValidationError as exc:
            db.session.rollback()
            form.password.errors.append(exc.message)
        else:
            db.session.commit()
            flash(
                _("Your password is set, %(name)s. You can sign in now.", name=contact.first_name),
                "success",
            )
            return redirect(url_for("portal.login"), 303)
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
    identity = session.pop(IMPERSONATOR, None)
    person = current_user._get_current_object()
    contact = person if isinstance(person, Contact) else None
    logout_user()
    staff = load_identity(identity) if isinstance(identity, str) else None
    # The staff session comes back only if it would still be valid: same session token
    # (no password reset since), still active, still an administrator.
    if not isinstance(staff, User) or not staff.is_active or not staff.is_admin or not contact:
        return redirect(url_for("auth.login"), 303)
    log_activity(contact.customer, staff, "contact.impersonation_ended", subject=contact.full_name)
    db.session.commit()
    login_user(staff)
    return redirect(url_for("admin.customer_contacts", customer_id=contact.customer_id), 303)
