"""Which of our fields each column of an imported file fills (its "target").

The guess compares column titles after `header_key` (no case, accents, spaces or punctuation)
with, in this order: the spellings of SYNONYMS (Perfex CRM's and Invoice Ninja's exports, common
titles in our languages), our own customer export's titles in every shipped language, the
fields' names in every shipped language, and the custom fields' keys and labels. The person
corrects the guess on the mapping page; `mapping_problems` says what cannot be imported.
"""

import re
from functools import cache

from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.i18n import shipped_languages
from app.labels.activity import FIELD_LABELS
from app.services.custom_fields.definitions import entity_fields, label_in
from app.services.customers.export import ADDRESS_FIELDS, export_header
from app.services.imports.synonyms import SYNONYMS
from app.text import fold

CUSTOMER_FIELDS = (
    "company", "vat_number", "phone", "website", "address", "city", "state", "zip", "country",
    "billing_street", "billing_city", "billing_state", "billing_zip", "billing_country",
    "shipping_street", "shipping_city", "shipping_state", "shipping_zip", "shipping_country",
    "groups", "currency", "language", "active",
)  # fmt: skip
TARGETS = {
    **{key: FIELD_LABELS[key] for key in CUSTOMER_FIELDS},
    "external_id": _l("External ID"),
    "contact_first_name": _l("Contact first name"),
    "contact_last_name": _l("Contact last name"),
    "contact_full_name": _l("Contact full name"),
    "contact_email": _l("Contact email"),
    "contact_phone": _l("Contact phone"),
    "contact_position": _l("Contact position"),
    "opening_balance": _l("Opening balance"),
    "opening_balance_currency": _l("Opening balance currency"),
    "opening_balance_date": _l("Opening balance date"),
}
REQUIRED = ("company",)
# Our customer export's columns (app/services/customers/export.py::export_header), in order;
# None for "Created", which nothing imports.
EXPORT_TARGETS = (
    "company", "vat_number", "phone", "website", "city", "country", "contact_full_name",
    "contact_email", "groups", "currency", "language", "active", None, *ADDRESS_FIELDS,
    "external_id",
)  # fmt: skip
CUSTOM_PREFIXES = {"customer": "custom:", "contact": "contact_custom:"}


def header_key(title) -> str:
    """A column title as compared: 'Code postal', 'code_postal' and 'CODE-POSTAL' agree. A title
    of punctuation only (Perfex's "#") is kept as written, so that it is not every such title."""
    title = str(title or "").strip()
    return re.sub(r"[\W_]+", "", fold(title)) or title


def _custom_fields() -> list[tuple[str, object]]:
    """(target, field) for each active custom field of customers, then of contacts."""
    return [
        (CUSTOM_PREFIXES[entity] + field.key, field)
        for entity in CUSTOM_PREFIXES
        for field in entity_fields(entity)
    ]


def targets() -> list[tuple[str, str]]:
    """Every target with its label in the reader's language, custom fields last."""
    language = str(get_locale() or "en")
    found = [(key, str(label)) for key, label in TARGETS.items()]
    for target, field in _custom_fields():
        label = label_in(field.labels, language) or field.key
        if target.startswith("contact_custom:"):
            label = _("Contact: %(field)s", field=label)
        found.append((target, label))
    return found


@cache
def _translated_titles(languages: tuple[str, ...]) -> dict[str, str]:
    """Our export's titles and our fields' names in every language -> target."""
    titles = {}
    for language in languages:
        with force_locale(language):
            for title, target in zip(export_header(), EXPORT_TARGETS, strict=True):
                if target:
                    titles.setdefault(header_key(title), target)
            for target, label in TARGETS.items():
                titles.setdefault(header_key(label), target)
    return titles


def _known_titles() -> dict[str, str]:
    titles = {}
    for target, spellings in SYNONYMS.items():
        for spelling in spellings:
            titles.setdefault(header_key(spelling), target)
    for key, target in _translated_titles(tuple(shipped_languages())).items():
        titles.setdefault(key, target)
    for target, field in _custom_fields():
        for title in (field.key, *field.labels.values()):
            titles.setdefault(header_key(title), target)
    return titles


def guess_mapping(headers: list[str]) -> list[str | None]:
    """The target of each column, or None; a target goes to its first column only."""
    titles = _known_titles()
    taken, mapping = set(), []
    for header in headers:
        target = titles.get(header_key(header))
        if target in taken:
            target = None
        taken.add(target)
        mapping.append(target)
    return mapping


def mapping_problems(mapping: list[str | None]) -> list[str]:
    """What keeps this mapping from being imported (empty when nothing does), translated."""
    labels = dict(targets())
    problems = []
    for target in REQUIRED:
        if target not in mapping:
            problems.append(_("No column is mapped to %(field)s.", field=labels[target]))
    seen, reported = set(), set()
    for target in mapping:
        if target is None or target in reported:
            continue
        if target not in labels:
            problems.append(_("There is no field named “%(field)s”.", field=target))
            reported.add(target)
        elif target in seen:
            problems.append(
                _("Several columns are mapped to %(field)s: keep one.", field=labels[target])
            )
            reported.add(target)
        seen.add(target)
    return problems
