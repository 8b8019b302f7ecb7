"""Absolute links for emails and other messages, built from BASE_URL.

Never from a request: its Host header is the visitor's to choose, and the CLI and the workers
have none. BASE_URL may carry a path prefix (`https://crm.example.com/comptoir`) when Comptoir
is served below one.
"""

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from flask import current_app

# The query argument that tells a public page (sign-in, set-password) which language to speak:
# links in emails carry the language the email speaks.
LANGUAGE_ARG = "lang"


def external_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """The absolute address of `endpoint` under BASE_URL, e.g. external_url('portal.login')."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme
    )
    url = adapter.build(endpoint, values, force_external=True)
    return url + "#" + quote(_anchor, safe="%!#$&'()*+,/:;=?@") if _anchor else url


def links_in_language(merge: dict, language: str) -> dict:
    """An email's merge values with each of our links (`*_url`) carrying `language`: the page it
    opens (a sign-in page first, if need be) speaks the email's language, not the browser's."""
    return {
        name: with_language(value, language) if name.endswith("_url") and value else value
        for name, value in merge.items()
    }


def with_language(url: str, language: str) -> str:
    """`url` carrying `?lang=<language>` if it is one of ours (under BASE_URL); others as is."""
    base = current_app.config["BASE_URL"].rstrip("/")
    if not (url == base or url.startswith(base + "/")):
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != LANGUAGE_ARG]
    query.append((LANGUAGE_ARG, language))
    return urlunsplit(parts._replace(query=urlencode(query)))
