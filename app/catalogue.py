"""The request's message catalogue, found once per locale instead of once per word.

flask-babel looks the catalogue up on every gettext call (the app context, its babel namespace,
the domain, the locale, a cache keyed by the locale's name: a dozen context-local lookups), and
a list page translates a few hundred words. Here the catalogue is kept beside the locale it was
found for on the request's babel namespace, so `force_locale` (an email in the customer's
language inside a request) and `refresh()` still get the right one: another locale object is
another lookup. Same words, same catalogues (flask-babel still loads and caches them)."""

from flask import Flask, g
from flask_babel import Domain, get_domain, get_translations


def _babel_namespace():
    """flask-babel's per-request namespace (its locale, domain), None outside an app context
    or before flask-babel made it."""
    try:
        return getattr(g._get_current_object(), "_flask_babel", None)
    except RuntimeError:  # no app context
        return None


def catalogue():
    """The translations of the current locale and domain: flask-babel's object, looked up once
    per locale per request (outside a request, or before the locale is chosen, flask-babel's
    own lookup)."""
    babel_context = _babel_namespace()
    locale = getattr(babel_context, "babel_locale", None)
    if locale is None:
        return get_translations()
    domain = getattr(babel_context, "babel_domain", None) or get_domain()
    kept = getattr(babel_context, "comptoir_catalogue", None)
    if kept is None or kept[0] is not locale or kept[1] is not domain:
        kept = (locale, domain, Domain.get_translations(domain))
        babel_context.comptoir_catalogue = kept
    return kept[2]


class RequestDomain(Domain):
    """The default domain, its catalogue found through `catalogue()` (Python's gettext, lazy
    strings, labels)."""

    def get_translations(self):
        if getattr(_babel_namespace(), "babel_locale", None) is None:
            return Domain.get_translations(self)
        return catalogue()


def configure_catalogue(app: Flask) -> None:
    """Templates' `_`, `ngettext`, `pgettext`, `npgettext` and Python's gettext read the
    request's catalogue through `catalogue()` (the same newstyle wrappers: `%` applied)."""
    babel = app.extensions["babel"]
    babel.instance.__dict__["domain_instance"] = RequestDomain(domain=babel.default_domain)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: catalogue().ugettext(s),
        ngettext=lambda s, p, n: catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalogue().unpgettext(c, s, p, n),
        newstyle=True,
    )
