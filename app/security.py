"""Response hardening and the rule that `next=` only leads to our own paths."""

from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, request
from werkzeug.routing import IntegerConverter

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HSTS = "max-age=31536000"


def safe_next_path(target: str | None, default: str) -> str:
    """Return `target` if it is a path on this site, else `default` (no open redirects)."""
    if not target:
        return default
    target = target.strip()
    # Browsers read a backslash as a slash and ignore tabs/newlines inside URLs.
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def add_security_headers(response: Response) -> Response:
    """Headers every response carries."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if response.mimetype == "text/html":
        headers.setdefault("Cache-Control", "no-store")
    if current_app.config["BASE_URL"].startswith("https://"):
        # Served over HTTPS only: browsers refuse plain HTTP to this host for a year.
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


class BoundedInt(IntegerConverter):
    """`<int:...>` in URLs: ids beyond a 32-bit integer are a 404, not a database error."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=2**31 - 1, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def refuse_nul_bytes():
    """A NUL byte in a form or query is never legitimate (and PostgreSQL cannot store it)."""
    values = list(request.args.values()) + list(request.form.values())
    if any("\x00" in value for value in values):
        abort(400)


def configure_security(app: Flask) -> None:
    """Install the security headers and, behind a proxy, trust its forwarded headers."""
    app.after_request(add_security_headers)
    app.before_request(refuse_nul_bytes)
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )
