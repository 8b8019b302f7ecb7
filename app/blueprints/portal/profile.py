"""The contact's own profile: name, phone, password, the emails they receive; the company's
details read-only."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from app.blueprints.portal import bp
from app.blueprints.posting import reload_goes_to, saved_form
from app.blueprints.two_step_profile import panel, two_step_profile_routes
from app.forms.email_preferences import EmailPreferencesForm
from app.forms.profile import ChangePasswordForm, ProfileForm
from app.htmx import form_status, render
from app.services.contact_auth import change_own_password, update_own_profile
from app.services.custom_fields.values import portal_values
from app.services.customers.email_preferences import update_own_email_preferences
from app.services.customers.normalize import format_phone
from app.services.languages import screen
from app.services.privacy.requests import open_request


def _page(profile_form, password_form, status=200, off_form=None, emails_form=None):
    return render(
        "portal/profile.html",
        status=status,
        profile_form=profile_form,
        password_form=password_form,
        emails_form=emails_form or EmailPreferencesForm(formdata=None, obj=current_user),
        customer=current_user.customer,
        custom_values=portal_values(current_user, screen()),
        erase_request=open_request(current_user),
        **panel(current_user._get_current_object(), off_form),
    )


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    contact = current_user
    form = ProfileForm(obj=None if request.method == "POST" else contact)
    if request.method == "GET":
        form.phone.data = format_phone(contact.phone)
    done = saved_form(form, lambda: update_own_profile(contact, form.data),
                      _("Your profile is saved."), url_for("portal.profile"))  # fmt: skip
    return done or _page(form, ChangePasswordForm(formdata=None), form_status(form))


@bp.route("/profile/password", methods=["GET", "POST"])
@reload_goes_to(lambda: url_for("portal.profile"))
def password_change():
    contact = current_user._get_current_object()
    form = ChangePasswordForm()
    done = saved_form(
        form, lambda: change_own_password(contact, form.current_password.data, form.password.data),
        _("Your password is changed."), url_for("portal.profile"), field="password",
    )  # fmt: skip
    if done:
        login_user(contact)  # committed: the new session token keeps this browser signed in
        return done
    return _page(_filled_profile_form(contact), form, 422)


@bp.route("/profile/emails", methods=["GET", "POST"])
@reload_goes_to(lambda: url_for("portal.profile"))
def profile_emails():
    """The contact's own "Emails I receive" switches (only their own: no id in the URL)."""
    contact = current_user._get_current_object()
    form = EmailPreferencesForm()
    done = saved_form(form, lambda: update_own_email_preferences(contact, form.data),
                      _("Your email choices are saved."), url_for("portal.profile"))  # fmt: skip
    return done or _page(_filled_profile_form(contact), ChangePasswordForm(formdata=None), 422,
                         emails_form=form)  # fmt: skip


def _filled_profile_form(contact) -> ProfileForm:
    profile_form = ProfileForm(formdata=None, obj=contact)
    profile_form.phone.data = format_phone(contact.phone)
    return profile_form


def _refused_turn_off(off_form):
    return _page(_filled_profile_form(current_user), ChangePasswordForm(formdata=None), 422,
                 off_form)  # fmt: skip


two_step_profile_routes(bp, layout="layouts/portal.html", profile="portal.profile",
                        page=_refused_turn_off)  # fmt: skip
