"""The request's message catalogue, found once per locale instead of once per word.

flask-babel looks the catalogue up on every gettext call (the app context, its babel namespace,
the domain, the locale, a cache keyed by the locale's name: a dozen context-local lookups), and
a list page translates a few hundred words. Here the catalogue is kept beside the locale it was
found for on the request's babel namespace, so `force_locale` (an email in the customer's
language inside a request) and `refresh()` still get the right one: another locale object is
another lookup. Same words, same catalogues (flask-babel still loads and caches them)."""

import re

from flask import Flask, g, has_request_context
from flask_babel import Domain, get_domain, get_translations
from flask_babel.speaklater import LazyString
from jinja2 import pass_eval_context
from markupsafe import Markup

from app.template_class import escaped, new_markup


def _babel_namespace():
    """flask-babel's per-request namespace (its locale, domain), None outside an app context
    or before flask-babel made it."""
    try:
        return getattr(g._get_current_object(), "_flask_babel", None)
    except RuntimeError:  # no app context
        return None


def _kept(babel_context) -> tuple | None:
    """(locale, domain, translations, words shown) of the request's locale and domain, made
    once per locale per request; None before the locale is chosen."""
    locale = getattr(babel_context, "babel_locale", None)
    if locale is None:
        return None
    domain = getattr(babel_context, "babel_domain", None) or get_domain()
    kept = getattr(babel_context, "comptoir_catalogue", None)
    if kept is None or kept[0] is not locale or kept[1] is not domain:
        kept = (locale, domain, Domain.get_translations(domain), {})
        babel_context.comptoir_catalogue = kept
    return kept


def catalogue():
    """The translations of the current locale and domain: flask-babel's object, looked up once
    per locale per request (outside a request, or before the locale is chosen, flask-babel's
    own lookup)."""
    kept = _kept(_babel_namespace())
    return get_translations() if kept is None else kept[2]


def words_once(label_of):
    """`label_of` (a label function of app/labels/) for templates: the lazy string it gives is
    translated once per request and catalogue, and comes back as a lazy string of that text.
    flask-babel finds the catalogue again each time a lazy string is shown, and a list shows
    its column's name and a row's state in every row. The same text, and still a lazy string
    (escaped, compared and joined as the label would be)."""

    def label(*args, **kwargs):
        value = label_of(*args, **kwargs)
        if type(value) is not LazyString or not has_request_context():
            return value
        kept = _kept(_babel_namespace())
        if kept is None:
            return value
        shown = kept[3].get(id(value))  # this catalogue's words
        if shown is None:  # the label is kept too: its id stays its own
            shown = kept[3][id(value)] = (value, LazyString(str, str(value)))
        return shown[1]

    return label


class RequestDomain(Domain):
    """The default domain, its catalogue found through `catalogue()` (Python's gettext, lazy
    strings, labels)."""

    def get_translations(self):
        if getattr(_babel_namespace(), "babel_locale", None) is None:
            return Domain.get_translations(self)
        return catalogue()


# Templates' newstyle gettext, as Jinja's i18n extension makes it (jinja2/ext.py, _make_new_*):
# the translation, Markup when autoescaping, then `%` with the variables, plus two shortcuts that
# change no output: the catalogue is called directly (not through Context.call), and `%` is
# skipped when there is neither a variable nor a "%" to apply it to (a page translates a few
# hundred words, most of them plain: `"Customers" % {}` is "Customers"). They are given the
# evaluation context (all they read of Jinja's context is its autoescape), which the app's
# Context passes without going through Jinja's `call`.


def _trusted(eval_ctx, rv: str):
    """A translation is markup the catalogue's translators wrote (Jinja's own rule)."""
    return new_markup(rv) if eval_ctx.autoescape else rv


# A translation whose only placeholders are `%(name)s` (and `%%`): filled with text values, it
# reads the same as Markup's `%` writes it (each value escaped), without its helper objects.
_NAMED_TEXT = re.compile(r"(?:[^%]|%%|%\(\w+\)s)*", re.DOTALL)
_ONLY_NAMED_TEXT: dict[str, bool] = {}


def _filled(rv, variables: dict):
    """`rv % variables`, as Jinja's newstyle gettext applies it."""
    if type(rv) is Markup:
        plain = _ONLY_NAMED_TEXT.get(rv)
        if plain is None:
            plain = _ONLY_NAMED_TEXT.setdefault(str(rv), bool(_NAMED_TEXT.fullmatch(rv)))
        values = {}
        for name, value in variables.items() if plain else ():
            if type(value) is not str:
                return rv % variables
            values[name] = escaped(value)
        if plain:
            return new_markup(str.__mod__(rv, values))
    return rv % variables


@pass_eval_context
def _gettext(__eval_ctx, __string, **variables):
    rv = catalogue().ugettext(__string)
    rv = _trusted(__eval_ctx, rv)
    return _filled(rv, variables) if variables or "%" in rv else rv


@pass_eval_context
def _ngettext(__eval_ctx, __singular, __plural, __num, **variables):
    variables.setdefault("num", __num)
    rv = catalogue().ungettext(__singular, __plural, __num)
    rv = _trusted(__eval_ctx, rv)
    return rv % variables


@pass_eval_context
def _pgettext(__eval_ctx, __string_ctx, __string, **variables):
    variables.setdefault("context", __string_ctx)
    rv = catalogue().upgettext(__string_ctx, __string)
    rv = _trusted(__eval_ctx, rv)
    return rv % variables


@pass_eval_context
def _npgettext(__eval_ctx, __string_ctx, __singular, __plural, __num, **variables):
    variables.setdefault("context", __string_ctx)
    variables.setdefault("num", __num)
    rv = catalogue().unpgettext(__string_ctx, __singular, __plural, __num)
    rv = _trusted(__eval_ctx, rv)
    return rv % variables


def configure_catalogue(app: Flask) -> None:
    """Templates' `_`, `ngettext`, `pgettext`, `npgettext` and Python's gettext read the
    request's catalogue through `catalogue()` (newstyle: `%` applied, as Jinja's own)."""
    babel = app.extensions["babel"]
    babel.instance.__dict__["domain_instance"] = RequestDomain(domain=babel.default_domain)
    app.jinja_env.newstyle_gettext = True
    app.jinja_env.globals.update(gettext=_gettext, ngettext=_ngettext, pgettext=_pgettext,
                                 npgettext=_npgettext, _=_gettext)  # fmt: skip
