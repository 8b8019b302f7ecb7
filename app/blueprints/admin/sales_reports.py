"""Reports → Ageing report, Sales journal, VAT summary: pages and CSV/XLSX exports."""

from datetime import date

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.periods import read_period, usable_period
from app.exports import export_response
from app.htmx import render
from app.labels.sales import AGEING_LABELS, statement_line_label
from app.services.lists import page_number
from app.services.scope import scope_of
from app.services.statements.ageing import COLUMNS, ageing_export_rows, ageing_page
from app.services.statements.journal import journal, journal_page, vat_summary


def _scope():
    return scope_of(current_user)


@bp.get("/reports/ageing")
def report_ageing():
    page, totals = ageing_page(date.today(), page_number(request.args), _scope())
    return render("admin/reports/ageing.html", block="results", page=page, totals=totals,
                  today=date.today())  # fmt: skip


@bp.get("/reports/ageing.csv")
def report_ageing_csv():
    return _ageing_export("csv")


@bp.get("/reports/ageing.xlsx")
def report_ageing_xlsx():
    return _ageing_export("xlsx")


def _ageing_header() -> list[str]:
    return [_("Customer"), _("Currency"), *(str(label) for label in AGEING_LABELS.values()),
            _("Unapplied credit"), _("Total due")]  # fmt: skip


def _ageing_export(kind: str):
    """Every customer's row of today's ageing report (unapplied credit negative)."""
    today = date.today()

    def batches():
        for rows in ageing_export_rows(today, _scope()):
            yield [[row.company, row.currency, *(getattr(row, c) for c in COLUMNS[:-1]),
                    -row.unapplied_credit, row.total] for row in rows]  # fmt: skip

    return export_response(kind, f"ageing-{today}", _ageing_header(), batches(),
                           _("Ageing report"))  # fmt: skip


@bp.get("/reports/sales-journal")
def report_journal():
    period = read_period()
    page = journal_page(period.start, period.end, page_number(request.args), _scope())
    return render("admin/reports/journal.html", block="report", status=period.status,
                  period=period, page=page)  # fmt: skip


@bp.get("/reports/sales-journal.csv")
def report_journal_csv():
    return _journal_export("csv")


@bp.get("/reports/sales-journal.xlsx")
def report_journal_xlsx():
    return _journal_export("xlsx")


def _journal_export(kind: str):
    period = usable_period()
    header = [_("Number"), _("Date"), _("Type"), _("Customer"), _("VAT number"), _("Net"),
              _("Tax"), _("Total"), _("Currency")]  # fmt: skip

    def batches():
        for rows in journal(period.start, period.end, _scope()):
            yield [[row.number, row.day, str(statement_line_label(row.kind)), row.company,
                    row.vat or "", row.net, row.tax, row.total, row.currency]
                   for row in rows]  # fmt: skip

    return export_response(kind, f"sales-journal-{period.start}-{period.end}", header,
                           batches(), _("Sales journal"))  # fmt: skip


@bp.get("/reports/vat-summary")
def report_vat():
    period = read_period()
    rows = vat_summary(period.start, period.end, _scope())
    return render("admin/reports/vat.html", block="report", status=period.status,
                  period=period, rows=rows)  # fmt: skip


@bp.get("/reports/vat-summary.csv")
def report_vat_csv():
    return _vat_export("csv")


@bp.get("/reports/vat-summary.xlsx")
def report_vat_xlsx():
    return _vat_export("xlsx")


def _vat_export(kind: str):
    period = usable_period()
    header = [_("Currency"), _("Tax"), _("Tax rate (%)"), _("Taxable base"), _("Tax amount")]
    rows = [[row.currency, row.name or _("No tax"), row.percent, row.base, row.tax]
            for row in vat_summary(period.start, period.end, _scope())]  # fmt: skip
    return export_response(kind, f"vat-summary-{period.start}-{period.end}", header, [rows],
                           _("VAT summary"))  # fmt: skip
