"""The contact's own profile: name, phone, password; the company's details read-only."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from app.blueprints.portal import bp
from app.extensions import db
from app.forms import show_errors
from app.forms.portal import ChangePasswordForm, ProfileForm
from app.htmx import form_status, render
from app.services import FormErrors, ValidationError
from app.services.contact_auth import change_own_password, update_own_profile
from app.services.customers.normalize import format_phone


def _page(profile_form, password_form, status=200):
    return render(
        "portal/profile.html",
        status=status,
        profile_form=profile_form,
        password_form=password_form,
        customer=current_user.customer,
    )


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    contact = current_user
    form = ProfileForm(obj=None if request.method == "POST" else contact)
    if request.method == "GET":
        form.phone.data = format_phone(contact.phone)
    if form.validate_on_submit():
        try:
            update_own_profile(contact, form.data)
        except FormErrors as exc:
            show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("portal.profile"), 303)
    status = form_status(form)
    return _page(form, ChangePasswordForm(formdata=None), status)


@bp.post("/profile/password")
def password_change():
    contact = current_user._get_current_object()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_own_password(contact, form.current_password.data, form.password.data)
        except ValidationError as exc:
            form[exc.field or "password"].errors.append(exc.message)
        else:
            db.session.commit()
            login_user(contact)  # the new session token keeps this browser signed in
            flash(_("Your password is changed."), "success")
            return redirect(url_for("portal.profile"), 303)
    profile_form = ProfileForm(formdata=None, obj=contact)
    profile_form.phone.data = format_phone(contact.phone)
    return _page(profile_form, form, 422)
