"""Settings (admin only): company, localization, email server."""

import ipaddress
import re

from email_validator import EmailNotValidError, validate_email
from flask import request, url_for
from flask_babel import gettext as _

from app.blueprints.admin import bp
from app.blueprints.posting import reload_goes_to, saved_form
from app.forms.settings import CompanyForm, EmailSettingsForm, LocalizationForm
from app.forms.two_step import SecurityForm
from app.htmx import form_status, render
from app.services import Collector, FormErrors, control_characters
from app.services.mail.smtp import send_test_message
from app.services.settings import (
    check_localization,
    get_settings,
    logo,
    remove_logo,
    save_settings,
    store_logo,
)

COMPANY = ("company_name", "company_address", "company_vat", "company_phone", "company_email",
           "company_country")  # fmt: skip
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
def settings_index():
    return render("admin/settings/index.html")


@bp.route("/settings/company", methods=["GET", "POST"])
def settings_company():
    form = CompanyForm()
    if request.method == "GET":
        _from_settings(form, COMPANY)
    done = saved_form(form, lambda: _save_company(form), _("Company details saved."),
                      url_for("admin.settings_company"))  # fmt: skip
    return done or render("admin/settings/company.html", status=form_status(form), form=form,
                          logo=logo())  # fmt: skip


def _save_company(form) -> None:
    """Save the company details and logo; raises FormErrors or ValidationError (logo)."""
    values = {name: (form[name].data or "").strip() for name in COMPANY}
    bad = control_characters(values)
    if bad:
        raise FormErrors({name: [message] for name, message in bad.items()})
    upload = form.logo.data
    if upload and upload.filename:
        store_logo(upload.read())
    elif form.remove_logo.data:
        remove_logo()
    save_settings(values)


@bp.route("/settings/localization", methods=["GET", "POST"])
def settings_localization():
    form = LocalizationForm()
    if request.method == "GET":
        settings = get_settings()
        _from_settings(form, ("default_language", "date_format", "timezone"))
        form.pdf_in_client_language.data = "yes" if settings.pdf_in_client_language else "no"

    def save():
        check_localization(form.default_language.data, form.date_format.data, form.timezone.data)
        save_settings({
            "default_language": form.default_language.data,
            "date_format": form.date_format.data,
            "timezone": form.timezone.data,
            "pdf_in_client_language": form.pdf_in_client_language.data == "yes",
        })  # fmt: skip

    done = saved_form(form, save, _("Localization saved."), url_for("admin.settings_localization"))
    return done or render("admin/settings/localization.html", status=form_status(form), form=form)


@bp.route("/settings/email", methods=["GET", "POST"])
def settings_email():
    form = EmailSettingsForm()
    if request.method == "GET":
        _from_settings(form, EMAIL)
        if not get_settings().is_saved("mail_sender_email") and not usable_sender(
            form.mail_sender_email.data
        ):
            form.mail_sender_email.data = ""  # noreply@localhost: the admin types a real one

    def save():
        _check_email_values(form)
        values = {name: form[name].data for name in EMAIL}
        if form.smtp_password.data:  # blank keeps the saved password
            values["smtp_password"] = form.smtp_password.data
        elif form.forget_password.data:
            values["smtp_password"] = ""
        save_settings(values)

    done = saved_form(form, save, _("Email settings saved."), url_for("admin.settings_email"))
    return done or render(
        "admin/settings/email.html",
        block="form",
        status=form_status(form),
        form=form,
        password_saved=get_settings().is_saved("smtp_password"),
    )


HOSTNAME = re.compile(
    r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*",
    re.I,
)


def _check_email_values(form) -> None:
    """A host name or IP address; no line breaks in what becomes a header (FormErrors)."""
    host = (form.smtp_host.data or "").strip()
    errors = Collector()
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not HOSTNAME.fullmatch(host):
            errors.add("smtp_host", _("Enter a server name such as smtp.example.com."))
    texts = {name: form[name].data or "" for name in ("smtp_user", "mail_sender_name")}
    for name, message in control_characters(texts).items():
        errors.add(name, message)
    errors.raise_if_any()


@bp.route("/settings/email/test", methods=["GET", "POST"])
@reload_goes_to(lambda: url_for("admin.settings_email"))
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


@bp.route("/settings/security", methods=["GET", "POST"])
def settings_security():
    """Whether two-step sign-in is required of staff, and of portal contacts."""
    form = SecurityForm()
    names = ("two_step_staff", "two_step_contacts")
    if request.method == "GET":
        settings = get_settings()
        for name in names:
            form[name].data = "yes" if getattr(settings, name) else "no"

    def save():
        save_settings({name: form[name].data == "yes" for name in names})

    done = saved_form(form, save, _("Security settings saved."), url_for("admin.settings_security"))
    return done or render("admin/settings/security.html", status=form_status(form), form=form)
