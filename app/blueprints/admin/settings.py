"""Settings (admin only): company, localization, email server."""

import ipaddress
import re

from email_validator import EmailNotValidError, validate_email
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from app.blueprints.admin import admin_required, bp
from app.extensions import db
from app.forms.settings import CompanyForm, EmailSettingsForm, LocalizationForm
from app.htmx import form_status, render
from app.services import ValidationError, control_characters
from app.services.mail.outbox import send_test_message
from app.services.settings import (
    check_localization,
    get_settings,
    logo,
    remove_logo,
    save_settings,
    store_logo,
)

COMPANY = ("company_name", "company_address", "company_vat", "company_phone", "company_email")
EMAIL = (
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "smtp_user",
    "mail_sender_name",
    "mail_sender_email",
)


def usable_sender(address: str) -> bool:
    """Whether an address could be saved (the built-in noreply@localhost could not)."""
    try:
        validate_email(address or "", check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _from_settings(form, names):
    settings = get_settings()
    for name in names:
        form[name].data = getattr(settings, name)


@bp.get("/settings/")
@admin_required
def settings_index():
    return render("admin/settings/index.html")


@bp.route("/settings/company", methods=["GET", "POST"])
@admin_required
def settings_company():
    form = CompanyForm()
    if request.method == "GET":
        _from_settings(form, COMPANY)
    if form.validate_on_submit() and _save_company(form):
        db.session.commit()
        flash(_("Company details saved."), "success")
        return redirect(url_for("admin.settings_company"), 303)
    status = form_status(form)
    return render("admin/settings/company.html", status=status, form=form, logo=logo())


def _save_company(form) -> bool:
    """Save the company details and logo; False leaves the errors on the form."""
    values = {name: (form[name].data or "").strip() for name in COMPANY}
    bad = control_characters(values)
    for name, message in bad.items():
        form[name].errors = [message]
    if bad:
        return False
    try:
        upload = form.logo.data
        if upload and upload.filename:
            store_logo(upload.read())
        elif form.remove_logo.data:
            remove_logo()
    except ValidationError as exc:
        form.logo.errors = [exc.message]
        return False
    save_settings(values)
    return True


@bp.route("/settings/localization", methods=["GET", "POST"])
@admin_required
def settings_localization():
    form = LocalizationForm()
    if request.method == "GET":
        settings = get_settings()
        _from_settings(form, ("default_language", "date_format", "timezone"))
        form.pdf_in_client_language.data = "yes" if settings.pdf_in_client_language else "no"
    if form.validate_on_submit():
        try:
            check_localization(
                form.default_language.data, form.date_format.data, form.timezone.data
            )
        except ValidationError as exc:
            form[exc.field].errors = [exc.message]
        else:
            save_settings(
                {
                    "default_language": form.default_language.data,
                    "date_format": form.date_format.data,
                    "timezone": form.timezone.data,
                    "pdf_in_client_language": form.pdf_in_client_language.data == "yes",
                }
            )
            db.session.commit()
            flash(_("Localization saved."), "success")
            return redirect(url_for("admin.settings_localization"), 303)
    status = form_status(form)
    return render("admin/settings/localization.html", status=status, form=form)


@bp.route("/settings/email", methods=["GET", "POST"])
@admin_required
def settings_email():
    form = EmailSettingsForm()
    if request.method == "GET":
        _from_settings(form, EMAIL)
        if not get_settings().is_saved("mail_sender_email") and not usable_sender(
            form.mail_sender_email.data
        ):
            form.mail_sender_email.data = ""  # noreply@localhost: the admin types a real one
    if form.validate_on_submit() and _email_values_ok(form):
        values = {name: form[name].data for name in EMAIL}
        if form.smtp_password.data:  # blank keeps the saved password
            values["smtp_password"] = form.smtp_password.data
        elif form.forget_password.data:
            values["smtp_password"] = ""
        save_settings(values)
        db.session.commit()
        flash(_("Email settings saved."), "success")
        return redirect(url_for("admin.settings_email"), 303)
    status = form_status(form)
    return render(
        "admin/settings/email.html",
        block="form",
        status=status,
        form=form,
        password_saved=get_settings().is_saved("smtp_password"),
    )


HOSTNAME = re.compile(
    r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*",
    re.I,
)


def _email_values_ok(form) -> bool:
    """A host name or IP address; no line breaks in what becomes a header."""
    host = (form.smtp_host.data or "").strip()
    ok = True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not HOSTNAME.fullmatch(host):
            form.smtp_host.errors = [_("Enter a server name such as smtp.example.com.")]
            ok = False
    texts = {name: form[name].data or "" for name in ("smtp_user", "mail_sender_name")}
    for name, message in control_characters(texts).items():
        form[name].errors = [message]
        ok = False
    return ok


@bp.post("/settings/email/test")
@admin_required
def settings_email_test():
    form = EmailSettingsForm()
    recipient = (form.test_recipient.data or "").strip()
    if not form.test_recipient.validate(form) or not recipient:
        form.test_recipient.errors = [_("Enter the address to send the test email to.")]
        return render("admin/settings/email.html", block="test", status=422, form=form)
    error = send_test_message(recipient, get_settings())
    return render(
        "admin/settings/email.html",
        block="test",
        status=200 if error is None else 422,
        form=form,
        test_error=error,
        test_sent=error is None,
    )
