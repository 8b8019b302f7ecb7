"""htmx helpers: one URL answers a whole page or the block an htmx request targets."""

import json

from flask import Response, make_response, redirect, render_template, request
from jinja2_fragments.flask import render_block


def is_htmx() -> bool:
    """True when htmx asks for a fragment: not a history restore, nor a boosted link or form,
    which replace the whole page and so need it all (header, menu, title)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and not headers.get("HX-History-Restore-Request")
        and headers.get("HX-Boosted") != "true"
    )


def render(template: str, block: str | None = None, status: int = 200, **context) -> Response:
    """Render the page, or only `block` for htmx; both vary on HX-Request."""
    if block and is_htmx():
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    response.vary.add("HX-Boosted")
    return response


def hx_trigger(response: Response, **events) -> Response:
    """Ask the page to fire each event, with its detail, once the response is swapped."""
    response.headers["HX-Trigger"] = json.dumps(events)
    return response


def hx_redirect(location: str) -> Response:
    """Send htmx to a new page with a full navigation."""
    response = make_response("", 204)
    response.headers["HX-Redirect"] = location
    return response


def see_other(location: str) -> Response:
    """After a successful POST: a full navigation for htmx (a 303 would be followed and its page
    swapped into the form), a 303 redirect otherwise."""
    return hx_redirect(location) if is_htmx() else redirect(location, 303)


def form_status(form) -> int:
    """A form shown again after a POST was refused (422); shown fresh it is 200."""
    return 422 if form.is_submitted() else 200
