"""Contacts choose their portal password through the link staff had emailed them."""

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _

from app.blueprints.portal import bp
from app.extensions import db
from app.forms.auth import ResetPasswordForm
from app.htmx import render
from app.services import ValidationError
from app.services.contact_auth import choose_password, valid_contact_token


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    found = valid_contact_token(token)
    if found is not None:
        g.locale_hint = found.contact.customer.language
    if found is None:
        return render("portal/link_invalid.html", status=404)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            contact = choose_password(token, form.password.data)
        except ValidationError as exc:
            db.session.rollback()
            form.password.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("Your password is set, %(name)s.", name=contact.first_name), "success")
            return redirect(url_for("portal.password_done"), 303)
    status = 422 if form.is_submitted() else 200
    return render(
        "portal/set_password.html",
        block="form",
        status=status,
        form=form,
        token=token,
        contact=found.contact,
    )


@bp.get("/password-set")
def password_done():
    return render("portal/password_done.html")
