"""One line per request on stdout: request id, method, path (no query string, secret path
segments masked), status and milliseconds until the answer's headers. The id comes from a
well-formed incoming X-Request-ID or is made here, and goes back as X-Request-ID."""

import logging
import re
import sys
import time
import uuid

from flask import Flask, has_request_context, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

ENVIRON_KEY = "comptoir.request_id"
VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,100}")
MASK = "[hidden]"
logger = logging.getLogger("comptoir.requests")


def secret_argument(name: str) -> bool:
    """URL parts that let whoever holds them in (reset, invitation, feed links)."""
    return "token" in name or "secret" in name


class StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is at the time (a server's, or a test's capture)."""

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, _value):
        pass


class RequestLog:
    """WSGI middleware around the whole app: it sees every answer, error pages included."""

    def __init__(self, app: Flask):
        self.flask_app, self.wsgi_app = app, app.wsgi_app
        self.rule_parts: dict[str, list[tuple[str, str | None]]] = {}
        # The fixed start of each URL carrying a secret ("/admin/reset-password/"), so a
        # mistyped link (a 404) is masked as well as a matched one.
        self.secret_prefixes = tuple(
            rule.rule.split("<", 1)[0]
            for rule in app.url_map.iter_rules()
            if any(secret_argument(name) for name in rule.arguments)
        )

    def matched(self, environ):
        """The rule and values of the request's URL: those Flask matched when the answer starts
        inside its request (no second match per request), else matched here; (None, {})."""
        if has_request_context() and request.environ is environ:
            return request.url_rule, request.view_args or {}
        try:
            return self.flask_app.url_map.bind_to_environ(environ).match(return_rule=True)
        except (HTTPException, RequestRedirect):
            return None, {}

    def shown_parts(self, rule: str) -> list[tuple[str, str | None]]:
        """The rule's fixed text and variable names, split once per rule."""
        parts = self.rule_parts.get(rule)
        if parts is None:
            parts = [(part, part[1:-1].split(":")[-1] if part.startswith("<") else None)
                     for part in re.split(r"(<[^>]+>)", rule)]  # fmt: skip
            self.rule_parts[rule] = parts
        return parts

    def masked_path(self, environ) -> str:
        path = environ.get("PATH_INFO") or "/"
        rule, values = self.matched(environ)
        if rule is not None:
            shown = []
            for part, name in self.shown_parts(rule.rule):
                if name is None:
                    shown.append(part)
                else:
                    shown.append(MASK if secret_argument(name) else str(values.get(name, "")))
            return "".join(shown)
        for prefix in self.secret_prefixes:
            if path.startswith(prefix) and len(path) > len(prefix):
                rest = path[len(prefix) :].split("/", 1)
                return prefix + MASK + ("/" + rest[1] if len(rest) > 1 else "")
        return path

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if VALID_ID.fullmatch(incoming) else uuid.uuid4().hex
        environ[ENVIRON_KEY] = request_id

        def logged_start(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"]
            headers.append(("X-Request-ID", request_id))
            milliseconds = (time.perf_counter() - started) * 1000
            logger.info(
                "request_id=%s method=%s path=%s status=%s duration_ms=%.1f",
                request_id,
                environ.get("REQUEST_METHOD", "-"),
                self.masked_path(environ),
                status.split(" ", 1)[0],
                milliseconds,
            )
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, logged_start)


def request_id() -> str | None:
    """The id of the request being answered (shown on error pages)."""
    return request.environ.get(ENVIRON_KEY)


def configure_request_log(app: Flask) -> None:
    """Wrap the app (after every route exists) and send the lines to stdout."""
    if not any(isinstance(handler, StdoutHandler) for handler in logger.handlers):
        handler = StdoutHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    app.wsgi_app = RequestLog(app)
