"""Sorting names the way the reader's language does: ICU collation with each language's
tailoring (French: Bénin before Burundi, Île among the I's; Spanish: Ñ after N; Polish: Ł after
L). Lists sorted in Python go through `sort_key`/`collated`; SQL keeps its own ORDER BY for big,
paged lists. No app imports: forms, services and templates read it."""

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

import icu
from flask_babel import get_locale

T = TypeVar("T")


@lru_cache(maxsize=64)
def collator(locale: str) -> icu.Collator:
    """One ICU collator per locale code ('fr', 'es', 'pl', 'de_CH'), made once (its const
    methods, such as getSortKey, are safe to share between threads)."""
    return icu.Collator.createInstance(icu.Locale(locale))


def current_locale() -> str:
    """The locale the page or email is being written in ('en' outside any app context)."""
    locale = get_locale()  # None without an app context (a bare script)
    return str(locale) if locale else "en"


def sort_key(locale: str | None = None) -> Callable[[str | None], bytes]:
    """A key function ordering text as `locale` (default: the current one) does; None sorts
    like an empty string."""
    get_key = collator(locale or current_locale()).getSortKey
    return lambda text: get_key(text or "")


def collated(
    items: Iterable[T], name: Callable[[T], str | None] | None = None, locale: str | None = None
) -> list[T]:
    """`items` sorted by `name(item)` (the item itself by default) in `locale`'s order."""
    items = list(items)
    if len(items) < 2:  # nothing to order (a list row's one group, or none)
        return items
    key = sort_key(locale)
    name = name or (lambda item: item)
    return sorted(items, key=lambda item: key(name(item)))
