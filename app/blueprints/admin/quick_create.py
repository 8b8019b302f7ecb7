"""Quick create: a customer in seconds from any page (a dialog with htmx, a page without)."""

from flask import flash, make_response, redirect, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user

from app.blueprints.admin import bp
from app.extensions import db
from app.forms import show_errors
from app.forms.customers import QuickCustomerForm
from app.htmx import form_status, hx_trigger, is_htmx, render
from app.models import PORTAL_MODULES
from app.parsing import parse_id
from app.services import FormErrors
from app.services.customers.onboarding import check_new_customer, register_customer


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
    form = QuickCustomerForm()
    if form.is_submitted():
        valid = form.validate()
        try:  # every rule of the full form, so every error shows at once
            check_new_customer(_data(form), form.has_contact())
        except FormErrors as exc:
            show_errors(form, exc, rename={"groups": "group"})
            valid = False
        if valid:
            customer, _contact = register_customer(_data(form), current_user, form.has_contact())
            db.session.commit()
            url = url_for("admin.customer_detail", customer_id=customer.id)
            message = _("Customer %(company)s created.", company=customer.company)
            if not is_htmx():
                flash(message, "success")
                return redirect(url, 303)
            return hx_trigger(
                make_response("", 204),
                closeModal=True,
                customerCreated={"id": customer.id},
                showToast={
                    "message": str(message),
                    "url": url,
                    "label": pgettext("action", "Open"),
                },
            )
    status = form_status(form)
    return render("admin/customers/quick.html", block="dialog", status=status, form=form)
