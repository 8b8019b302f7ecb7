"""Reports: customer groups (with a chart and CSV) and top customers."""

from datetime import date
from decimal import Decimal

from flask import request
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user

from app.blueprints.admin import bp
from app.exports import export_response
from app.htmx import render
from app.services.reports import SORTS, date_range, groups_report, top_customers
from app.services.scope import scope_of


def currency_decimals_of(code: str) -> int:
    from app.i18n import currency_decimals

    decimals = currency_decimals(code)
    return 2 if decimals is None else decimals


def _range():
    def day(name):
        try:
            return date.fromisoformat(request.args.get(name, ""))
        except ValueError:
            return None

    return date_range(request.args.get("range", "this_year"), day("from"), day("to"))


def _range_problem(preset: str) -> bool:
    """A custom range was asked for but its dates could not be used."""
    return request.args.get("range") == "custom" and preset != "custom"


@bp.get("/reports")
def report_index():
    return report_groups()


@bp.get("/reports/customer-groups")
def report_groups():
    preset, start, end = _range()
    sort = request.args.get("sort") if request.args.get("sort") in SORTS else "invoiced"
    reports = groups_report(start, end, sort, scope_of(current_user))
    return render("admin/reports/groups.html", block="report", reports=reports, preset=preset,
                  start=start, end=end, sort=sort,
                  range_problem=_range_problem(preset))  # fmt: skip


@bp.get("/reports/customer-groups.csv")
def report_groups_csv():
    return _groups_export("csv")


@bp.get("/reports/customer-groups.xlsx")
def report_groups_xlsx():
    return _groups_export("xlsx")


def _groups_export(kind: str):
    """The groups report of the chosen range as a CSV (the reader's convention) or XLSX."""
    _preset, start, end = _range()
    sort = request.args.get("sort") if request.args.get("sort") in SORTS else "invoiced"
    header = [_("Currency"), _("Group"), _("Customers"), _("Invoices"), _("Invoiced"),
              pgettext("amount", "Paid"), _("Outstanding"), _("Average invoice"),
              _("Share of revenue")]  # fmt: skip
    rows = []
    for report in groups_report(start, end, sort, scope_of(current_user)):
        places = Decimal(1).scaleb(-currency_decimals_of(report.currency))
        for row in report.rows:
            amounts = [
                a.quantize(places) for a in (row.invoiced, row.paid, row.outstanding, row.average)
            ]
            rows.append([report.currency, row.name or _("No group"), row.customers, row.invoices,
                         *amounts, report.share(row).quantize(Decimal("0.1"))])  # fmt: skip
    return export_response(kind, f"customer-groups-{start}-{end}", header, [rows],
                           _("Customer groups report"))  # fmt: skip


@bp.get("/reports/customers")
def report_customers():
    preset, start, end = _range()
    rows = top_customers(start, end, scope=scope_of(current_user))
    return render("admin/reports/customers.html", rows=rows, preset=preset,
                  start=start, end=end)  # fmt: skip
