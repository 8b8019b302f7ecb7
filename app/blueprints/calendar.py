"""GET /calendar/<token>.ics: a staff member's calendar feed, for calendar apps (no sign-in).

The token is the secret: the request log writes the path with it hidden (request_log.py masks
every URL argument named like a token), a wrong or regenerated one is a 404, and each link (and
each address trying links that do not work) is throttled."""

from flask import Blueprint, abort, current_app, request

from app.downloads import download_response
from app.extensions import limiter
from app.models import hash_token
from app.services.calendar.feed import calendar_of
from app.services.calendar.links import feed_owner

bp = Blueprint("calendar", __name__)


def _feed_key() -> str:
    """One count per link, whichever server of a calendar service asks for it (named by its
    digest: the throttle's store never holds a working link)."""
    return "calendar:" + hash_token(str((request.view_args or {}).get("token", "")))


@bp.get("/calendar/<token>.ics")
@limiter.limit(lambda: current_app.config["CALENDAR_FEED_LIMIT"], key_func=_feed_key,
               scope="calendar-feed")  # fmt: skip
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_ADDRESS"], scope="calendar-misses",
               deduct_when=lambda response: response.status_code == 404)  # fmt: skip
def feed(token: str):
    owner = feed_owner(token) or abort(404)
    response = download_response(calendar_of(owner), "text/calendar", "tasks.ics", inline=True)
    response.headers["X-Robots-Tag"] = "noindex"
    return response
