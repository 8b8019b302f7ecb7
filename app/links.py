"""Absolute links for emails and other messages, built from BASE_URL.

Never from a request: its Host header is the visitor's to choose, and the CLI and the workers
have none. BASE_URL may carry a path prefix (`https://crm.example.com/comptoir`) when Comptoir
is served below one.
"""

from urllib.parse import quote, urlsplit

from flask import current_app


def external_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """The absolute address of `endpoint` under BASE_URL, e.g. external_url('portal.login')."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme
    )
    url = adapter.build(endpoint, values, force_external=True)
    return url + "#" + quote(_anchor, safe="%!#$&'()*+,/:;=?@") if _anchor else url
