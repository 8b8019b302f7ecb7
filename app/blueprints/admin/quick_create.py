"""Quick create: a customer in seconds from any page (a dialog with htmx, a page without)."""

from flask import make_response, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.custom_form import custom_form
from app.blueprints.admin.customer_form import customer_choices
from app.blueprints.posting import Refused, saved_form
from app.forms.customers import QuickCustomerForm
from app.htmx import form_status, hx_trigger, render
from app.models import PORTAL_MODULES
from app.parsing import parse_id
from app.services.customers.onboarding import (
    check_new_customer,
    register_customer,
    unconfirmed_duplicates,
)
from app.services.scope import scope_of


def _data(form) -> dict:
    """The quick form as the full New customer form would post it."""
    data = {name: field.data for name, field in form._fields.items()}
    group = parse_id(form.group.data or "")
    data["groups"] = [group] if group else []
    # The welcome email carries the password link; without it, staff send one later.
    data["password_choice"] = "link" if form.send_welcome.data else "later"
    data.update({f"perm_{module}": True for module in PORTAL_MODULES})
    return data


@bp.route("/customers/quick", methods=["GET", "POST"])
def customer_quick():
    # A required custom field is asked here too: no customer is saved without its value.
    form = custom_form(QuickCustomerForm, "customer", "required")(*customer_choices()[:2])
    scope = scope_of(current_user)
    duplicates = []

    def save():
        """Create it, unless it looks like customers not yet shown: then show them and ask
        for a second Save (the form carries their ids back)."""
        check_new_customer(_data(form), form.has_contact(), scope)  # mistakes, then look-alikes
        found = unconfirmed_duplicates(form.company.data, form.seen_duplicates.data, scope)
        if found:
            duplicates.extend(found)
            form.seen_duplicates.data = ",".join(str(dup.customer.id) for dup in found)
            raise Refused
        return register_customer(_data(form), current_user, form.has_contact())[0]

    def created(customer):
        """htmx: the dialog closes, lists hear of the customer, a toast links to it."""
        url = url_for("admin.customer_detail", customer_id=customer.id)
        return hx_trigger(make_response("", 204), closeModal=True,
                          customerCreated={"id": customer.id},
                          showToast={"message": str(_message(customer)), "url": url,
                                     "label": pgettext("action", "Open")})  # fmt: skip

    done = saved_form(
        form,
        save,
        _message,
        lambda customer: url_for("admin.customer_detail", customer_id=customer.id),
        check=lambda: check_new_customer(_data(form), form.has_contact(), scope),  # all at once
        rename={"groups": "group"},
        htmx=created,
    )
    return done or render("admin/customers/quick.html", block="dialog", status=form_status(form),
                          form=form, duplicates=duplicates)  # fmt: skip


def _message(customer) -> str:
    return _("Customer %(company)s created.", company=customer.company)
