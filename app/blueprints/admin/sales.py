"""Sales: invoice, estimate, proposal and credit note lists, the document form (new/edit), its
page and PDF."""

from datetime import date
from decimal import Decimal

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.choose import customer_chooser
from app.blueprints.admin.credit_panels import credit_context
from app.blueprints.admin.custom_form import custom_form, fill_custom
from app.blueprints.kinds import KINDS, kind_routes
from app.blueprints.posting import refuse_action, saved_form
from app.downloads import pdf_response
from app.forms.sales import DocumentForm, PaymentForm, SendForm
from app.htmx import form_status, render
from app.i18n import left_to_right_text, shipped_languages
from app.models import CUSTOM_ENTITIES, Currency, Customer, Document, TaxRate
from app.parsing import parse_id
from app.roles import KIND_MODULES
from app.services import ValidationError
from app.services.currencies import all_currencies, currency_id_of
from app.services.custom_fields.filters import list_context, list_fields
from app.services.custom_fields.records import saved_with_custom
from app.services.custom_fields.values import shown_values
from app.services.languages import screen
from app.services.lists import paginate
from app.services.recurring.queries import recurring_source
from app.services.sales.actions import conversion_links, recipients
from app.services.sales.finality import NUMBERED_WHEN_ISSUED, can_edit, final_reason
from app.services.sales.finance import document_texts, texts_for_new_language
from app.services.sales.pdf import document_pdf, pdf_filename
from app.services.sales.queries import (
    STATUS_FILTERS,
    DocumentFilters,
    documents_query,
    list_summary,
)
from app.services.sales.reminders import reminders_of
from app.services.sales.service import (
    ADDRESS,
    MAX_LINES,
    DocumentInput,
    ItemInput,
    customer_defaults,
    default_due_date,
    document_totals,
    draft_totals,
    save_document,
)
from app.services.sales.taxes import all_taxes
from app.services.sales.totals import quantize
from app.services.scope import scope_of


def get_document(kind: str, document_id: int) -> Document:
    """The document of this kind, when this staff member may see it, or 404."""
    document = scope_of(current_user).get_or_404(Document, document_id)
    return document if document.kind == kind else abort(404)


def document_list(kind: str):
    fields = list_fields(kind) if kind in CUSTOM_ENTITIES else []  # credit notes have none
    filters = DocumentFilters.from_args(kind, request.args, fields, screen())
    scope = scope_of(current_user)
    count, totals = list_summary(filters, scope)
    page = paginate(documents_query(filters, scope), request.args, "sales", total=count)
    custom = list_context(fields, filters, [d.id for d in page.items], kind)
    return render("admin/sales/list.html", block="results", kind=kind, filters=filters,
                  page=page, statuses=STATUS_FILTERS[kind], totals=totals, **custom)  # fmt: skip


def _form_input(form) -> DocumentInput:
    items = [ItemInput(description=(e.form.description.data or "").strip(),
                       quantity=e.form.quantity.data or Decimal(0), rate=e.form.rate.data,
                       unit=(e.form.unit.data or "").strip(),
                       long_description=(e.form.long_description.data or "").strip(),
                       tax_ids=list(e.form.taxes.data or [])) for e in form.items]  # fmt: skip
    return DocumentInput(
        customer_id=parse_id(form.customer_id.data), issue_date=form.issue_date.data,
        due_date=form.due_date.data, currency_id=parse_id(form.currency_id.data),
        language=form.language.data,
        billing={p: (form[f"billing_{p}"].data or "").strip() for p in ADDRESS},
        include_shipping=form.include_shipping.data,
        shipping={p: (form[f"shipping_{p}"].data or "").strip() for p in ADDRESS},
        items=items, discount_type=form.discount_type.data,
        discount_value=form.discount_value.data or Decimal(0),
        discount_before_tax=form.discount_before_tax.data, notes=form.notes.data,
        terms=form.terms.data,
        body=form.body.data,
    )  # fmt: skip


def _prefill(form, kind: str, customer: Customer) -> None:
    defaults = customer_defaults(customer)
    form.customer_id.data = str(customer.id)
    form.issue_date.data = date.today()
    form.due_date.data = default_due_date(kind, date.today())
    form.currency_id.data = str(defaults["currency_id"] or "")
    form.language.data = defaults["language"]
    form.include_shipping.data = defaults["include_shipping"]
    for part in ADDRESS:
        form[f"billing_{part}"].data = defaults["billing"][part] or ""
        form[f"shipping_{part}"].data = defaults["shipping"][part] or ""
    form.notes.data, form.terms.data = document_texts(kind, defaults["language"])
    form.texts_language.data = defaults["language"]


def _texts_follow_language(kind: str, form) -> None:
    """Notes and terms still the defaults of the language the form had take the new one's."""
    old, new = form.texts_language.data, form.language.data
    languages = shipped_languages()
    if old in languages and new in languages and old != new:
        form.notes.data, form.terms.data = texts_for_new_language(
            kind, old, new, form.notes.data, form.terms.data
        )
    if new in languages:
        form.texts_language.data = new


def _choices() -> tuple[list[Currency], list[TaxRate]]:
    """The currencies and tax rates the form offers, read once per request."""
    return all_currencies(), all_taxes()


def _typed_totals(kind, form, document):
    """The totals block for the form as typed: (figures or None, why some number does not read).
    A rate not typed yet counts as 0 here (saving still requires it)."""
    fields = [
        (n, e.form[name]) for n, e in enumerate(form.items, 1) for name in ("quantity", "rate")
    ]
    problems = [
        _("Line %(n)d, %(field)s: %(error)s", n=n, field=f.label.text, error=f.process_errors[0])
        for n, f in fields
        if f.process_errors
    ]
    discount = form.discount_value
    if discount.process_errors:
        problems.append(
            _("%(field)s: %(error)s", field=discount.label.text, error=discount.process_errors[0])
        )
    if problems:
        return None, problems
    data = _form_input(form)
    for item in data.items:
        item.rate = Decimal(0) if item.rate is None else item.rate
    return draft_totals(kind, data, document), []


def _form_page(kind, form, document, customer, choices, status=200, block="form"):
    form.set_choices(*choices)  # again: a line may have been added since
    if kind in ("estimate", "proposal"):  # valid until a date; invoices fall due
        form.due_date.label.text = _("Valid until")
    draft, problems = _typed_totals(kind, form, document)
    return render("admin/sales/form.html", block=block, status=status, kind=kind, form=form,
                  document=document, customer=customer, draft=draft,
                  totals_problems=problems)  # fmt: skip


def document_form(kind: str, document: Document | None = None):
    """New or edit; choosing a customer fills the form; '+ line' adds a line; save."""
    form = custom_form(DocumentForm, kind)(
        obj=document if request.method == "GET" and document else None
    )
    customer = document.customer if document else None
    if request.method == "GET" and document is None:
        customer = scope_of(current_user).get(Customer, parse_id(request.args.get("customer")) or 0)
        if customer is None:
            return customer_chooser(kind)
        _prefill(form, kind, customer)
    elif request.method == "GET":
        fill_custom(form, kind, document.id)
        form.customer_id.data = str(document.customer_id)
        form.currency_id.data = str(currency_id_of(document.currency_code) or "")
        form.texts_language.data = document.language
        for entry, item in zip(form.items, document.items, strict=False):
            entry.form.taxes.data = [t.tax_rate_id for t in item.taxes if t.tax_rate_id]
    else:
        customer = (
            scope_of(current_user).get(Customer, parse_id(form.customer_id.data) or 0) or customer
        )
    choices = _choices()
    if request.method == "POST" and request.form.get("_totals"):  # lines being typed: totals only
        return _form_page(kind, form, document, customer, choices, block="totals")
    if request.method == "POST":  # also without JavaScript: on saving, or any button of the form
        _texts_follow_language(kind, form)
    if request.method == "POST" and request.form.get("_texts"):  # the language was changed
        return _form_page(kind, form, document, customer, choices, block="texts")
    remove = request.form.get("_remove_line") if request.method == "POST" else None
    if remove is not None:
        index = 0 if remove == "0" else parse_id(remove)  # lines count from 0
        if index is not None and len(form.items.entries) > 1 and index < len(form.items.entries):
            form.items.entries.pop(index)
        return _form_page(kind, form, document, customer, choices)
    if request.method == "POST" and request.form.get("_add_line"):
        if len(form.items) < MAX_LINES:
            form.items.append_entry()
        else:
            form.form_errors.append(_("A document has at most %(n)d lines.", n=MAX_LINES))
        return _form_page(kind, form, document, customer, choices)
    if request.method == "POST":
        form.set_choices(*choices)
    done = saved_form(
        form,
        lambda: saved_with_custom(
            kind, form.data, lambda: save_document(document, kind, _form_input(form), current_user)
        ),
        lambda saved: (
            _("%(number)s saved.", number=saved.number)
            if saved.number
            else _("Draft credit note saved: it takes its number when issued.")
            if saved.kind == "credit"
            else _("Draft invoice saved: it takes its number when issued.")
        ),
        lambda saved: url_for(f"admin.{kind}_detail", document_id=saved.id),
    )
    return done or _form_page(kind, form, document, customer, choices, form_status(form))


def document_detail(kind: str, document_id: int):
    return detail_page(get_document(kind, document_id))


def detail_page(document: Document, status: int = 200, payment_form=None, **credit_forms):
    """A document's page with every panel; after a refused form (422) that form as typed, with
    its messages beside its fields, the other panels as on the page."""
    kind, scope = document.kind, scope_of(current_user)
    send_form = SendForm(formdata=None)
    allowed = recipients(document)
    send_form.contacts.choices = [
        (c.id, f"{c.full_name} <{left_to_right_text(c.email)}>") for c in allowed
    ]
    # Ticked by default: the primary contact, unless they opted out of invoice emails (shown).
    send_form.contacts.data = [c.id for c in allowed if c.is_primary and c.receives("invoices")]
    opted_out = {c.id for c in allowed if not c.receives("invoices")}
    if payment_form is None:
        due = quantize(document.amount_due, document.currency_decimals)
        payment_form = PaymentForm(formdata=None, paid_on=date.today(), amount=due)
    source, converted_to = conversion_links(document, scope)
    recurring = recurring_source(document, scope) if kind == "invoice" else None
    return render(
        "admin/sales/detail.html",
        status=status,
        kind=kind,
        document=document,
        source=source,
        converted_to=converted_to,
        recurring=recurring,
        totals=document_totals(document),
        send_form=send_form,
        opted_out=opted_out,
        payment_form=payment_form,
        reminders=reminders_of(document) if kind == "invoice" and document.number else None,
        custom_values=shown_values(kind, document.id, screen(), None),
        **credit_context(document, scope, **credit_forms),
    )


def document_pdf_view(kind: str, document_id: int):
    document = get_document(kind, document_id)
    return pdf_response(document_pdf(document, keep=True), pdf_filename(document),
                        inline=bool(request.args.get("inline")))  # fmt: skip


def _document_edit(kind: str, document_id: int):
    """An issued invoice is final: its edit address shows the invoice's page, which says why,
    and a post to it changes nothing (refused, back to that page)."""
    document = get_document(kind, document_id)
    if kind in NUMBERED_WHEN_ISSUED and not can_edit(document):
        if request.method != "POST":
            return document_detail(kind, document_id)
        back = url_for(f"admin.{kind}_detail", document_id=document.id)
        return refuse_action(ValidationError(final_reason(document)), back)
    return document_form(kind, document)


# The kind's pages, as endpoints <kind>_<page> (routes as in app/blueprints/posting.py).
kind_routes(bp, KINDS, "list", "", document_list)
kind_routes(bp, KINDS, "create", "/new", document_form, methods=("GET", "POST"))
kind_routes(bp, KINDS, "detail", "/<int:document_id>", document_detail)
kind_routes(bp, KINDS, "edit", "/<int:document_id>/edit", _document_edit, methods=("GET", "POST"))
kind_routes(bp, KINDS, "pdf", "/<int:document_id>/pdf", document_pdf_view)


@bp.get("/sales")
def sales_index():
    """The first sales list the person's role shows (invoices, else estimates, else proposals)."""
    for kind, module in KIND_MODULES.items():
        if current_user.can(module, "view"):
            return document_list(kind)
    abort(403)
