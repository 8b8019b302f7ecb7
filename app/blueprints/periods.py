"""The period a statement or sales report shows, read from the query string (from, to)."""

from dataclasses import dataclass
from datetime import date

from flask import abort, request
from flask_babel import gettext as _
from flask_login import current_user

from app.forms import show_errors
from app.forms.statements import PeriodForm
from app.htmx import render
from app.services import FormErrors
from app.services.statements.period import PRESETS, checked_period, preset_period


@dataclass
class Period:
    form: PeriodForm
    start: date
    end: date

    @property
    def refused(self) -> bool:
        """A date typed could not be used: the page says so beside it (status 422) and shows
        the default period."""
        return bool(self.form.errors)

    @property
    def status(self) -> int:
        return 422 if self.refused else 200

    @property
    def args(self) -> dict:
        """The query string of this period (links to its PDF and exports)."""
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    @staticmethod
    def presets() -> list[tuple[str, dict]]:
        """(preset key, query string) of each preset link."""
        out = []
        for key in PRESETS:
            start, end = preset_period(key)
            out.append((key, {"from": start.isoformat(), "to": end.isoformat()}))
        return out


def read_period() -> Period:
    """The period of `from`/`to` in the query string (default: this year to today); typed
    dates that cannot be used put their message on the form, and the default is shown."""
    form = PeriodForm(formdata=request.args)
    default = preset_period("this_year")
    if not form.validate():
        return Period(form, *default)
    try:
        start, end = checked_period(form.start.data, form.end.data)
    except FormErrors as exc:
        show_errors(form, exc)
        return Period(form, *default)
    form.start.data, form.end.data = start, end
    return Period(form, start, end)


def usable_period() -> Period:
    """For a PDF, an export or an email: the period typed, never the default in its place; dates
    that cannot be used answer a short page saying what is wrong (422)."""
    period = read_period()
    if period.refused:
        layout = "layouts/portal.html" if current_user.kind == "contact" else "layouts/admin.html"
        problems = [message for errors in period.form.errors.values() for message in errors]
        abort(render("errors/error.html", block="content", status=422, layout=layout, code=422,
                     title=_("This period cannot be used: choose it again."),
                     message=" ".join(problems)))  # fmt: skip
    return period
