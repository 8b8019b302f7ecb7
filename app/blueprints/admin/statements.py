"""A customer's Statement tab: the statement of a period, its PDF and emailing it."""

from datetime import date

from flask import request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import get_customer
from app.blueprints.periods import read_period, usable_period
from app.blueprints.posting import run_action
from app.downloads import pdf_response
from app.htmx import render
from app.services import FormErrors, ValidationError
from app.services.languages import statement_language
from app.services.scope import scope_of
from app.services.statements.documents import (
    send_statement,
    statement_filename,
    statement_pdf,
    statement_recipients,
)
from app.services.statements.period import checked_period
from app.services.statements.service import customer_statement as statement_of


@bp.get("/customers/<int:customer_id>/statement")
def customer_statement(customer_id: int):
    customer = get_customer(customer_id)
    period = read_period()
    statement = statement_of(customer.id, period.start, period.end, scope_of(current_user))
    return render("admin/customers/statement.html", block="statement", status=period.status,
                  period=period, statement=statement, recipients=statement_recipients(customer),
                  **customer_header(customer, "statement"))  # fmt: skip


@bp.get("/customers/<int:customer_id>/statement/pdf")
def customer_statement_pdf(customer_id: int):
    customer = get_customer(customer_id)
    period = usable_period()
    statement = statement_of(customer.id, period.start, period.end, scope_of(current_user))
    language = statement_language(customer, from_portal=False)
    return pdf_response(statement_pdf(customer, statement, language),
                        statement_filename(customer, statement))  # fmt: skip


@bp.post("/customers/<int:customer_id>/statement/send")
def customer_statement_send(customer_id: int):
    customer = get_customer(customer_id)

    def send():
        start, end = _posted_period()
        sent = send_statement(customer, start, end, current_user._get_current_object())
        if not sent:
            raise ValidationError(_("No contact may receive this statement: none may open "
                                    "invoices in the portal and receive statements."))  # fmt: skip
        return sent

    period = {k: request.form.get(k) for k in ("from", "to") if request.form.get(k)}
    back = url_for("admin.customer_statement", customer_id=customer.id, **period)
    return run_action(
        send,
        lambda sent: ngettext("Statement emailed to %(num)d contact.",
                              "Statement emailed to %(num)d contacts.", sent),
        back,
    )  # fmt: skip


def _posted_period() -> tuple[date, date]:
    """The period the Email statement button carries (the page's own, in ISO dates)."""
    try:
        start = date.fromisoformat(request.form.get("from", ""))
        end = date.fromisoformat(request.form.get("to", ""))
        return checked_period(start, end)
    except (ValueError, FormErrors):
        raise ValidationError(_("This period cannot be used: choose it again.")) from None
