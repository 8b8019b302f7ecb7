"""The statement of account in the portal: the contact's own customer, with the invoices
permission; the period picker and the PDF (in the customer's language)."""

from flask_login import current_user

from app.blueprints.periods import read_period, usable_period
from app.blueprints.portal import bp, module_required
from app.downloads import pdf_response
from app.htmx import render
from app.services.languages import statement_language
from app.services.scope import scope_of
from app.services.statements.documents import statement_filename, statement_pdf
from app.services.statements.service import customer_statement


def _statement(period):
    scope = scope_of(current_user)
    return customer_statement(current_user.customer_id, period.start, period.end, scope)


@bp.get("/statement")
@module_required("invoices")
def statement_show():
    period = read_period()
    return render("portal/statement.html", block="statement", status=period.status,
                  period=period, statement=_statement(period))  # fmt: skip


@bp.get("/statement/pdf")
@module_required("invoices")
def statement_pdf_download():
    period = usable_period()
    customer = current_user.customer
    statement = _statement(period)
    language = statement_language(customer, from_portal=True)
    return pdf_response(statement_pdf(customer, statement, language),
                        statement_filename(customer, statement))  # fmt: skip
