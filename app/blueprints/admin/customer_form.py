"""Glue between the customer form and the customer services: errors, sections, conflicts."""

import contextlib

from flask import abort, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.blueprints.admin.customer_header import customer_header
from app.blueprints.posting import Refused, saved_form
from app.collation import collated
from app.forms import all_errors
from app.forms.choices import country_name
from app.htmx import form_status, render
from app.models import Currency, Customer, CustomerGroup, User
from app.parsing import parse_id
from app.services import ValidationError
from app.services.currencies import all_currencies
from app.services.customers.activity import changes_since
from app.services.customers.cleaning import Duplicate, clean_customer, find_duplicates
from app.services.customers.contacts import contact_using_email
from app.services.customers.groups import all_groups
from app.services.customers.hooks import has_transactions
from app.services.customers.normalize import normalize_vat, vat_country
from app.services.customers.onboarding import check_new_customer, register_customer
from app.services.customers.service import EditConflict, update_customer
from app.services.scope import scope_of
from app.services.staff import active_staff, normalize_email

ADDRESS = ("street", "city", "state", "zip", "country")
SECTIONS = [
    (
        "details",
        _l("Customer details"),
        ("company", "vat_number", "phone", "website", "address", "city", "state", "zip", "country"),
    ),
    (
        "contact",
        _l("Primary contact"),
        (
            "contact_first_name",
            "contact_last_name",
            "contact_email",
            "contact_phone",
            "contact_position",
            "password_choice",
            "contact_password",
            "send_welcome",
        ),
    ),
    (
        "permissions",
        _l("Permissions"),
        (
            "perm_invoices",
            "perm_estimates",
            "perm_contracts",
            "perm_proposals",
            "perm_support",
            "perm_projects",
            "perm_files",
        ),
    ),
    (
        "billing",
        _l("Billing & shipping"),
        tuple(f"billing_{p}" for p in ADDRESS) + tuple(f"shipping_{p}" for p in ADDRESS),
    ),
    (
        "advanced",
        _l("Advanced options"),
        ("groups", "new_group", "admins", "currency", "language"),
    ),
]


def customer_choices(
    customer: Customer | None = None,
) -> tuple[list[CustomerGroup], list[Currency], list[User]]:
    """The groups, currencies and possible customer admins a customer form offers, read by the
    view for the form: active staff, and the customer's deactivated admins it still has."""
    staff = active_staff()
    if customer is not None:
        staff = collated(set(staff) | set(customer.admins), lambda u: u.name)
    return all_groups(), all_currencies(), staff


def sections_of(form) -> list[tuple[str, str, tuple]]:
    """The sections this form has (contact and permissions only on new customers), each with
    the custom fields placed in it."""
    custom = getattr(form, "custom_names", {})
    return [(key, label, names + tuple(custom.get(key, ())))
            for key, label, names in SECTIONS if names[0] in form]  # fmt: skip


def _service_data(form) -> dict:
    """The form's values for the services, leaving out fields WTForms already refused."""
    return {name: (None if field.errors else field.data) for name, field in form._fields.items()}


def check_customer_form(form, customer: Customer | None) -> None:
    """The business rules on what the form holds; raises FormErrors."""
    if customer is None:
        check_new_customer(_service_data(form), form.has_contact(), scope_of(current_user))
    else:
        clean_customer(_service_data(form), customer)


def _collect_errors(form, customer: Customer | None) -> None:
    """Run the field checks and the business rules; put every message beside its field."""
    form.validate()
    all_errors(form, lambda: check_customer_form(form, customer))


def save_customer_form(form, customer: Customer | None) -> Customer:
    """Save what the form holds (checked already); an edit made meanwhile by someone else is
    refused with the changes since and status 409 (saved_form's Refused)."""
    form.conflict = None
    data = _service_data(form)
    if customer is None:
        created, _contact = register_customer(data, current_user, form.has_contact())
        return created
    expected = parse_id(str(form.version.data or "")) or -1
    try:
        return update_customer(customer, clean_customer(data, customer), current_user, expected)
    except EditConflict as exc:
        form.conflict = changes_since(exc.customer.id, expected)
        form.version.data = exc.customer.version
        raise Refused from exc


def saved_customer(form, customer: Customer | None, message):
    """The customer form's post: every check at once, a race beside the company name."""
    scope, seen = scope_of(current_user), {}

    def still_seen(saved: Customer) -> bool:
        """Whether the person still sees the saved customer (looked up once per save)."""
        if saved.id not in seen:
            seen[saved.id] = scope.get(Customer, saved.id) is not None
        return seen[saved.id]

    def told(saved: Customer) -> str:
        text = message(saved) if callable(message) else message
        if still_seen(saved):
            return text
        return _("%(message)s You are no longer assigned to %(company)s, so it is no longer in "
                 "your lists.", message=text, company=saved.company)  # fmt: skip

    def page(saved: Customer) -> str:
        if not still_seen(saved):  # they took themselves off it
            return url_for("admin.customer_list")
        return url_for("admin.customer_detail", customer_id=saved.id)

    return saved_form(
        form, lambda: save_customer_form(form, customer), told, page,
        check=lambda: check_customer_form(form, customer), field="company",
    )  # fmt: skip


def duplicates_for(form, customer: Customer | None) -> dict[str, list[Duplicate]]:
    """Likely duplicates of what the form holds, by field, with the existing customer: only
    customers this person may open (the others are not mentioned)."""
    scope = scope_of(current_user)
    values = {"company": form.company.data or "", "vat_number": None}
    if form.vat_number.data and not form.vat_number.errors:
        with contextlib.suppress(ValidationError):
            values["vat_number"] = normalize_vat(form.vat_number.data, form.country.data)
    found: dict[str, list[Duplicate]] = {}
    for dup in find_duplicates(values, exclude_id=customer.id if customer else None, scope=scope):
        found.setdefault(dup.field, []).append(dup)
    if "contact_email" in form and form.contact_email.data:
        try:
            other = contact_using_email(normalize_email(form.contact_email.data))
        except ValidationError:
            other = None
        if other is not None and scope.get(Customer, other.customer_id) is not None:
            found["contact_email"] = [Duplicate("contact_email", "", other.customer)]
    return found


def error_sections(form) -> list[str]:
    """The sections holding errors, in order (the first one opens)."""
    return [
        key
        for key, _label, names in sections_of(form)
        if any(name in form and form[name].errors for name in names)
    ]


def country_from_vat(form) -> tuple[str, str, str] | None:
    """With no country chosen, the one the VAT number's prefix names: what the save will take
    (field, code, name), for the form to fill in."""
    if form.country.data or form.vat_number.errors:
        return None
    code = vat_country(form.vat_number.data)
    return ("country", code, country_name(code)) if code else None


def _render_form(customer: Customer | None, block: str, form, /, warn: bool = True, **context):
    """A block of the New customer page, or of a customer's Profile tab; `warn` looks for
    likely duplicates of what the form holds."""
    template = "admin/customers/new.html" if customer is None else "admin/customers/detail.html"
    warnings = duplicates_for(form, customer) if warn else {}
    locked = bool(customer) and has_transactions(customer.id)
    return render(template, block=block, form=form, warnings=warnings, currency_locked=locked,
                  **context)  # fmt: skip


def customer_form_page(form, customer: Customer | None):
    """The New customer page or the Profile tab, whole or as the form block for htmx; refused
    it is 422, or 409 when someone else saved the customer meanwhile."""
    conflict = getattr(form, "conflict", None)
    status = 409 if conflict is not None else form_status(form)
    if status != 200 and (fill := country_from_vat(form)):
        form.country.data = fill[1]  # as the save will: "FR…" is in France
    return _render_form(
        customer,
        "form",
        form,
        warn=status != 200,
        status=status,
        sections=sections_of(form),
        error_sections=error_sections(form),
        open_section=(error_sections(form) or ["details"])[0],
        conflict=conflict,
        **(customer_header(customer, "profile") if customer else {"customer": None}),
    )


def field_check(form, name: str, customer: Customer | None):
    """Check one field as the user leaves it: its block with errors and warnings; no write."""
    if name not in form or name in {"csrf_token", "version"}:
        abort(400)
    _collect_errors(form, customer)
    fill = country_from_vat(form) if name == "vat_number" else None
    return _render_form(customer, "field", form, only=name, customer=customer, tab="profile",
                        fill=fill)  # fmt: skip
