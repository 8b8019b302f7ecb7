"""Email templates rendered by plain merge-field replacement (never Jinja on staff text)."""

import html
import re
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser

import nh3
from babel.dates import format_timedelta
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from app.extensions import db
from app.i18n import resolve_language
from app.models import EmailTemplate
from app.services import FormErrors
from app.services.branding import company_name
from app.services.custom_fields.merge import custom_merge_names, custom_merge_samples
from app.services.mail.registry import BY_KEY
from app.services.mail.samples import SAMPLE
from app.services.settings import get_settings

MERGE_FIELD = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "a",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "blockquote",
    "span",
    "div",
    "hr",
}
SUBJECT_MAX = 255


@dataclass
class Rendered:
    subject: str
    html: str
    text: str


def sanitize(body: str) -> str:
    """Staff-written HTML reduced to an allow-list of tags and attributes."""
    return nh3.clean(
        body or "",
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def rich_text(errors, field: str, body: str | None, limit: int, empty: str) -> str:
    """Rich text typed in the editor (a note, an article), sanitised; refused beside `field`
    when longer than `limit` or when nothing readable is left (`empty` says what to write)."""
    body = (body or "").strip()
    if len(body) > limit:
        errors.add(field, _("Use at most %(n)d characters.", n=limit))
        return ""
    clean = sanitize(body).strip()
    if not nh3.clean(clean, tags=set()).strip():
        errors.add(field, empty)
    return clean


def merge_fields(key: str) -> tuple[str, ...]:
    """The merge fields template `key` offers: a template that names a contact also offers
    the active custom fields of customers and contacts."""
    fields = BY_KEY[key].fields
    return fields + custom_merge_names() if "contact_firstname" in fields else fields


def unknown_fields(key: str, *texts: str) -> list[str]:
    """Merge fields used in `texts` that template `key` does not offer."""
    allowed = set(merge_fields(key))
    used = {name for text in texts for name in MERGE_FIELD.findall(text or "")}
    return sorted(used - allowed)


def check_template(key: str, subject: str, body: str) -> None:
    """Refuse unknown merge fields, an empty or multi-line subject, an empty body."""
    errors: dict[str, list[str]] = {}
    subject = (subject or "").strip()
    if not subject:
        errors["subject"] = [_("Enter a subject.")]
    elif "\r" in subject or "\n" in subject or len(subject) > SUBJECT_MAX:
        errors["subject"] = [_("The subject must be one line of at most 255 characters.")]
    bad = unknown_fields(key, subject)
    if bad:
        errors.setdefault("subject", []).append(_unknown_message(bad))
    if not sanitize(body).strip():
        errors["body_html"] = [_("Enter the message.")]
    bad = unknown_fields(key, body)
    if bad:
        errors.setdefault("body_html", []).append(_unknown_message(bad))
    if errors:
        raise FormErrors(errors)


def _unknown_message(names: list[str]) -> str:
    return _(
        "This template does not know these merge fields: %(fields)s.",
        fields=", ".join(f"{{{n}}}" for n in names),
    )


def as_text(values: dict, language: str) -> dict:
    """Merge values as text in `language`: durations become words ('3 jours')."""
    return {
        name: format_timedelta(value, locale=language) if isinstance(value, timedelta) else value
        for name, value in values.items()
    }


BLOCK = re.compile(r"<(p|li|h[1-3]|blockquote)\b[^>]*>.*?</\1>", re.S)


def drop_empty_blocks(body: str, values: dict) -> str:
    """Leave out a paragraph whose merge field has no value (e.g. no link when not needed)."""

    def keep(match: re.Match) -> str:
        names = MERGE_FIELD.findall(match.group(0))
        return (
            ""
            if any(name in values and values[name] in ("", None) for name in names)
            else (match.group(0))
        )

    return BLOCK.sub(keep, body)


def substitute(text: str, values: dict, escape: bool) -> str:
    """Replace each known {field} once (values are never scanned again)."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        value = values[name]
        if isinstance(value, Markup):  # already safe HTML (e.g. a reply with its line breaks)
            return str(value) if escape else value.striptags()
        value = str(value)
        return html.escape(value, quote=True) if escape else value

    return MERGE_FIELD.sub(replace, text or "")


class _TextMaker(HTMLParser):
    """HTML to readable plain text: paragraphs and line breaks kept, links written out."""

    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "blockquote", "ul", "ol", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
            if tag == "li":
                self.parts.append("- ")
        elif tag == "a":
            self.href, self.link_text = dict(attrs).get("href"), []

    def handle_endtag(self, tag):
        if tag == "a" and self.href is not None:
            text = "".join(self.link_text).strip()
            self.parts.append(
                text if text == self.href or not self.href else f"{text} ({self.href})"
            )
            self.href = None
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        (self.link_text if self.href is not None else self.parts).append(data)


def html_to_text(body: str) -> str:
    """The plain-text part of a message, derived from its HTML."""
    maker = _TextMaker()
    maker.feed(body)
    maker.close()
    text = re.sub(r"[ \t]+", " ", "".join(maker.parts))
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def saved_template(key: str, language: str) -> EmailTemplate | None:
    return db.session.scalar(
        select(EmailTemplate).where(EmailTemplate.key == key, EmailTemplate.language == language)
    )


def template_texts(key: str, language: str) -> tuple[str, str, bool]:
    """(subject, body, active) of a template: the saved one, else the shipped default."""
    saved = saved_template(key, language)
    if saved is not None:
        return saved.subject, saved.body_html, saved.active
    spec = BY_KEY[key]
    with force_locale(language):
        return str(spec.subject), str(spec.body), True


def render_email(key: str, language: str, values: dict) -> Rendered | None:
    """The message of template `key` in `language` (None if staff switched it off)."""
    language = resolve_language(language)
    subject, body, active = template_texts(key, language)
    if not active:
        return None
    values = as_text({"company_name": company_name(), **values}, language)
    body_html = substitute(drop_empty_blocks(sanitize(body), values), values, escape=True)
    subject = substitute(subject, values, escape=False)
    with force_locale(language):
        page = render_template(
            "email/layout.html",
            body=Markup(body_html),  # noqa: S704 (sanitised by nh3, fields escaped)
            settings=get_settings(),
            company=company_name(),
            language=language,
        )
    return Rendered(subject=subject, html=page, text=html_to_text(body_html))


def preview(key: str, language: str, subject: str, body: str) -> Rendered:
    """The template as typed, filled with sample data (nothing saved, nothing sent)."""
    samples = custom_merge_samples(language) if "contact_firstname" in BY_KEY[key].fields else {}
    values = as_text({"company_name": company_name(), **SAMPLE, **samples}, language)
    body_html = substitute(drop_empty_blocks(sanitize(body), values), values, escape=True)
    # Markup: the body went through the allow-list sanitiser and every value was escaped.
    return Rendered(
        subject=substitute(subject, values, escape=False),
        html=Markup(body_html),  # noqa: S704
        text=html_to_text(body_html),
    )
