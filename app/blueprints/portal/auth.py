"""Portal sign-in, sign-out, forgotten and first passwords, and the end of 'view as'."""

from flask import request, url_for
from flask_babel import gettext as _

from app.blueprints import impersonation
from app.blueprints.auth.pages import sign_in_routes
from app.blueprints.portal import bp, is_contact
from app.blueprints.posting import finish, saved_form
from app.forms.auth import ResetPasswordForm
from app.htmx import form_status, render, see_other
from app.i18n import remember_language, shipped_languages
from app.jobs import later
from app.links import LANGUAGE_ARG
from app.services.contact_auth import authenticate_contact, choose_password, valid_contact_token
from app.services.languages import customer_language, speak

sign_in_routes(bp, authenticate=authenticate_contact, signed_in=is_contact,
               request_reset=later("password_reset_request", "portal"), home="portal.dashboard",
               area="portal", throttle="portal")  # fmt: skip


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    found = valid_contact_token(token)
    if found is None:
        return render("portal/link_invalid.html", status=404)
    # The link's `?lang=` (the language of the email it came in) wins, else the customer's: the
    # page, its message and the sign-in page after it (through the cookie) all speak it.
    language = request.args.get(LANGUAGE_ARG)
    if language not in shipped_languages():
        language = customer_language(found.contact.customer)
    speak(language)
    form = ResetPasswordForm()

    def message(contact):
        return _("Your password is set, %(name)s. You can sign in now.", name=contact.first_name)

    done = saved_form(form, lambda: choose_password(token, form.password.data), message,
                      url_for("portal.login"), field="password")  # fmt: skip
    if done:  # the sign-in page that follows speaks it too, not the browser's
        remember_language(done, language)
        return done
    status = form_status(form)
    return render(
        "portal/set_password.html",
        block="form",
        status=status,
        form=form,
        token=token,
        contact=found.contact,
        language=language,  # the form posts back with it: the message after it speaks it too
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
