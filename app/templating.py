"""The filters and globals every template may use; their words come from app/labels/."""

from operator import attrgetter
from urllib.parse import urlencode

from flask import Flask, current_app, g, has_request_context, request, url_for
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from app.blueprints.portal import MODULE_ENDPOINTS
from app.catalogue import words_once
from app.collation import collated
from app.exports import other_csv_style
from app.i18n import (
    day_maker,
    format_day,
    format_moment,
    language_name,
    language_names,
    language_tag,
    money,
    number,
    percent,
    remember,
    text_direction,
)
from app.labels import activity, options, sales, statuses
from app.links import external_url
from app.models import EMAIL_TOPICS, PORTAL_MODULES, TICKET_PRIORITIES, TICKET_STATUSES
from app.services.branding import brand
from app.services.contracts.status import effective_status as contract_effective_status
from app.services.customers.normalize import format_phone
from app.services.mail.smtp import describe_error
from app.services.projects.status import is_overdue
from app.services.sales.actions import can_answer, can_convert, can_send
from app.services.sales.finality import can_edit, final_reason
from app.services.sales.status import effective_status as document_effective_status
from app.template_class import CodeGenerator, Context, Template, escaped, new_markup
from app.text import plain_text


def address_lines(street, zip_code, city, state, country) -> Markup:
    """An address as escaped lines: street, 'zip city', state, country name."""
    from app.forms.choices import country_name

    lines = [
        street or "",
        " ".join(filter(None, [zip_code, city])),
        state or "",
        country_name(country),
    ]
    parts = [escape(line) for text in lines for line in text.splitlines() if line.strip()]
    return Markup("<br>").join(parts) if parts else Markup("—")


def left_to_right(value) -> Markup:
    """`value` (an email, phone or VAT number, an id) isolated and kept left to right, so that
    right-to-left text around it neither reorders nor absorbs its characters; nothing for None."""
    if value is None or value == "":
        return Markup("")
    if type(value) is str:  # Markup's `%` would escape it the same way, at ten times the cost
        return new_markup(f'<bdi dir="ltr">{escaped(value)}</bdi>')
    return Markup('<bdi dir="ltr">%s</bdi>') % value


def forward_arrow() -> str:
    """The arrow from one value to the next (old → new, start → end) in the reading direction."""
    return "←" if text_direction() == "rtl" else "→"


def rich_text(html: str | None) -> Markup:
    """Staff-written rich text (proposals, contracts), re-sanitised on the way out."""
    from app.services.mail.render import sanitize

    return Markup(sanitize(html or ""))  # noqa: S704 (allow-list sanitiser)


def has_logo() -> bool:
    """Whether a company logo was uploaded (asked once per request)."""
    from flask import g

    from app.services.settings import logo

    if "has_logo" not in g:
        g.has_logo = logo() is not None
    return g.has_logo


def staff_can(module: str, action: str) -> bool:
    """Whether the signed-in staff member's role grants `action` on `module` ("view": all or
    own), for buttons and menus; macros see it too (they do not see current_user)."""
    from flask_login import current_user

    user = current_user._get_current_object()  # once: each use of the proxy looks it up again
    return getattr(user, "kind", None) == "staff" and user.can(module, action)


def staff_can_use(endpoint: str, method: str = "GET") -> bool:
    """Whether the signed-in staff member may open `endpoint` (its declared capability)."""
    from flask_login import current_user

    from app.blueprints.admin.capabilities import can_use

    user = current_user._get_current_object()  # once, for can_use too (a menu asks ~25 times)
    return getattr(user, "kind", None) == "staff" and can_use(endpoint, method, user)


def change_value(name: str, value) -> str:
    """A logged value as people read it: Yes/No, country and language names, phones."""
    from flask_babel import gettext as _

    from app.forms.choices import country_name

    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "country" or name.endswith("_country"):
        return country_name(value)
    if name == "language":
        return language_name(value)
    if name == "phone":
        return format_phone(value)
    if name == "next_date":  # kept as YYYY-MM-DD
        from datetime import date

        return format_day(date.fromisoformat(value))
    return str(value)


def page_url(page: int) -> str:
    """This list's address with its filters kept and another page number (the query string is
    copied as is: its keys never reach url_for, which reads _external, _method… itself)."""
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
    path = url_for(request.endpoint, **(request.view_args or {}))
    return f"{path}?{urlencode([*query, ('page', page)])}"


def remembered_url_for(endpoint: str, **values) -> str:
    """Templates' url_for: Flask's, remembered per process. An address depends only on the URL
    map (fixed once the app is made), the endpoint, its values and where the request reached the
    app (no url_defaults are registered: if one ever is, nothing is remembered). Relative
    endpoints, `_external` and co, values other than text and whole numbers, and calls outside
    a request go to url_for every time. A page asks for 50-100 addresses, most of them the same
    menu, scripts and links on every page."""
    site = _site() if endpoint[:1] != "." else None
    if site is None or not all(type(v) in (str, int) and k[:1] != "_" for k, v in values.items()):
        return url_for(endpoint, **values)
    key = (*site, endpoint, *sorted((k, v, type(v) is int) for k, v in values.items()))
    address = _URLS.get(key)
    if address is None:
        address = remember(_URLS, key, url_for(endpoint, **values))
    return address


def _site() -> tuple | None:
    """Where this request reached the app (script root, host), found once per request (the
    host is worked out from the headers at each read); None outside a request, or when the
    app registers url_defaults (then nothing is remembered)."""
    if not has_request_context():
        return None
    asked = request._get_current_object()  # kept on the request: an app context outlives it
    site = getattr(asked, "comptoir_site", None)
    if site is None:
        kept = not current_app.url_default_functions
        site = asked.comptoir_site = (asked.script_root, asked.host) if kept else ()
    return site or None


_URLS: dict[tuple, str] = {}


def url_maker(endpoint: str, name: str):
    """url_for(endpoint, name=id) as a function of the id, built once: a list links each of its
    rows to its record (the same address, another number, with no url_for per row)."""
    marker = 8_642_097_531_864_297  # an id no route has: the address is cut where it stands
    head, found, tail = url_for(endpoint, **{name: marker}).partition(str(marker))
    if not found:  # an endpoint that does not write the id as it is: url_for every time
        return lambda value: url_for(endpoint, **{name: value})
    return lambda value: f"{head}{int(value)}{tail}"


def csrf_token() -> str:
    """The request's CSRF token, as flask-wtf's generate_csrf gives it: made once per request and
    kept on `g` (read straight from there: a list writes it in every row's form)."""
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    return token if token is not None else generate_csrf()


def may_change_member(member) -> bool:
    """Whether the signed-in staff member may change a colleague's account (their buttons)."""
    from app.blueprints.admin.capabilities import may_change_member as allowed

    return allowed(member)


def configure_templating(app: Flask) -> None:
    """Register the helpers every template may use (the one place templates get their globals)."""
    # Imports, calls and written values made cheaper, with the same results (app/template_class.py).
    app.jinja_env.template_class, app.jinja_env.context_class = Template, Context
    app.jinja_env.code_generator_class = CodeGenerator
    app.jinja_env.filters.update(
        phone=format_phone,
        # `{{ contact.email|ltr }}`: stays left to right inside right-to-left text.
        ltr=left_to_right,
        plain_text=plain_text,
        date=format_day,
        datetime=format_moment,
        money=money,
        number=number,
        # `groups|collated("name")`: sorted by the reader's language (app/collation.py).
        collated=lambda items, attribute=None: collated(
            items, attrgetter(attribute) if attribute else None
        ),
        mail_error=describe_error,  # an outbox row's failure, in the reader's language
    )
    app.jinja_env.globals.update(
        # The active locale's helpers (app/i18n.py) and email links (app/links.py).
        get_locale=get_locale,
        text_direction=text_direction,
        language_tag=language_tag,  # `lang="{{ language_tag(code) }}"`: pt-BR, never pt_BR
        forward_arrow=forward_arrow,
        language_names=language_names,
        percent=percent,
        external_url=external_url,
        portal_modules=PORTAL_MODULES,
        email_topics=EMAIL_TOPICS,
        portal_module_endpoints=MODULE_ENDPOINTS,
        language_name=language_name,
        address_lines=address_lines,
        change_value=change_value,
        rich_text=rich_text,
        page_url=page_url,
        can_answer=can_answer,
        can_convert=can_convert,
        can_edit=can_edit,
        final_reason=final_reason,
        can_send=can_send,
        has_logo=has_logo,
        brand=brand,
        can=staff_can,
        can_use=staff_can_use,
        may_change_member=may_change_member,
        url_for=remembered_url_for,
        url_maker=url_maker,
        day_maker=day_maker,  # `{% set day = day_maker() %}`: a list's dates, one per row
        csrf_token=csrf_token,  # replaces flask-wtf's (the same token, found faster)
        ticket_statuses=TICKET_STATUSES,
        ticket_priorities=TICKET_PRIORITIES,
        project_overdue=is_overdue,
        # What a badge shows is the status people see (overdue, expired…), not the stored one.
        document_effective_status=document_effective_status,
        contract_effective_status=contract_effective_status,
    )
    # The words for stored keys, all from app/labels/, translated once per request when shown
    # again (app/catalogue.py).
    app.jinja_env.globals.update(
        kind_label=words_once(sales.kind_label),
        document_status_label=words_once(statuses.document_status_label),
        document_number=words_once(sales.document_number),
        document_title=words_once(sales.document_title),
        mark_as_sent_label=words_once(sales.mark_as_sent_label),
        contract_status_label=words_once(statuses.contract_status_label),
        article_status_label=words_once(statuses.article_status_label),
        ticket_status_label=words_once(statuses.ticket_status_label),
        ticket_priority_label=words_once(options.ticket_priority_label),
        project_status_label=words_once(statuses.project_status_label),
        task_status_label=words_once(statuses.task_status_label),
        outbox_status_label=words_once(statuses.outbox_status_label),
        recurring_status_label=words_once(statuses.recurring_status_label),
        import_status_label=words_once(statuses.import_status_label),
        interval_label=words_once(sales.interval_label),
        payment_mode_label=words_once(sales.payment_mode_label),
        reminder_stage_label=words_once(sales.reminder_stage_label),
        module_label=words_once(options.module_label),
        activity_label=words_once(activity.activity_label),
        privacy_kind_label=words_once(options.privacy_kind_label),
        privacy_status_label=words_once(statuses.privacy_status_label),
        field_name=words_once(activity.field_name),
        custom_entity_label=words_once(options.custom_entity_label),
        custom_type_label=words_once(options.custom_type_label),
        active_label=words_once(statuses.active_label),
        security_event_label=words_once(activity.security_event_label),
        deadline_overdue=statuses.DEADLINE_OVERDUE,
        statement_line_label=words_once(sales.statement_line_label),
        ageing_labels=sales.AGEING_LABELS,
    )
    # The export menu's second CSV convention (app/exports.py).
    app.jinja_env.globals["other_csv_style"] = lambda: other_csv_style(str(get_locale() or "en"))
