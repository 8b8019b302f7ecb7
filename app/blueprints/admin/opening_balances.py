"""A customer's opening balances (from its Statement tab): add, change or delete one while
nothing is paid against it, and record its payments (app/services/sales/opening.py)."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.blueprints.admin import bp
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import get_customer
from app.blueprints.posting import reload_goes_to, run_action, saved_form
from app.extensions import db
from app.forms.opening import OpeningBalanceForm
from app.forms.sales import PaymentForm
from app.htmx import form_status, render
from app.models import Currency, Document
from app.models.sales import OPENING_KIND
from app.services.sales.actions import record_payment
from app.services.sales.opening import customer_openings as openings_of
from app.services.sales.opening import (
    delete_opening_balance,
    edit_opening_balance,
    may_change,
    record_opening_balance,
)
from app.services.scope import scope_of


def get_opening(customer_id: int, opening_id: int) -> Document:
    """The opening balance of this customer, or 404 (another customer's, or an invoice)."""
    opening = scope_of(current_user).of_customer_or_404(Document, customer_id, opening_id)
    return opening if opening.kind == OPENING_KIND else abort(404)


def _list_url(customer_id: int) -> str:
    return url_for("admin.customer_openings", customer_id=customer_id)


def _page_url(opening: Document) -> str:
    return url_for("admin.customer_opening_edit", customer_id=opening.customer_id,
                   opening_id=opening.id)  # fmt: skip


def _currencies(customer) -> list[str]:
    """The currencies to choose from, the customer's own first."""
    codes = list(db.session.scalars(select(Currency.code).order_by(Currency.code)))
    own = customer.currency.code if getattr(customer, "currency", None) else None
    return sorted(codes, key=lambda code: code != own)


@bp.route("/customers/<int:customer_id>/opening-balances", methods=["GET", "POST"])
def customer_openings(customer_id: int):
    customer = get_customer(customer_id)
    form = OpeningBalanceForm(_currencies(customer))
    me = current_user._get_current_object()
    done = saved_form(
        form,
        lambda: record_opening_balance(customer, form.currency.data, form.amount.data,
                                       form.as_of.data, me, form.reference.data,
                                       form.due_date.data),
        _("Opening balance saved."),
        _list_url(customer.id),
    )  # fmt: skip
    return done or render("admin/customers/opening_balances.html", block="form",
                          status=form_status(form), form=form,
                          openings=openings_of(customer),
                          **customer_header(customer, "statement"))  # fmt: skip


@bp.route("/customers/<int:customer_id>/opening-balances/<int:opening_id>",
          methods=["GET", "POST"])  # fmt: skip
def customer_opening_edit(customer_id: int, opening_id: int):
    opening = get_opening(customer_id, opening_id)
    form = OpeningBalanceForm([opening.currency_code])
    if request.method == "GET":
        form.currency.data, form.amount.data = opening.currency_code, opening.total
        form.as_of.data, form.due_date.data = opening.issue_date, opening.due_date
        form.reference.data = opening.notes
    done = saved_form(
        form,
        lambda: edit_opening_balance(opening, form.amount.data, form.as_of.data,
                                     current_user._get_current_object(), form.reference.data,
                                     form.due_date.data),
        _("Opening balance saved."),
        _page_url(opening),
    )  # fmt: skip
    return done or _opening_page(opening, form_status(form), form=form)


def _opening_page(opening: Document, status: int = 200, form=None, payment_form=None):
    """The page of one opening balance: its form (while nothing is paid), its payments and the
    payment form."""
    form = form or OpeningBalanceForm([opening.currency_code])
    return render("admin/customers/opening_balance.html", status=status, opening=opening,
                  form=form, payment_form=payment_form or _payment_form(),
                  may_change=may_change(opening),
                  **customer_header(opening.customer, "statement"))  # fmt: skip


@bp.post("/customers/<int:customer_id>/opening-balances/<int:opening_id>/delete")
def customer_opening_delete(customer_id: int, opening_id: int):
    opening = get_opening(customer_id, opening_id)
    return run_action(
        lambda: delete_opening_balance(opening, current_user._get_current_object()),
        _("Opening balance deleted."),
        _list_url(customer_id),
    )


def _payment_form() -> PaymentForm:
    """The invoices' payment form, its fields prefixed ("payment-amount"): the page also has
    the opening balance's own amount."""
    return PaymentForm(prefix="payment")


def _reload_payment(customer_id: int, opening_id: int) -> str:
    return url_for("admin.customer_opening_edit", customer_id=customer_id, opening_id=opening_id)


@bp.route("/customers/<int:customer_id>/opening-balances/<int:opening_id>/payments",
          methods=["GET", "POST"])  # fmt: skip
@reload_goes_to(_reload_payment)
def customer_opening_payment(customer_id: int, opening_id: int):
    opening = get_opening(customer_id, opening_id)
    form = _payment_form()
    done = saved_form(
        form,
        lambda: record_payment(opening, form.amount.data, form.paid_on.data, form.mode.data,
                               form.note.data, current_user._get_current_object()),
        _("Payment recorded."),
        _page_url(opening),
        back=_page_url(opening),
    )  # fmt: skip
    return done or _opening_page(opening, 422, payment_form=form)
