"""The customer form (in sections), the contact form and the group form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms.choices import country_choices, currency_choices, language_choices
from app.forms.email_preferences import EmailPreferenceFields
from app.forms.validators import max_length
from app.labels.options import MODULE_LABELS

PERMISSION_HELP = {
    "invoices": _l("See and pay the customer's invoices."),
    "estimates": _l("See estimates and accept or decline them."),
    "contracts": _l("Read and sign contracts."),
    "proposals": _l("Read proposals and answer them."),
    "support": _l("Open support tickets and reply to them."),
    "projects": _l("Follow the customer's projects."),
    "files": _l("Download the files shared with the customer."),
}


def _permission(module: str) -> BooleanField:
    """A portal module's switch, named and explained, on by default."""
    return BooleanField(MODULE_LABELS[module], default=True, description=PERMISSION_HELP[module])


class PermissionFields:
    """The portal module switches, on by default."""

    perm_invoices = _permission("invoices")
    perm_estimates = _permission("estimates")
    perm_contracts = _permission("contracts")
    perm_proposals = _permission("proposals")
    perm_support = _permission("support")
    perm_projects = _permission("projects")
    perm_files = _permission("files")


def _address_fields():
    """Street, city, state, postal code, country: one billing or shipping address."""
    return (
        TextAreaField(_l("Street"), validators=[max_length(500)], render_kw={"rows": 2}),
        StringField(_l("City"), validators=[max_length(100)]),
        StringField(_l("State / region"), validators=[max_length(100)]),
        StringField(_l("Postal code"), validators=[max_length(20)]),
        SelectField(_l("Country"), default=""),
    )


def _staff_label(user) -> str:
    """A staff member in the admins list: a deactivated one (still assigned) says so."""
    return user.name if user.active else _l("%(name)s (inactive)", name=user.name)


class CustomerForm(FlaskForm):
    # 1. Customer details
    company = StringField(_l("Company"), validators=[DataRequired(), max_length(200)])
    vat_number = StringField(
        _l("VAT number"),
        validators=[max_length(32)],
        description=_l("Checked against the country's format."),
    )
    phone = TelField(_l("Phone"), validators=[max_length(32)])
    website = StringField(_l("Website"), validators=[max_length(255)])
    address = TextAreaField(_l("Address"), validators=[max_length(500)], render_kw={"rows": 2})
    city = StringField(_l("City"), validators=[max_length(100)])
    state = StringField(_l("State / region"), validators=[max_length(100)])
    zip = StringField(_l("Postal code"), validators=[max_length(20)])
    country = SelectField(_l("Country"), default="")

    # 4. Billing & shipping
    billing_street, billing_city, billing_state, billing_zip, billing_country = _address_fields()
    shipping_street, shipping_city, shipping_state, shipping_zip, shipping_country = (
        _address_fields()
    )

    # 5. Advanced options
    groups = SelectMultipleField(
        _l("Groups"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("Reports by group show which groups bring most."),
    )
    new_group = StringField(
        _l("New group"),
        validators=[max_length(100)],
        description=_l("Type a name to create a group and add it."),
    )
    admins = SelectMultipleField(
        _l("Customer admins"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("The staff members who look after this customer."),
    )
    currency = SelectField(
        _l("Currency"),
        default="",
        description=_l(
            "Invoices and estimates for this customer use it. It cannot change once the customer "
            "has transactions."
        ),
    )
    language = SelectField(
        _l("Language"),
        default="",
        description=_l("The client portal and emails appear in this language."),
    )
    # Negative, so that a form without it (Quick create) leaves reminders on.
    skip_payment_reminders = BooleanField(
        _l("Do not send payment reminders"),
        description=_l("Its contacts receive no reminder of unpaid invoices (Settings → Finance)."),
    )

    version = HiddenField()

    def __init__(self, groups, currencies, staff, *args, **kwargs):
        """`groups`, `currencies` and `staff` (possible customer admins) come from the view."""
        super().__init__(*args, **kwargs)
        self.admins.choices = [SelectChoice(u.id, _staff_label(u)) for u in staff]
        countries = country_choices()
        for name in ("country", "billing_country", "shipping_country"):
            self[name].choices = countries
        self.groups.choices = [SelectChoice(g.id, g.name) for g in groups]
        self.currency.choices = currency_choices(currencies)
        self.language.choices = language_choices()


class NewCustomerForm(PermissionFields, CustomerForm):
    """The customer form on creation: adds the primary contact and its permissions."""

    contact_first_name = StringField(_l("First name"), validators=[max_length(100)])
    contact_last_name = StringField(_l("Last name"), validators=[max_length(100)])
    contact_email = EmailField(_l("Email"), validators=[max_length(254)])
    contact_phone = TelField(_l("Phone"), validators=[max_length(32)])
    contact_position = StringField(_l("Position"), validators=[max_length(100)])
    password_choice = RadioField(
        _l("Portal password"),
        choices=[
            SelectChoice("link", _l("Send a link to choose one")),
            SelectChoice("password", _l("Set it now")),
        ],
        default="link",
    )
    send_welcome = BooleanField(
        _l("Send welcome email"),
        default=True,
        description=_l(
            "The welcome email (Settings → Email templates → Customers), in the "
            "customer's language."
        ),
    )
    contact_password = PasswordField(
        _l("Password"),
        validators=[Optional(), max_length(128)],
        render_kw={"autocomplete": "new-password"},
    )

    def has_contact(self) -> bool:
        """Whether any primary contact field was filled in."""
        return any(
            (self[f"contact_{n}"].data or "").strip()
            for n in ("first_name", "last_name", "email", "phone", "position")
        )


class ContactForm(PermissionFields, EmailPreferenceFields, FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), max_length(100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), max_length(100)])
    email = EmailField(_l("Email"), validators=[DataRequired(), max_length(254)])
    phone = TelField(_l("Phone"), validators=[max_length(32)])
    position = StringField(_l("Position"), validators=[max_length(100)])
    send_link = BooleanField(_l("Email a link to choose a portal password"), default=True)


class GroupForm(FlaskForm):
    name = StringField(_l("Group name"), validators=[DataRequired(), max_length(100)])


class VersionForm(FlaskForm):
    """Only CSRF and the version: for small POST actions."""

    version = IntegerField(validators=[Optional()])


class QuickCustomerForm(FlaskForm):
    """The few fields of Quick create; the same rules as the full form apply."""

    company = StringField(_l("Company"), validators=[DataRequired(), max_length(200)])
    contact_first_name = StringField(_l("First name"), validators=[max_length(100)])
    contact_last_name = StringField(_l("Last name"), validators=[max_length(100)])
    contact_email = EmailField(_l("Email"), validators=[max_length(254)])
    group = SelectField(_l("Group"), default="")
    currency = SelectField(_l("Currency"), default="")
    language = SelectField(_l("Language"), default="")
    send_welcome = BooleanField(_l("Send welcome email"), default=True)
    # The ids of the look-alike customers already shown: saving again creates it anyway.
    seen_duplicates = HiddenField()

    def __init__(self, groups, currencies, *args, **kwargs):
        """`groups` and `currencies` to choose from come from the view."""
        super().__init__(*args, **kwargs)
        self.group.choices = [SelectChoice("", "—")] + [
            SelectChoice(str(g.id), g.name) for g in groups
        ]
        self.currency.choices = currency_choices(currencies)
        self.language.choices = language_choices()

    def has_contact(self) -> bool:
        return any(
            (self[f"contact_{n}"].data or "").strip() for n in ("first_name", "last_name", "email")
        )
